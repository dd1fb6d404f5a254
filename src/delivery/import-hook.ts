import type { HearingChangeHook } from "../content/import.js";
import type { Clock } from "../time.js";
import { notifyHearingChange } from "./reschedule.js";
import { notifyNewHearing } from "./updates.js";

/**
 * What a content import does for a hearing it adds or moves, inside its transaction: the same
 * notices the editors' tools send, so a file and a phone reach subscribers alike.
 */
export function hearingChangeHook(opts: { clock: Clock; timeZone: string }): HearingChangeHook {
  return async (tx, before, after) => {
    const at = { now: opts.clock.now(), timeZone: opts.timeZone };
    if (before) await notifyHearingChange(tx, before, after, at);
    else await notifyNewHearing(tx, after, at);
  };
}
