import type { Database } from "../db/client.js";
import { createUpdatesRepo, type UpdateProgress } from "../db/updates.js";
import type { Logger } from "../logger.js";
import { TelegramRefusal, type TelegramPort } from "./port.js";

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
  /** How far it got, when it is not the update's first sending (a correction's edits, a retraction's deletes). */
  read?: () => Promise<UpdateProgress>;
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

  function schedule(key: string, port: TelegramPort, w: ProgressWatch, shown: string | undefined): void {
    if (stopped) return;
    handles.set(
      key,
      timers.set(() => {
        const p = tick(key, port, w, shown);
        inflight.add(p);
        return p.finally(() => inflight.delete(p));
      }, intervalMs),
    );
  }

  async function tick(key: string, port: TelegramPort, w: ProgressWatch, shown: string | undefined): Promise<void> {
    handles.delete(key);
    if (stopped) return;
    let text = shown;
    let done = false;
    try {
      const p = await (w.read ? w.read() : repo.progress(w.updateId));
      done = p.pending === 0;
      text = w.format(p, done);
      if (text !== shown) await port.editMessage({ chatId: w.chatId, messageId: w.messageId, html: text });
    } catch (err) {
      if (!(err instanceof TelegramRefusal && /not modified/i.test(err.description))) {
        // The message is gone, or Telegram refuses: stop watching, /stats still tells.
        deps.logger.warn({ err: err instanceof Error ? err.message : String(err), update: w.updateId }, "could not update the publish status message");
        return;
      }
    }
    if (!done) schedule(key, port, w, text);
  }

  return {
    /** Starts keeping one status message current; watching the same message again restarts it. */
    watch(port: TelegramPort, w: ProgressWatch, shown?: string): void {
      const key = `${w.chatId}:${w.messageId}`;
      const old = handles.get(key);
      if (old !== undefined) timers.clear(old);
      schedule(key, port, w, shown);
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
