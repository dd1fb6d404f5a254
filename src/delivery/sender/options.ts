import { TELEGRAM_CHAT_LIMITS, type ChatLimits } from "../rate.js";

export interface SenderOptions {
  /** Messages per second, all chats together (SEND_RATE). */
  rate: number;
  /** Adds allow_paid_broadcast to every message (PAID_BROADCAST). */
  paidBroadcast: boolean;
  chatLimits?: ChatLimits;
  /** Rows claimed at once; the next claim is made when fewer than this many are ready, so one is always at hand. */
  batchSize?: number;
  /** How long a claim holds its rows; the sender renews it for rows it still holds. */
  leaseMs?: number;
  /** After this many attempts a row failing with 5xx or network errors is dead-lettered. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /**
   * A send Telegram has not answered within this long is abandoned (aborted, its slot freed) and
   * retried with backoff like a network error (SEND_DEADLINE_SECONDS in seconds in the docs' terms).
   */
  deadlineMs?: number;
  /** How often finished rows are written back, in one statement. */
  flushMs?: number;
  /** How long to wait before looking again when the outbox is empty. */
  idleMs?: number;
  /** A row that must wait longer than this for its chat goes back to the table until then. */
  holdMs?: number;
}

/** The options with every default filled in: batch size and concurrency follow the rate. */
export function withDefaults(options: SenderOptions) {
  return {
    chatLimits: TELEGRAM_CHAT_LIMITS,
    batchSize: Math.min(2_000, Math.max(50, Math.ceil(options.rate * 2))),
    leaseMs: 60_000,
    maxAttempts: 10,
    backoffBaseMs: 5_000,
    backoffMaxMs: 30 * 60_000,
    // Enough for the sends answered in a window plus those waiting on their deadline.
    concurrency: Math.min(1_000, Math.max(8, Math.ceil(options.rate / 2))),
    deadlineMs: 5_000,
    flushMs: 200,
    idleMs: 1_000,
    holdMs: 5_000,
    ...options,
  };
}
