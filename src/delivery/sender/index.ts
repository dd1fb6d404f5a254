import { performance } from "node:perf_hooks";
import type { ContentStore } from "../../case/content/store.js";
import type { Database } from "../../db/client.js";
import { createDeliveriesRepo, type ClaimedDelivery, type Outcome } from "../../db/deliveries.js";
import { createHearingsRepo } from "../../db/hearings.js";
import type { Hearing, UpdateRow } from "../../db/schema.js";
import { createSubscriptionsRepo } from "../../db/subscriptions.js";
import { createUpdatesRepo } from "../../db/updates.js";
import type { I18n } from "../../i18n.js";
import type { Logger } from "../../logger.js";
import type { Buttons } from "../../render/buttons.js";
import { renderHearingChanged, renderReminder, renderUpdate, type Notice, type NoticeContext } from "../../render/notices.js";
import type { Lang } from "../../shared/lang.js";
import type { Clock } from "../../shared/time.js";
import { backoffMs, classifySendError } from "../errors.js";
import type { TelegramPort } from "../port.js";
import { ChatPacer, isGroupChat, TELEGRAM_CHAT_LIMITS, TokenBucket, type ChatLimits } from "../rate.js";

export interface SenderOptions {
  /** Messages per second, all chats together (SEND_RATE). */
  rate: number;
  /** Adds allow_paid_broadcast to every message (PAID_BROADCAST). */
  paidBroadcast: boolean;
  chatLimits?: ChatLimits;
  /** Rows claimed at once; a new claim is made when fewer than half are left. */
  batchSize?: number;
  /** How long a claim holds its rows; the sender renews it for rows it still holds. */
  leaseMs?: number;
  /** After this many attempts a row failing with 5xx or network errors is dead-lettered. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** How often finished rows are written back, in one statement. */
  flushMs?: number;
  /** How long to wait before looking again when the outbox is empty. */
  idleMs?: number;
  /** A row that must wait longer than this for its chat goes back to the table until then. */
  holdMs?: number;
}

export interface SenderDeps {
  database: Database;
  port: TelegramPort;
  i18n: I18n;
  content: ContentStore;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  botUsername: string;
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
}

interface Held {
  row: ClaimedDelivery;
  /** Monotonic time before which it may not be sent. */
  at: number;
}

/**
 * Drains the outbox within Telegram's limits. One loop takes claimed rows in order, waits for a
 * global token and for the row's chat to be free, and starts the send without awaiting it (many
 * in flight); outcomes are written back in batches. Only one sender runs per bot (the caller holds
 * the advisory lock), so the limits here are the bot's limits.
 */
