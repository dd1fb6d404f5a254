import type { Update } from "grammy/types";
import type { Logger } from "../logger.js";

/** How many failed updates polling mode holds while the store is away; past it the oldest goes (logged). */
export const KEEP_LIMIT = 10_000;

export interface Keeper {
  /** Holds an update that failed because the store was unreachable. */
  keep(update: Update): void;
  size(): number;
  /** Stops retrying; what is still held is logged as lost (Telegram has already handed it over). */
  stop(): Promise<void>;
}

/**
 * Polling mode's answer to a store outage: Telegram considers an update delivered once it is
 * fetched, so one that failed because the store was unreachable is kept here, bounded, and handled
 * again, oldest first, once the store answers. The retry runs one update at a time: while the
 * first still fails the rest wait behind it, in order.
 */
export function createKeeper(opts: {
  handle: (update: Update) => Promise<"done" | "unavailable">;
  logger: Logger;
  retryMs?: number;
  limit?: number;
}): Keeper {
  const held: Update[] = [];
  const limit = opts.limit ?? KEEP_LIMIT;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = () => {
    if (stopped || timer || running || !held.length) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = drain().finally(() => {
        running = undefined;
        schedule();
      });
    }, opts.retryMs ?? 1_000);
    timer.unref();
  };

  async function drain(): Promise<void> {
    while (!stopped && held.length) {
      const update = held[0]!;
      let outcome: "done" | "unavailable";
      try {
        outcome = await opts.handle(update);
      } catch (err) {
        opts.logger.error({ err, updateId: update.update_id }, "kept update failed again");
        outcome = "done";
      }
      if (outcome === "unavailable") return;
      held.shift();
      opts.logger.info({ updateId: update.update_id, left: held.length }, "kept update handled");
    }
  }

  return {
    keep(update) {
      if (held.some((u) => u.update_id === update.update_id)) return;
      if (held.length >= limit) {
        const dropped = held.shift()!;
        opts.logger.error({ updateId: dropped.update_id, limit }, "too many updates kept while the store is away: the oldest is dropped");
      }
      held.push(update);
      opts.logger.warn({ updateId: update.update_id, kept: held.length }, "store unreachable: update kept to handle again");
      schedule();
    },
    size: () => held.length,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (held.length) opts.logger.error({ lost: held.length }, "updates still kept at shutdown are not handled");
    },
  };
}
