/**
 * The case's rules about hearings, in one place: when one counts as ahead, which is next, when a
 * change is news. Pure: every caller passes the rows and the time.
 */
import type { Hearing, HearingStatus } from "../db/schema.js";
import { zonedToUtc } from "../shared/time.js";
import type { Translated } from "../shared/lang.js";

export type { Hearing, HearingStatus };

/** The part of a hearing a notice shows, as it was and as it is. */
export interface HearingFacts {
  date: string;
  time: string | null;
  place: Translated;
  status: HearingStatus;
}

export const facts = (h: HearingFacts): HearingFacts => ({ date: h.date, time: h.time ?? null, place: h.place, status: h.status });

/**
 * Until when a hearing counts as ahead: its start, or the end of its local day when no time is
 * known (it is upcoming for that whole day). Reminders, "next hearing" answers, notices and the
 * outbox all use this one rule; writers store it as `upcoming_until` so SQL reads the same.
 */
export function upcomingUntil(h: Pick<Hearing, "date" | "time">, timeZone: string): Date {
  if (h.time) return zonedToUtc(h.date, h.time, timeZone);
  const next = new Date(Date.parse(`${h.date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return zonedToUtc(next, null, timeZone);
}

/** The instants stored with a hearing: when it starts (local midnight when no time is known) and until when it is ahead. */
export function hearingInstants(h: Pick<Hearing, "date" | "time">, timeZone: string): { startsAt: Date; upcomingUntil: Date } {
  return { startsAt: zonedToUtc(h.date, h.time, timeZone), upcomingUntil: upcomingUntil(h, timeZone) };
}

/** Scheduled and not begun: the hearing reminders and "next hearing" speak of. */
export function isUpcoming(h: Pick<Hearing, "date" | "time" | "status">, now: Date, timeZone: string): boolean {
  return h.status === "scheduled" && upcomingUntil(h, timeZone) > now;
}

/**
 * The next upcoming hearing, or, when none is, the latest on record: the last to have begun, or a
 * later one that was postponed or cancelled (what readers must hear of, not an older date). `all`
 * is in start order.
 */
export function nextAndLast(all: readonly Hearing[], now: Date, timeZone: string): { next?: Hearing; last?: Hearing } {
  const next = all.find((h) => isUpcoming(h, now, timeZone));
  if (next) return { next };
  const last = all.at(-1);
  return last ? { last } : {};
}

/** True when a change of this hearing is one subscribers must hear about. */
export function hearingMoved(a: Pick<Hearing, "date" | "time" | "place" | "status">, b: typeof a): boolean {
  return a.date !== b.date || (a.time ?? null) !== (b.time ?? null) || a.status !== b.status || JSON.stringify(a.place) !== JSON.stringify(b.place);
}

/**
 * A change is news while the hearing is, or was, ahead: moving a past hearing's record (marking
 * it held) is news for an update, not a notice.
 */
export function changeIsNews(before: Pick<Hearing, "date" | "time">, after: Pick<Hearing, "date" | "time">, now: Date, timeZone: string): boolean {
  return upcomingUntil(before, timeZone) > now || upcomingUntil(after, timeZone) > now;
}