export function createSender(deps: SenderDeps, options: SenderOptions) {
  const o = {
    chatLimits: TELEGRAM_CHAT_LIMITS,
    batchSize: Math.min(2_000, Math.max(50, Math.ceil(options.rate * 2))),
    leaseMs: 60_000,
    maxAttempts: 10,
    backoffBaseMs: 5_000,
    backoffMaxMs: 30 * 60_000,
    concurrency: Math.min(400, Math.max(4, Math.ceil(options.rate / 3))),
    flushMs: 200,
    idleMs: 1_000,
    holdMs: 5_000,
    ...options,
  };
  const repo = createDeliveriesRepo(deps.database.db);
  const subs = createSubscriptionsRepo(deps.database.db);
  const hearingsRepo = createHearingsRepo(deps.database.db);
  const updatesRepo = createUpdatesRepo(deps.database.db);
  const mono = () => performance.now();
  const bucket = new TokenBucket(o.rate, mono());
  const pacer = new ChatPacer(o.chatLimits);
  const stats: SenderStats = { claimed: 0, sent: 0, tooManyRequests: 0, gone: 0, migrated: 0, retried: 0, dead: 0, cancelled: 0 };

  const ready: ClaimedDelivery[] = [];
  const delayed: Held[] = [];
  const inflight = new Map<number, Promise<void>>();
  const held = new Set<number>();
  let outcomes: Outcome[] = [];
  const goneChats = new Set<number>();
  const movedChats = new Map<number, number>();
  let hearingById = new Map<string, Hearing>();
  let updateById = new Map<string, UpdateRow>();
  let renderCache = new Map<string, Notice>();
  let pausedUntil = 0;
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

  const finish = (out: Outcome) => {
    held.delete(out.id);
    if (!aborted) outcomes.push(out);
  };

  async function claim(): Promise<void> {
    const rows = await repo.claim({ now: deps.clock.now(), leaseMs: o.leaseMs, limit: o.batchSize });
    lastClaimAt = mono();
    lastClaimEmpty = rows.length === 0;
    if (aborted || !rows.length) return;
    stats.claimed += rows.length;
    await loadSubjects(rows);
    renderCache = new Map();
    for (const row of rows) {
      if (held.has(row.id)) continue;
      held.add(row.id);
      if (row.chatStatus !== "active" || goneChats.has(row.chatId)) {
        stats.cancelled++;
        finish({ id: row.id, status: "cancelled", error: "chat inactive" });
      } else ready.push(row);
    }
  }

  /** Hearings (a small table) and the updates this batch names, read once per claim. */
  async function loadSubjects(rows: ClaimedDelivery[]): Promise<void> {
    if (rows.some((r) => r.kind !== "update")) {
      hearingById = new Map((await hearingsRepo.all()).map((h) => [h.id, h]));
    }
    const ids = [...new Set(rows.filter((r) => r.kind === "update").map((r) => Number(r.subjectId)))].filter(Number.isFinite);
    if (ids.length) updateById = new Map((await updatesRepo.many(ids)).map((u) => [String(u.id), u]));
  }

  function render(row: ClaimedDelivery): Notice {
    const lang: Lang = row.lang ?? "en";
    const key = `${row.kind}|${row.subjectId}|${row.subjectVersion}|${lang}|${row.kind === "hearing_changed" ? JSON.stringify(row.payload) : ""}`;
    const hit = renderCache.get(key);
    if (hit) return hit;
    const ctx: NoticeContext = {
      i18n: deps.i18n,
      snapshot: deps.content.current(),
      timeZone: deps.timeZone,
      botUsername: deps.botUsername,
      now: deps.clock.now(),
    };
    const r =
      row.kind === "reminder"
        ? renderReminder(ctx, row, hearingById.get(row.subjectId), lang)
        : row.kind === "hearing_changed"
          ? renderHearingChanged(ctx, row, hearingById.get(row.subjectId), lang)
          : renderUpdate(ctx, updateById.get(row.subjectId), lang);
    renderCache.set(key, r);
    return r;
  }

  async function send(row: ClaimedDelivery, html: string, buttons: Buttons): Promise<void> {
    try {
      const msg = await deps.port.sendMessage({ chatId: row.chatId, html, buttons, paidBroadcast: o.paidBroadcast });
      stats.sent++;
      finish({ id: row.id, status: "sent", messageId: msg.messageId });
    } catch (err) {
      if (aborted) return;
      await failed(row, err);
    }
  }

  async function failed(row: ClaimedDelivery, err: unknown): Promise<void> {
    const f = classifySendError(err);
    const now = mono();
    switch (f.kind) {
      case "retry_after": {
        stats.tooManyRequests++;
        // Telegram asks the bot to wait: every send waits, and this row goes first after.
        pausedUntil = Math.max(pausedUntil, now + f.seconds * 1000);
        bucket.drain(now);
        ready.unshift(row);
        deps.logger.warn({ retryAfter: f.seconds }, "429 from Telegram: pausing sends");
        return;
      }
      case "gone": {
        stats.gone++;
        goneChats.add(row.chatId);
        finish({ id: row.id, status: "cancelled", error: f.description });
        try {
          await subs.setChatStatus(row.chatId, row.chatType, row.chatType === "private" ? "blocked" : "left", deps.clock.now());
        } catch (e) {
          deps.logger.error({ err: e }, "could not mark a chat inactive");
        }
        return;
      }
      case "migrated": {
        stats.migrated++;
        try {
          await subs.migrateChat(row.chatId, f.to, deps.clock.now());
        } catch (e) {
          deps.logger.error({ err: e }, "could not move a migrated chat");
        }
        movedChats.set(row.chatId, f.to);
        ready.unshift({ ...row, chatId: f.to, chatType: "supergroup" });
        return;
      }
      case "transient": {
        if (row.attempts >= o.maxAttempts) {
          stats.dead++;
          finish({ id: row.id, status: "dead", error: f.description });
          deps.logger.error({ attempts: row.attempts, error: f.description }, "delivery dead-lettered");
        } else {
          stats.retried++;
          const wait = backoffMs(row.attempts, o.backoffBaseMs, o.backoffMaxMs);
          finish({ id: row.id, status: "pending", nextAttemptAt: new Date(deps.clock.now().getTime() + wait), error: f.description });
        }
        return;
      }
      case "permanent": {
        stats.dead++;
        finish({ id: row.id, status: "dead", error: f.description });
        deps.logger.error({ error: f.description }, "delivery refused by Telegram");
        return;
      }
    }
  }

  /** Moves rows whose chat is free again from the waiting list back to the front. */
  function releaseDelayed(now: number): void {
    if (!delayed.length) return;
    const due: ClaimedDelivery[] = [];
    for (let i = delayed.length - 1; i >= 0; i--) {
      if (delayed[i]!.at <= now) {
        due.push(delayed[i]!.row);
        delayed.splice(i, 1);
      }
    }
    if (due.length) ready.unshift(...due.reverse().sort((a, b) => a.id - b.id));
  }

  /** The next row that may go now, or how long until one may. */
  function nextSendable(now: number): ClaimedDelivery | undefined {
    while (ready.length) {
      let row = ready.shift()!;
      const moved = movedChats.get(row.chatId);
      if (moved !== undefined) row = { ...row, chatId: moved, chatType: "supergroup" };
      if (goneChats.has(row.chatId)) {
        stats.cancelled++;
        finish({ id: row.id, status: "cancelled", error: "chat inactive" });
        continue;
      }
      const at = pacer.availableAt(row.chatId, isGroupChat(row.chatType), now);
      if (at <= now) return row;
      if (at - now > o.holdMs) {
        // A long wait (a busy group): back to the table with its time, so the lease does not run out.
        finish({ id: row.id, status: "pending", nextAttemptAt: new Date(deps.clock.now().getTime() + (at - now)), undoAttempt: true });
      } else delayed.push({ row, at });
    }
    return undefined;
  }

  async function flush(): Promise<void> {
    if (!outcomes.length || aborted) return;
    const batch = outcomes;
    outcomes = [];
    try {
      await repo.finish(batch, deps.clock.now());
    } catch (err) {
      deps.logger.error({ err }, "could not record delivery outcomes; will retry");
      outcomes = batch.concat(outcomes);
    }
  }

  let flushing: Promise<void> | undefined;
  let lastFlush = mono();
  let lastRenew = mono();
  /** Outcomes and lease renewals, off the send path: the loop never awaits a single row's write. */
  function housekeeping(now: number): void {
    if (flushing) return;
    const renew = now - lastRenew > o.leaseMs / 3;
    if (now - lastFlush < o.flushMs && !renew) return;
    lastFlush = now;
    flushing = (async () => {
      await flush();
      if (renew && !aborted) {
        lastRenew = mono();
        try {
          await repo.extendLeases([...held], deps.clock.now(), o.leaseMs);
        } catch (err) {
          deps.logger.error({ err }, "could not renew leases");
        }
      }
    })().finally(() => {
      flushing = undefined;
    });
  }

  function startClaim(): void {
    claiming = claim()
      .catch((err) => {
        deps.logger.error({ err }, "claiming deliveries failed");
        lastClaimEmpty = true;
        lastClaimAt = mono();
      })
      .finally(() => {
        claiming = undefined;
        nudge();
      });
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      const now = mono();
      releaseDelayed(now);
      housekeeping(now);
      const idleWait = lastClaimEmpty ? o.idleMs : 0;
      if (!claiming && ready.length < o.batchSize / 2 && now - lastClaimAt >= idleWait) startClaim();

      if (now < pausedUntil) {
        await sleep(pausedUntil - now);
        continue;
      }
      if (inflight.size >= o.concurrency) {
        await Promise.race(inflight.values());
        continue;
      }
      const wait = bucket.waitMs(now);
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const row = nextSendable(now);
      if (!row) {
        const nextDelayed = delayed.reduce((m, d) => Math.min(m, d.at), Infinity);
        const untilClaim = claiming ? Infinity : Math.max(1, lastClaimAt + idleWait - now);
        await sleep(Math.min(nextDelayed - now, untilClaim, o.flushMs));
        continue;
      }
      const r = render(row);
      if ("skip" in r) {
        stats.cancelled++;
        finish({ id: row.id, status: "cancelled", error: r.skip });
        continue;
      }
      bucket.take(now);
      pacer.record(row.chatId, isGroupChat(row.chatType), now);
      const p = send(row, r.html, r.buttons).finally(() => {
        inflight.delete(row.id);
        nudge();
      });
      inflight.set(row.id, p);
    }
  }

  let running: Promise<void> | undefined;
  return {
    stats: () => ({ ...stats, inflight: inflight.size, buffered: ready.length + delayed.length }),

    /** Runs until stop() or abort(); resolves once in-flight sends are done and everything is written. */
    run(): Promise<void> {
      running ??= (async () => {
        await loop();
        if (aborted) return;
        await claiming;
        await Promise.allSettled([...inflight.values()]);
        // Rows held but not sent go back to the queue now, not when their lease ends.
        for (const row of [...ready, ...delayed.map((d) => d.row)]) finish({ id: row.id, status: "pending", nextAttemptAt: deps.clock.now(), undoAttempt: true });
        ready.length = 0;
        delayed.length = 0;
        await flushing;
        await flush();
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
      stopping = true;
      nudge();
      await running;
    },
  };
}

export type Sender = ReturnType<typeof createSender>;
