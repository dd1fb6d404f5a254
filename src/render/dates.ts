import type { TFunction } from "../i18n.js";
import { upcomingUntil } from "../case/hearings.js";
import { escapeHtml } from "../shared/html.js";
import { LOCALE_TAGS, type Lang } from "../shared/lang.js";
import { daysUntil, zonedToUtc } from "../shared/time.js";

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "Friday, 23 January 2026": a local date needs no zone, it is the case's own calendar day. */
export function formatDate(date: string, lang: Lang): string {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { dateStyle: "full", timeZone: "UTC" });
    dateFormats.set(lang, f);
  }
  return f.format(new Date(`${date}T12:00:00Z`));
}

/** "UTC+5, Asia/Almaty": the zone named so a forwarded message stays unambiguous. */
export function zoneLabel(date: string, time: string | null, timeZone: string): string {
  const at = zonedToUtc(date, time, timeZone);
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return `${(name ?? "UTC").replace("GMT", "UTC")}, ${timeZone}`;
}

/** "10:00 (UTC+5, Asia/Almaty)", or "time not announced (dates in UTC+5, Asia/Almaty)": the zone always named. */
export function whenTime(t: TFunction, date: string, time: string | null, timeZone: string): string {
  const zone = zoneLabel(date, time, timeZone);
  return time ? t("time_at", { time, zone }) : t("time_unknown_zone", { zone });
}

/**
 * The one way a hearing's "when" is written, in every message, card, preview and file: the date
 * with its weekday, then the time with its zone. HTML-escaped.
 */
export function when(t: TFunction, f: { date: string; time: string | null }, lang: Lang, timeZone: string): string {
  return `${escapeHtml(formatDate(f.date, lang))}, ${whenTime(t, f.date, f.time, timeZone)}`;
}

export function formatRelative(t: TFunction, date: string, now: Date, timeZone: string): string {
  const days = daysUntil(date, now, timeZone);
  if (days <= 0) return t("relative_today");
  if (days === 1) return t("relative_tomorrow");
  return t("relative_days", { count: days });
}

/** How soon, from `now`: minutes and hours on the day when the time is known, days further out. */
export function howSoon(t: TFunction, h: { date: string; time: string | null }, now: Date, timeZone: string): string {
  if (h.time) {
    const ms = upcomingUntil(h, timeZone).getTime() - now.getTime();
    if (ms < 3_600_000) return t("delivery.in_minutes", { count: Math.max(1, Math.round(ms / 60_000)) });
    if (ms < 86_400_000) return t("relative_hours", { count: Math.round(ms / 3_600_000) });
  }
  return formatRelative(t, h.date, now, timeZone);
}
