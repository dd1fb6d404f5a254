/** The fake Bot API's limits: Telegram's numbers, sliding windows, and a per-second histogram. */

export interface FakeLimits {
  /** Messages per window, all chats together (Telegram: about 30/s). */
  global: number;
  /** The same with allow_paid_broadcast (Telegram: up to 1000/s). */
  paidGlobal: number;
  globalWindowMs: number;
  /** Messages per chat per window (Telegram: about 1/s). */
  perChat: number;
  perChatWindowMs: number;
  /** Messages per group (negative chat id) per window (Telegram: 20/min). */
  perGroup: number;
  perGroupWindowMs: number;
}

export const TELEGRAM_LIMITS: FakeLimits = {
  global: 30,
  paidGlobal: 1000,
  globalWindowMs: 1000,
  perChat: 1,
  perChatWindowMs: 1000,
  perGroup: 20,
  perGroupWindowMs: 60_000,
};

/** Sliding-window counter: timestamps within the window, oldest first. */
export class Window {
  private readonly times: number[] = [];
  private head = 0;
  constructor(private readonly ms: number) {}
  count(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.ms) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }
  /** Seconds until one more would fit (at least 1, as Telegram says). */
  retryAfter(now: number, limit: number): number {
    const n = this.count(now);
    const oldestThatMustGo = this.times[this.head + (n - limit)] ?? now;
    return Math.max(1, Math.ceil((oldestThatMustGo + this.ms - now) / 1000));
  }
  add(now: number): void {
    this.times.push(now);
  }
}

/** Accepted messages per second since the first: its min and median tell a steady rate from a bursty one. */
export class PerSecond {
  private readonly counts: number[] = [];
  private start = 0;

  add(now: number): void {
    if (!this.start) this.start = now;
    const i = Math.floor((now - this.start) / 1000);
    while (this.counts.length <= i) this.counts.push(0);
    this.counts[i]!++;
  }

  /** Over whole seconds only: the first and the last second are partial. */
  summary(): { seconds: number; min: number; p50: number; max: number } {
    const full = this.counts.slice(1, -1);
    const sorted = [...full].sort((a, b) => a - b);
    return { seconds: full.length, min: sorted[0] ?? 0, p50: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
  }
}
