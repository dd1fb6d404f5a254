import type { Database } from "../../db/client.js";
import { countSendable } from "../../db/outbox.js";
import type { Clock } from "../../shared/time.js";

/**
 * Waits until the outbox has nothing left to send now: after each line of piped input the
 * transcript then shows every delivery that line caused before the next line is read, so a
 * scripted tour reads (and tests) in order. Gives up after `maxMs`: a delivery that keeps
 * failing must not hang the chat.
 */
export function createSettle(deps: { database: Database; clock: Clock; pending: () => Promise<unknown> }, opts: { pollMs?: number; maxMs?: number } = {}) {
  const pollMs = opts.pollMs ?? 50;
  const maxMs = opts.maxMs ?? 10_000;
  return async function settle(): Promise<void> {
    await deps.pending();
    const until = Date.now() + maxMs;
    while (Date.now() < until && (await countSendable(deps.database.db, deps.clock.now())) > 0) {
      await new Promise((r) => setTimeout(r, pollMs));
    }
  };
}
