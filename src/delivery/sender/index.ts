import { performance } from "node:perf_hooks";
import type { ContentStore } from "../../case/content/store.js";
import type { Database } from "../../db/client.js";
import { createDeliveriesRepo, type ClaimedDelivery } from "../../db/deliveries.js";
import { createHearingsRepo } from "../../db/hearings.js";
import { createSubscriptionsRepo } from "../../db/subscriptions.js";
import { createUpdatesRepo } from "../../db/updates.js";
import type { I18n } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { Buttons } from "../../render/buttons.js";
import type { Clock } from "../../shared/time.js";
import { deliverRow } from "../edits.js";
import { TelegramRefusal, type TelegramPort } from "../port.js";
import { ChatPacer, TooManyRequests } from "../rate.js";
import { withDefaults, type SenderOptions } from "./options.js";
import { OutcomeBook } from "./outcomes.js";
import { createFailureHandler } from "./policy.js";
import { SendQueue } from "./queue.js";
import { HungChats } from "./hung.js";
import { SendSlots, type SendHandle } from "./slots.js";
import { Subjects } from "./subjects.js";

export type { SenderOptions };

export interface SenderDeps {
  database: Database;
  port: TelegramPort;
  i18n: I18n;
  content: ContentStore;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  botUsername: string;
  /** PUBLIC_URL: messages link to their pages on the case's site. */
  publicUrl?: string;
}

export interface SenderStats {
  claimed: number;
  sent: number;
  tooManyRequests: number;
  gone: number;
  migrated: number;
  retried: number;
  dead: number;
  cancelled: number;
  /** Sends to a chat whose last request was abandoned at its deadline (counted only briefly, rate.ts). */
  suspects: number;
}

/**
 * Drains the outbox within Telegram's limits. One loop takes claimed rows in order, waits for a
 * global token and for the row's chat to be free, and starts the send without awaiting it (many
 * in flight); outcomes are written back in batches. Only one sender runs per bot (the caller holds
 * the advisory lock), so the limits here are the bot's limits.
 *
 * The parts: the queue of claimed rows (queue.ts), the gate and the sends in flight (slots.ts),
 * the failure ladder (policy.ts), the rows held and their outcomes (outcomes.ts), and what the
 * rows are about (subjects.ts); the defaults are in options.ts. This file wires them and runs the loop.
 */
