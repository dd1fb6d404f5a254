import { TokenBucket } from "../rate.js";

/** Why no send may start now: Telegram asked the bot to wait, every slot is taken, or no token yet. */
export type Blocked = { by: "pause"; ms: number } | { by: "slots" } | { by: "rate"; ms: number };

export interface SendSlotsOptions {
  /** Messages per second, all chats together. */
  rate: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** Monotonic time now, for the token bucket's start. */
  now: number;
  /** Called when a send settles and its slot is free. */
  onSettled: () => void;
}

/**
 * The bot-wide gate in front of every send: a 429 pause, a bounded number of sends in flight, and
 * the global token bucket. Sends are started, not awaited; each holds a slot until it settles.
 * Times are monotonic milliseconds.
 */
export class SendSlots {
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly bucket: TokenBucket;
  private pausedUntil = 0;

  constructor(private readonly o: SendSlotsOptions) {
    this.bucket = new TokenBucket(o.rate, o.now);
  }

  get size(): number {
    return this.inflight.size;
  }

  /** What keeps a send from starting now, checked in that order; undefined if one may start. */
  blocked(now: number): Blocked | undefined {
    if (now < this.pausedUntil) return { by: "pause", ms: this.pausedUntil - now };
    if (this.inflight.size >= this.o.concurrency) return { by: "slots" };
    const wait = this.bucket.waitMs(now);
    if (wait > 0) return { by: "rate", ms: wait };
    return undefined;
  }

  /** Telegram said 429: no send before `until`, and the bucket starts empty after. */
  pause(until: number, now: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.bucket.drain(now);
  }

  /** Takes the token a send is about to use. */
  take(now: number): void {
    this.bucket.take(now);
  }

  /** Holds a slot for a send under way; the slot is freed when it settles. */
  start(id: number, send: Promise<void>): void {
    const p = send.finally(() => {
      this.inflight.delete(id);
      this.o.onSettled();
    });
    this.inflight.set(id, p);
  }

  /** Settles when any send in flight settles. */
  anySettled(): Promise<void> {
    return Promise.race(this.inflight.values());
  }

  /** Resolves when every send in flight has settled. */
  async allSettled(): Promise<void> {
    await Promise.allSettled([...this.inflight.values()]);
  }
}
