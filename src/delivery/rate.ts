/**
 * Telegram's limits, kept on this side so they are never hit: a global rate (token bucket), one
 * message per second per chat, and a number per minute per group. Times are monotonic
 * milliseconds (performance.now), not the injected clock: these are real waits.
 */

/**
 * A token bucket whose refill plus burst stays under `rate` in any one-second window: the burst
 * and a 3% margin are taken out of the refill, because Telegram counts arrivals, and requests
 * sent evenly arrive bunched by a few milliseconds (event loop and GC pauses on either side).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  readonly burst: number;
  readonly refillPerMs: number;

  constructor(rate: number, now: number) {
    this.burst = Math.max(1, Math.round(rate / 100));
    this.refillPerMs = Math.max(rate * 0.5, rate * 0.97 - this.burst) / 1000;
    this.tokens = this.burst;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.refillPerMs);
    this.last = Math.max(this.last, now);
  }

  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.refillPerMs);
  }

  /** After a 429 the bucket starts empty again. */
  drain(now: number): void {
    this.refill(now);
    this.tokens = 0;
  }
}

export interface ChatLimits {
  /** Least time between two messages to one chat (Telegram: about one per second). */
  perChatMs: number;
  /** At most this many messages per group (or channel) in any window of `groupWindowMs`. */
  groupLimit: number;
  groupWindowMs: number;
}

export const TELEGRAM_CHAT_LIMITS: ChatLimits = { perChatMs: 1_100, groupLimit: 20, groupWindowMs: 61_000 };

/** Per-chat spacing and per-group windows; entries of chats not written to lately are dropped. */
export class ChatPacer {
  private readonly lastSent = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private lastPrune = 0;

  constructor(private readonly limits: ChatLimits) {}

  /** The earliest moment a message may go to this chat. */
  availableAt(chatId: number, isGroup: boolean, now: number): number {
    let at = now;
    const last = this.lastSent.get(chatId);
    if (last !== undefined) at = Math.max(at, last + this.limits.perChatMs);
    if (isGroup) {
      const sends = this.recent(chatId, now);
      if (sends.length >= this.limits.groupLimit) at = Math.max(at, sends[sends.length - this.limits.groupLimit]! + this.limits.groupWindowMs);
    }
    return at;
  }

  record(chatId: number, isGroup: boolean, now: number): void {
    this.lastSent.set(chatId, now);
    if (isGroup) {
      const sends = this.recent(chatId, now);
      sends.push(now);
      this.groupSends.set(chatId, sends);
    }
    if (now - this.lastPrune > 10_000) this.prune(now);
  }

  /** A chat that must wait (its own 429): nothing goes to it before `until`. */
  holdUntil(chatId: number, until: number): void {
    this.lastSent.set(chatId, Math.max(this.lastSent.get(chatId) ?? 0, until - this.limits.perChatMs));
  }

  private recent(chatId: number, now: number): number[] {
    const sends = this.groupSends.get(chatId) ?? [];
    const from = now - this.limits.groupWindowMs;
    let i = 0;
    while (i < sends.length && sends[i]! <= from) i++;
    return i ? sends.slice(i) : sends;
  }

  private prune(now: number): void {
    this.lastPrune = now;
    for (const [id, at] of this.lastSent) if (now - at > this.limits.perChatMs) this.lastSent.delete(id);
    for (const [id, sends] of this.groupSends) if (!sends.length || now - sends[sends.length - 1]! > this.limits.groupWindowMs) this.groupSends.delete(id);
  }
}

export const isGroupChat = (type: string) => type !== "private";