export function createSender(deps: SenderDeps, options: SenderOptions) {
  const o = withDefaults(options);
  const { clock, logger } = deps;
  const repo = createDeliveriesRepo(deps.database.db);
  const mono = () => performance.now();
  const stats: SenderStats = { claimed: 0, sent: 0, tooManyRequests: 0, gone: 0, migrated: 0, retried: 0, dead: 0, cancelled: 0, suspects: 0 };

  /** Where the loop's time went while it waited (ms): a 429 pause, full slots, the window, a claim, no row ready. */
  const waited = { pause: 0, slots: 0, rate: 0, claim: 0, rows: 0 };

  let stopping = false;
  let aborted = false;
  let claiming: Promise<void> | undefined;
  let lastClaimEmpty = false;
  let lastClaimAt = -Infinity;
  let wake: (() => void) | undefined;

  const nudge = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = undefined;
        resolve();
      }, Math.max(0, ms));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const hung = new HungChats();
  const slots = new SendSlots({ rate: o.rate, concurrency: o.concurrency, deadlineMs: o.deadlineMs, onSettled: nudge });
  const book = new OutcomeBook({ store: repo, clock, logger, mono, leaseMs: o.leaseMs, flushMs: o.flushMs });
  const finish = book.finish.bind(book);
  const queue = new SendQueue({ pacer: new ChatPacer(o.chatLimits), holdMs: o.holdMs, clock, finish, stats });
  const subjects = new Subjects({
    hearings: createHearingsRepo(deps.database.db),
    updates: createUpdatesRepo(deps.database.db),
    i18n: deps.i18n,
    content: deps.content,
    clock,
    timeZone: deps.timeZone,
    botUsername: deps.botUsername,
    publicUrl: deps.publicUrl,
  });
  const failed = createFailureHandler({
    queue,
    slots,
    finish,
    chats: createSubscriptionsRepo(deps.database.db),
    stats,
    logger,
    clock,
    mono,
    tooMany: new TooManyRequests(),
    maxAttempts: o.maxAttempts,
    backoffBaseMs: o.backoffBaseMs,
    backoffMaxMs: o.backoffMaxMs,
  });

  async function claim(): Promise<void> {
    const rows = await repo.claim({ now: clock.now(), leaseMs: o.leaseMs, limit: o.batchSize });
    lastClaimAt = mono();
    lastClaimEmpty = rows.length === 0;
    if (aborted || !rows.length) return;
    stats.claimed += rows.length;
    await subjects.load(rows);
    for (const row of rows) if (book.hold(row.id)) queue.admit(row);
  }

  function startClaim(): void {
    claiming = claim()
      .catch((err) => {
        logger.error({ err }, "claiming deliveries failed");
        lastClaimEmpty = true;
        lastClaimAt = mono();
      })
      .finally(() => {
        claiming = undefined;
        nudge();
      });
  }

  async function send(row: ClaimedDelivery, html: string, buttons: Buttons, h: SendHandle): Promise<void> {
    try {
      // A new message, or an update's delivered copy edited or deleted (delivery/edits.ts).
      const msg = await untilAborted(
        deliverRow({ port: deps.port, database: deps.database, paidBroadcast: o.paidBroadcast }, row, html, buttons, h.signal),
        h.signal,
      ).finally(() => queue.settled(row, mono()));
      h.answered();
      hung.answered(row.chatId);
      if (msg.skipped) {
        stats.cancelled++;
        finish({ id: row.id, status: "cancelled", error: msg.skipped });
        return;
      }
      stats.sent++;
      finish({ id: row.id, status: "sent", messageId: msg.messageId });
    } catch (err) {
      if (err instanceof TelegramRefusal) {
        h.answered();
        hung.answered(row.chatId);
      } else if (h.signal.aborted) hung.hung(row.chatId, mono());
      if (aborted) return;
      // Abandoned at the deadline: a transient failure (backoff, then dead-lettered), whatever the port threw.
      await failed(row, h.signal.aborted ? h.signal.reason : err);
    }
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const now = mono();
      queue.releaseDelayed(now);
      book.tick(now);
      const idleWait = lastClaimEmpty ? o.idleMs : 0;
      if (!claiming && queue.readyCount < o.batchSize && now - lastClaimAt >= idleWait) startClaim();

      const blocked = slots.blocked(now);
      if (blocked) {
        await (blocked.by === "slots" ? slots.anySettled() : sleep(blocked.ms));
        waited[blocked.by] += mono() - now;
        continue;
      }
      const row = queue.next(now);
      if (!row) {
        const untilClaim = claiming ? Infinity : Math.max(1, lastClaimAt + idleWait - now);
        await sleep(Math.min(queue.nextDelayedAt() - now, untilClaim, o.flushMs));
        waited[claiming ? "claim" : "rows"] += mono() - now;
        continue;
      }
      const r = subjects.render(row);
      if ("skip" in r) {
        stats.cancelled++;
        finish({ id: row.id, status: "cancelled", error: r.skip });
        continue;
      }
      queue.sending(row, now);
      const suspect = hung.has(row.chatId, now);
      if (suspect) stats.suspects++;
      slots.start(row.id, now, (h) => send(row, r.html, r.buttons, h), suspect);
    }
  }

  let running: Promise<void> | undefined;
  return {
    stats: () => ({ ...stats, inflight: slots.size, buffered: queue.size, answerMs: slots.answerTimes(), graceMs: slots.graceMs(mono()), waitedMs: { ...waited } }),

    /** Runs until stop() or abort(); resolves once in-flight sends are done and everything is written. */
    run(): Promise<void> {
      running ??= (async () => {
        // Outcomes are written while the loop waits too (a long pause, every slot taken).
        const ticker = setInterval(() => book.tick(mono()), o.flushMs);
        try {
          await loop();
        } finally {
          clearInterval(ticker);
        }
        if (aborted) return;
        await claiming;
        await slots.allSettled();
        // Rows held but not sent go back to the queue now, not when their lease ends.
        for (const row of queue.takeAll()) finish({ id: row.id, status: "pending", nextAttemptAt: clock.now(), undoAttempt: true });
        await book.drain();
      })();
      return running;
    },

    /** Stops cleanly: no new claims, in-flight sends finish, held rows go back, outcomes are written. */
    async stop(): Promise<void> {
      stopping = true;
      nudge();
      await running;
    },

    /**
     * Stops as a crash would: nothing more is written, held rows stay leased until their lease ends,
     * and rows sent but not yet recorded stay "sending" (the at-least-once window). For tests.
     */
    async abort(): Promise<void> {
      aborted = true;
      book.abort();
      stopping = true;
      nudge();
      await running;
    },
  };
}

export type Sender = ReturnType<typeof createSender>;

/** The port's promise, or a rejection with the signal's reason once it aborts (a port may ignore the signal). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
