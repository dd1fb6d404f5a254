import type { Outcome } from "../../db/deliveries.js";
import type { Logger } from "../../logger.js";
import type { Clock } from "../../shared/time.js";

/** The two writes the book makes: outcomes in batches, and longer leases for rows still held. */
export interface OutcomeStore {
  finish(outcomes: readonly Outcome[], now: Date): Promise<void>;
  extendLeases(ids: readonly number[], now: Date, leaseMs: number): Promise<void>;
}

export interface OutcomeBookOptions {
  store: OutcomeStore;
  clock: Clock;
  logger: Logger;
  /** Monotonic milliseconds (performance.now in the sender). */
  mono: () => number;
  leaseMs: number;
  flushMs: number;
}

/**
 * The rows this sender holds (claimed, not yet finished) and how each ended. Outcomes are buffered
 * and written in one statement every `flushMs`; leases of rows still held are renewed every third
 * of a lease. Writes run off the send path: `tick` starts them and never waits. After `abort`
 * nothing more is recorded or written (a crash).
 */
export class OutcomeBook {
  private readonly held = new Set<number>();
  /** Rows finished here whose outcome is not written yet: claimed again, they must not be sent again. */
  private readonly unwritten = new Set<number>();
  private buffer: Outcome[] = [];
  private aborted = false;
  private flushing: Promise<void> | undefined;
  private lastFlush: number;
  private lastRenew: number;

  constructor(private readonly o: OutcomeBookOptions) {
    this.lastFlush = o.mono();
    this.lastRenew = o.mono();
  }

  /** Takes a claimed row; false if it is held already or finished but not yet written (claimed again meanwhile). */
  hold(id: number): boolean {
    if (this.held.has(id) || this.unwritten.has(id)) return false;
    this.held.add(id);
    return true;
  }

  /** The row is done with here: it is no longer held, and its outcome waits for the next flush. */
  finish(out: Outcome): void {
    this.held.delete(out.id);
    if (this.aborted) return;
    this.buffer.push(out);
    this.unwritten.add(out.id);
  }

  get heldCount(): number {
    return this.held.size;
  }

  get bufferedCount(): number {
    return this.buffer.length;
  }

  abort(): void {
    this.aborted = true;
  }

  /** Writes the buffered outcomes; on failure they go back in front, to be written next time. */
  async flush(): Promise<void> {
    if (!this.buffer.length || this.aborted) return;
    const batch = this.buffer;
    this.buffer = [];
    try {
      await this.o.store.finish(batch, this.o.clock.now());
      for (const out of batch) this.unwritten.delete(out.id);
    } catch (err) {
      this.o.logger.error({ err }, "could not record delivery outcomes; will retry");
      this.buffer = batch.concat(this.buffer);
    }
  }

  /** Outcomes and lease renewals, off the send path: the loop never awaits a single row's write. */
  tick(now: number): void {
    if (this.flushing) return;
    const renew = now - this.lastRenew > this.o.leaseMs / 3;
    if (now - this.lastFlush < this.o.flushMs && !renew) return;
    this.lastFlush = now;
    this.flushing = (async () => {
      await this.flush();
      if (renew && !this.aborted) {
        this.lastRenew = this.o.mono();
        try {
          await this.o.store.extendLeases([...this.held], this.o.clock.now(), this.o.leaseMs);
        } catch (err) {
          this.o.logger.error({ err }, "could not renew leases");
        }
      }
    })().finally(() => {
      this.flushing = undefined;
    });
  }

  /** Waits for a write under way, then writes what is left. */
  async drain(): Promise<void> {
    await this.flushing;
    await this.flush();
  }
}
