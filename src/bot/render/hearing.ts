import type { Lang } from "../../content/schema.js";
import type { Hearing } from "../../db/hearings.js";
import type { TFunction } from "../../i18n.js";
import { formatDate, formatRelative, formatTime } from "./dates.js";

/** The live line about hearings: the next one with how soon, or the last one and that none is set. */
export function hearingLine(
  t: TFunction,
  lang: Lang,
  h: { next?: Hearing; last?: Hearing },
  now: Date,
  timeZone: string,
): string {
  if (h.next) {
    return t("hearing_next", {
      date: formatDate(h.next.date, lang),
      time: formatTime(t, h.next.date, h.next.time, timeZone),
      place: h.next.place[lang],
      relative: formatRelative(t, h.next.date, now, timeZone),
    });
  }
  if (h.last) return t("hearing_last", { date: formatDate(h.last.date, lang), place: h.last.place[lang] });
  return t("hearing_none");
}
