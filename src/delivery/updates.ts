import { GrammyError, type Api } from "grammy";
import { sql } from "drizzle-orm";
import type { HearingRow } from "../content/import.js";
import { audit } from "../db/audit.js";
import type { Database, Db } from "../db/client.js";
import { enqueueForSubscribers, enqueueUpdate, query, type Executor } from "../db/deliveries.js";
import { updates } from "../db/schema.js";
import { createUpdatesRepo, type UpdateDraft, type UpdateProgress } from "../db/updates.js";
import type { Logger } from "../logger.js";
import { facts, hearingBegins } from "./reschedule.js";

/**
 * Publishes a case update: the row, one set-based INSERT … SELECT of its outbox rows (every active
 * chat with updates on) and the editor's audit row, in one transaction. The sender renders each
 * chat's copy in its language when it sends it.
 */
export async function publishUpdate(
  db: Db,
  draft: UpdateDraft,
  opts: { actorId: number; now: Date },
): Promise<{ id: number; queued: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(updates)
      .values({ body: draft.body, sourceUrl: draft.sourceUrl, publishedAt: opts.now, createdBy: opts.actorId })
      .returning({ id: updates.id });
    const id = row!.id;
    const queued = await enqueueUpdate(tx, id, opts.now);
    await audit(tx, {
      actorId: opts.actorId,
      action: "update.publish",
      subject: `update/${id}`,
      after: { text: draft.body.en, languages: Object.keys(draft.body), sourceUrl: draft.sourceUrl, queued },
      at: opts.now,
    });
    return { id, queued };
  });
}

/** True when adding this hearing is news for subscribers: it is scheduled and has not begun. */
export function newHearingIsNews(h: Pick<HearingRow, "date" | "time" | "status">, now: Date, timeZone: string): boolean {
  return h.status === "scheduled" && hearingBegins(h, timeZone) > now;
}

/** Chats told of a new hearing date: active, subscribed, reminders on. */
export async function newHearingReach(ex: Executor): Promise<number> {
  const [r] = await query<{ n: number | string }>(
    ex,
    sql`select count(*)::int as n from subscriptions s join chats c on c.id = s.chat_id and c.status = 'active' where s.reminders`,
  );
  return Number(r?.n ?? 0);
}

/**
 * "A hearing date is set": subscribing with no date promises "you will be told as soon as one
 * is", so a hearing added ahead of time is announced to every chat with reminders on. It is a
 * `hearing_changed` row with no "before" in its payload, so everything that holds for change
 * notices holds for it: one per chat and version (the unique key), cancelled and folded into the
 * next notice if the hearing changes before it went (notifyHearingChange), and a reminder whose
 * moment had already passed when it went is covered by it (the scheduler). Call it in the
 * transaction that inserts the hearing.
 */
export async function notifyNewHearing(ex: Executor, h: HearingRow, opts: { now: Date; timeZone: string }): Promise<number> {
  if (!newHearingIsNews(h, opts.now, opts.timeZone)) return 0;
  return enqueueForSubscribers(ex, {
    audience: "reminders",
    kind: "hearing_changed",
    subjectId: h.id,
    version: h.version,
    now: opts.now,
    payload: { after: facts(h) },
  });
}

/** setTimeout and clearTimeout, injectable so tests step the progress watcher by hand. */
export interface Timers {
  set(fn: () => Promise<void>, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set(fn, ms) {
    const h = setTimeout(() => void fn(), ms);
    // A watch never keeps the process alive.
    h.unref();
    return h;
  },
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface ProgressWatch {
  chatId: number;
  messageId: number;
  updateId: number;
  /** The status message's text for a progress; `done` once nothing is left to send. */
  format(p: UpdateProgress, done: boolean): string;
}

/**
 * Keeps an editor's status message current while an update goes out ("sent 1,240 of 3,100"),
 * by editing that one message every `intervalMs` until nothing is left to send. In memory, on the
 * instance that published: after a restart `/stats` still tells. `stop()` ends every watch.
 */
export function createProgressWatcher(deps: { database: Database; logger: Logger; timers?: Timers; intervalMs?: number }) {
  const timers = deps.timers ?? realTimers;
  const intervalMs = deps.intervalMs ?? 10_000;
  const repo = createUpdatesRepo(deps.database.db);
  const handles = new Map<string, unknown>();
  const inflight = new Set<Promise<void>>();
  let stopped = false;

  function schedule(key: string, api: Api, w: ProgressWatch, shown: string | undefined): void {
    if (stopped) return;
    handles.set(
      key,
      timers.set(() => {
        const p = tick(key, api, w, shown);
        inflight.add(p);
        return p.finally(() => inflight.delete(p));
      }, intervalMs),
    );
  }

  async function tick(key: string, api: Api, w: ProgressWatch, shown: string | undefined): Promise<void> {
    handles.delete(key);
    if (stopped) return;
    let text = shown;
    let done = false;
    try {
      const p = await repo.progress(w.updateId);
      done = p.pending === 0;
      text = w.format(p, done);
      if (text !== shown) await api.editMessageText(w.chatId, w.messageId, text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    } catch (err) {
      if (!(err instanceof GrammyError && /not modified/i.test(err.description))) {
        // The message is gone, or Telegram refuses: stop watching, /stats still tells.
        deps.logger.warn({ err: err instanceof Error ? err.message : String(err), update: w.updateId }, "could not update the publish status message");
        return;
      }
    }
    if (!done) schedule(key, api, w, text);
  }

  return {
    /** Starts keeping one status message current; watching the same message again restarts it. */
    watch(api: Api, w: ProgressWatch, shown?: string): void {
      const key = `${w.chatId}:${w.messageId}`;
      const old = handles.get(key);
      if (old !== undefined) timers.clear(old);
      schedule(key, api, w, shown);
    },
    /** Messages being watched now. */
    size: () => handles.size + inflight.size,
    async stop(): Promise<void> {
      stopped = true;
      for (const h of handles.values()) timers.clear(h);
      handles.clear();
      await Promise.allSettled([...inflight]);
    },
  };
}

export type ProgressWatcher = ReturnType<typeof createProgressWatcher>;

/** Chats told when a hearing changes: active, subscribed, reminders or updates on (as notifyHearingChange). */
export async function hearingChangeReach(ex: Executor): Promise<number> {
  const [r] = await query<{ n: number | string }>(
    ex,
    sql`select count(*)::int as n from subscriptions s join chats c on c.id = s.chat_id and c.status = 'active' where s.reminders or s.updates`,
  );
  return Number(r?.n ?? 0);
}
