import { SendWindow, type HangAccounting } from "../rate.js";

/**
 * Requests taken for lost that may stay open besides the slots (about 16 KB of heap each through
 * grammY), whatever the rate. With a tenth of the chats hanging, each tried three times, some 600
 * are open at once at 1,000/s and a 2 s deadline, within the 750 this allows with 500 slots; 1,000
 * ran the bench's 48 MB heap out of memory at 20k (2026-12-04). At 30/s (15 slots) it was 15 until
 * then, and a run of hanging chats took them all: 53% of the limit simulated, 88% with 250.
 */
const MAX_LOST_OPEN = 250;
/** How often a sender waiting on full slots looks again for requests taken for lost, while hangs go on. */
const LOST_CHECK_MS = 20;

/** Why no send may start now: Telegram asked the bot to wait, every slot is taken, or no token yet. */
export type Blocked = { by: "pause"; ms: number } | { by: "slots" } | { by: "rate"; ms: number };

export interface SendSlotsOptions {
  /** Messages per second, all chats together. */
  rate: number;
  /** Sends in flight at once. */
  concurrency: number;
  /** A send not answered within this long is abandoned: aborted, its slot and token freed. */
  deadlineMs: number;
  /** Called when a send settles or is abandoned and its slot is free. */
  onSettled: () => void;
  /** The global window's length; Telegram's is a second (tests shorten nothing here). */
  windowMs?: number;
  /** How unanswered requests count against the window (rate.ts); the grace is never past the deadline. */
  hang?: Partial<HangAccounting>;
  /** Requests taken for lost that may stay open besides the slots (default 250). */
  maxLostOpen?: number;
}



/** What a send is given: the signal that aborts it at the deadline, and how to say it was answered. */
export interface SendHandle {
  signal: AbortSignal;
  /** Telegram answered (accepted or refused): the token comes back one window from now. */
  answered(): void;
}

/** The deadline passed with no answer: the request was aborted. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "DeadlineExceeded";
  }
}

/**
 * The bot-wide gate in front of every send: a 429 pause, a bounded number of sends in flight, and
 * the global window (rate.ts). Sends are started, not awaited; each holds a slot until it settles
 * or until its deadline, whichever comes first, so a chat that never answers holds a slot for
 * `deadlineMs` at most. Times are monotonic milliseconds.
 */
export class SendSlots {
  private readonly inflight = new Map<number, Promise<void>>();
  /** Sends abandoned at their deadline whose failure is still being handled. */
  private readonly abandonedSends = new Set<Promise<void>>();
  private readonly window: SendWindow;
  private pausedUntil = 0;
  private waiters: Array<() => void> = [];
  private readonly maxLostOpen: number;

  constructor(private readonly o: SendSlotsOptions) {
    const windowMs = o.windowMs ?? 1_000;
    this.window = new SendWindow(o.rate, windowMs, { ...o.hang, graceMs: Math.min(o.deadlineMs, o.hang?.graceMs ?? windowMs) });
    this.maxLostOpen = o.maxLostOpen ?? MAX_LOST_OPEN;
  }

  get size(): number {
    return this.inflight.size;
  }

  /** Recent answer times (ms from start to answer): the window's only cost (rate.ts). */
  answerTimes(): { p50: number; p90: number } {
    return this.window.answerTimes();
  }

  /** How long an unanswered request counts against the window now (rate.ts). */
  graceMs(now: number): number {
    return this.window.graceMs(now);
  }

  /**
   * What keeps a send from starting now, checked in that order; undefined if one may start. While
   * hangs are going on, a request the window takes for lost (rate.ts) gives up its slot, so a run
   * of chats that never answer cannot take every slot until their deadline; it stays open, though,
   * and no more than `maxLostOpen` such requests are open besides the slots (each holds memory).
   */
  blocked(now: number): Blocked | undefined {
    if (now < this.pausedUntil) return { by: "pause", ms: this.pausedUntil - now };
    const wait = this.window.waitMs(now);
    const lost = this.window.hangsSeen(now) ? this.window.stuckCount : 0;
    if (this.inflight.size - lost >= this.o.concurrency || this.inflight.size >= this.o.concurrency + this.maxLostOpen) return { by: "slots" };
    if (wait > 0) return { by: "rate", ms: wait };
    return undefined;
  }

  /** Telegram said 429 for the bot as a whole: no send before `until`. */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /**
   * Starts a send holding a slot and a token. At the deadline the send's signal aborts, the slot
   * is freed and the token given back (an unanswered request is taken as never arrived); `send`
   * must then settle (the sender races the port against the signal). `suspect`: the send goes to
   * a chat that hung before, and counts against the window only briefly (rate.ts).
   */
  start(id: number, now: number, send: (h: SendHandle) => Promise<void>, suspect = false): void {
    const ticket = this.window.take(now, suspect);
    const controller = new AbortController();
    let answered = false;
    let settled = false;
    let freed = false;
    const free = () => {
      if (freed) return;
      freed = true;
      this.inflight.delete(id);
      this.o.onSettled();
      for (const w of this.waiters.splice(0)) w();
    };
    const abandon = () => {
      if (answered || settled) return;
      controller.abort(new DeadlineExceeded(this.o.deadlineMs));
      this.window.abandoned(ticket, performance.now());
      free();
    };
    // Timers run before I/O in the event loop: an answer that came in while the loop was busy is
    // read first (two I/O rounds), so a busy sender does not give up on requests already answered.
    const timer = setTimeout(() => setImmediate(() => setImmediate(abandon)), this.o.deadlineMs);
    const handle: SendHandle = {
      signal: controller.signal,
      answered: () => {
        if (answered || controller.signal.aborted) return;
        answered = true;
        this.window.answered(ticket, performance.now());
      },
    };
    const p = send(handle)
      .catch(() => {})
      .finally(() => {
        settled = true;
        clearTimeout(timer);
        // Settled without saying: counted as answered now, the safe side.
        handle.answered();
        free();
        this.abandonedSends.delete(p);
      });
    this.inflight.set(id, p);
    controller.signal.addEventListener("abort", () => this.abandonedSends.add(p), { once: true });
  }

  /**
   * Settles when any send in flight settles or is abandoned, or, while hangs are going on, soon
   * anyway: a request taken for lost in the meantime frees its slot without settling.
   */
  anySettled(): Promise<void> {
    if (!this.inflight.size) return Promise.resolve();
    const hangs = this.window.hangsSeen(performance.now());
    return new Promise((resolve) => {
      const timer = hangs ? setTimeout(resolve, LOST_CHECK_MS) : undefined;
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves when every send in flight has settled. */
  async allSettled(): Promise<void> {
    await Promise.allSettled([...this.inflight.values(), ...this.abandonedSends]);
  }
}
