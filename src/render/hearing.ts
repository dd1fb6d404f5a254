import type { Hearing, HearingFacts } from "../case/hearings.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { formatDate, formatRelative, when, whenTime } from "./dates.js";

/** The live line about hearings: the next one with how soon, or the last one and that none is set. */
export function hearingLine(t: TFunction, lang: Lang, h: { next?: Hearing; last?: Hearing }, now: Date, timeZone: string): string {
  if (h.next) {
    return t("hearing_next", {
      date: formatDate(h.next.date, lang),
      time: whenTime(t, h.next.date, h.next.time, timeZone),
      place: h.next.place[lang],
      relative: formatRelative(t, h.next.date, now, timeZone),
    });
  }
  if (h.last) return t("hearing_last", { date: formatDate(h.last.date, lang), place: h.last.place[lang] });
  return t("hearing_none");
}

/** "Friday, 23 January 2026, 10:00 (UTC+5, Asia/Almaty), Taldykorgan", with the status unless scheduled. */
export function factsLine(t: TFunction, f: HearingFacts, lang: Lang, timeZone: string): string {
  const line = `${when(t, f, lang, timeZone)}, ${escapeHtml(f.place[lang])}`;
  return f.status === "scheduled" ? line : `${line}: <b>${t(`delivery.status_${f.status}`)}</b>`;
}
