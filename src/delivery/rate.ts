/**
 * Telegram's limits, kept on this side so they are never hit: a global rate (token bucket), one
 * message per second per chat, and a number per minute per group. Times are monotonic
 * milliseconds (performance.now), not the injected clock: these are real waits.
 */

/**
 * The global limit as a bucket of `rate` tokens, each given back one window after its request was
 * answered. Telegram counts a message when it arrives, which is after it was sent and before it
 * was answered; so if the (k + rate)-th send starts a window after the k-th was answered, no
 * window on Telegram's side ever holds more than `rate` arrivals, however the requests bunch on
 * the way. The cost is one answer time per window (a few milliseconds), not a fixed margin.
 *
 * A request still unanswered after `graceMs` (a hang) is counted as not arrived: its token comes
 * back then, so chats that never answer do not eat the rate of the others. If such a request
 * did arrive after all, the worst is a 429, which the sender handles. Tokens are a ring in send
 * order: the oldest token is always the next to come back.
 *
 * Sends are also spread evenly (one every 1/rate s, a burst of a fiftieth of the rate), so a fresh
 * window is not spent in one burst that would queue up at Telegram and on this side.
 */
export class SendWindow {
  /** When each token is free again (Infinity: its request is in flight). */
  private readonly freeAt: Float64Array;
  private readonly startedAt: Float64Array;
  /** Which send holds each token, so a late answer cannot free a token reused since. */
  private readonly owner: Float64Array;
  private seq = 0;
  /** Even spreading (GCRA): the theoretical time of the next send, and how far ahead of it one may go. */
  private tat = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;

  constructor(
    readonly rate: number,
    readonly windowMs = 1_000,
    readonly graceMs = 1_000,
  ) {
    const n = Math.max(1, Math.floor(rate));
    this.freeAt = new Float64Array(n);
    this.startedAt = new Float64Array(n);
    this.owner = new Float64Array(n).fill(-1);
    this.intervalMs = 1_000 / rate;
    this.toleranceMs = (Math.max(1, Math.floor(rate / 50)) - 1) * this.intervalMs;
  }

  /** Milliseconds until a token is there (0: now). */
  waitMs(now: number): number {
    const i = this.seq % this.freeAt.length;
    const free = this.freeAt[i]!;
    const at = free === Infinity ? this.startedAt[i]! + this.graceMs : free;
    return Math.max(0, at - now, this.tat - this.toleranceMs - now);
  }

  /** Takes the token a send is about to use; returns its ticket. */
  take(now: number): number {
    const ticket = this.seq++;
    this.tat = Math.max(this.tat, now) + this.intervalMs;
    const i = ticket % this.freeAt.length;
    this.freeAt[i] = Infinity;
    this.startedAt[i] = now;
    this.owner[i] = ticket;
    return ticket;
  }

  /** The send was answered (accepted or refused) at `now`: its token is free one window later. */
  answered(ticket: number, now: number): void {
    const i = ticket % this.freeAt.length;
    if (this.owner[i] === ticket) this.freeAt[i] = now + this.windowMs;
  }

  /** The send was abandoned unanswered: counted as never arrived, its token is free now. */
  abandoned(ticket: number, now: number): void {
    const i = ticket % this.freeAt.length;
    if (this.owner[i] === ticket) this.freeAt[i] = Math.min(this.freeAt[i]!, now);
  }

  /** After a 429 every token waits until `until`. */
  holdAll(until: number): void {
    for (let i = 0; i < this.freeAt.length; i++) if (this.freeAt[i]! !== Infinity) this.freeAt[i] = Math.max(this.freeAt[i]!, until);
  }
}

/**
 * Tells a 429 for one chat from one for the whole bot. Telegram does not say which limit was hit;
 * since the global rate is kept on this side, a 429 for one chat is taken as that chat's, and
 * only 429s for several chats close together mean the bot as a whole must wait.
 */
export class TooManyRequests {
  private readonly recent: Array<{ chatId: number; at: number }> = [];

  constructor(
    private readonly chats = 3,
    private readonly withinMs = 1_000,
  ) {}

  /** Records a 429 for a chat; true when it means every send should pause. */
  global(chatId: number, now: number): boolean {
    while (this.recent.length && this.recent[0]!.at <= now - this.withinMs) this.recent.shift();
    this.recent.push({ chatId, at: now });
    return new Set(this.recent.map((r) => r.chatId)).size >= this.chats;
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

/**
 * Per-chat spacing and per-group windows; entries of chats not written to lately are dropped.
 * Like the global window, a chat's spacing counts from the answer to its last message (it arrived
 * before then), and a chat with a message in flight gets no other until that one is answered.
 */
export class ChatPacer {
  private readonly lastSent = new Map<number, number>();
  private readonly inFlight = new Set<number>();
  private readonly groupSends = new Map<number, number[]>();
  private lastPrune = 0;

  constructor(private readonly limits: ChatLimits) {}

  /** The earliest moment a message may go to this chat. */
  availableAt(chatId: number, isGroup: boolean, now: number): number {
    let at = now;
    if (this.inFlight.has(chatId)) at = now + this.limits.perChatMs;
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
    this.inFlight.add(chatId);
    if (isGroup) {
      const sends = this.recent(chatId, now);
      sends.push(now);
      this.groupSends.set(chatId, sends);
    }
    if (now - this.lastPrune > 10_000) this.prune(now);
  }

  /** The chat's message was answered (or given up on): the spacing runs from now. */
  settled(chatId: number, now: number): void {
    this.inFlight.delete(chatId);
    this.lastSent.set(chatId, Math.max(this.lastSent.get(chatId) ?? 0, now));
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
    for (const [id, at] of this.lastSent) if (now - at > this.limits.perChatMs && !this.inFlight.has(id)) this.lastSent.delete(id);
    for (const [id, sends] of this.groupSends) if (!sends.length || now - sends[sends.length - 1]! > this.limits.groupWindowMs) this.groupSends.delete(id);
  }
}

export const isGroupChat = (type: string) => type !== "private";
