import type { Hearing, HearingFacts } from "../case/hearings.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { formatDate, formatRelative, when, whenTime } from "./dates.js";

/** The hearings an answer speaks of: the next one, or when none is ahead the latest on record. */
export interface HearingsOnRecord {
  next?: Hearing;
  last?: Hearing;
}

/** The hearing a live line shows, whose sources it cites. */
export const shownHearing = (h: HearingsOnRecord): Hearing | undefined => h.next ?? h.last;

/**
 * The latest hearing on record, from the record alone: its day, time (or that none is given),
 * place, what became of it and, once held, its outcome. No hint: a card or a forwarded message
 * carries its own.
 */
export function lastHearingFacts(t: TFunction, lang: Lang, h: Hearing, timeZone: string): string {
  const facts = t("hearing_last", { title: h.title[lang], date: formatDate(h.date, lang), time: whenTime(t, h.date, h.time, timeZone, lang), place: h.place[lang] });
  const outcome = h.status === "held" && h.outcome ? ` ${escapeHtml(h.outcome[lang])}` : "";
  return `${facts} ${t(`hearing_was_${h.status}`)}${outcome}`;
}

/**
 * The live line about hearings, composed at answer time from the record: the next one with how
 * soon, or the latest with what became of it and that nothing later is recorded, or that none is.
 */
export function hearingLine(t: TFunction, lang: Lang, h: HearingsOnRecord, now: Date, timeZone: string): string {
  if (h.next) {
    return t("hearing_next", {
      title: h.next.title[lang],
      date: formatDate(h.next.date, lang),
      time: whenTime(t, h.next.date, h.next.time, timeZone, lang),
      place: h.next.place[lang],
      relative: formatRelative(t, h.next.date, now, timeZone),
    });
  }
  if (h.last) return `${lastHearingFacts(t, lang, h.last, timeZone)} ${t("hearing_nothing_later")}`;
  return t("hearing_none");
}

/** "Friday, 23 January 2026, 10:00 (UTC+5, Almaty Time), Taldykorgan", with the status unless scheduled. */
export function factsLine(t: TFunction, f: HearingFacts, lang: Lang, timeZone: string): string {
  const line = `${when(t, f, lang, timeZone)}, ${escapeHtml(f.place[lang])}`;
  return f.status === "scheduled" ? line : `${line}: <b>${t(`passing.status_${f.status}`)}</b>`;
}
