import type { Lang } from "../../content/schema.js";
import { LOCALE_TAGS, type TFunction } from "../../i18n.js";
import { daysUntil, zonedToUtc } from "../../time.js";

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

export function formatTime(t: TFunction, date: string, time: string | null, timeZone: string): string {
  return time ? t("time_at", { time, zone: zoneLabel(date, time, timeZone) }) : t("time_unknown");
}

export function formatRelative(t: TFunction, date: string, now: Date, timeZone: string): string {
  const days = daysUntil(date, now, timeZone);
  if (days <= 0) return t("relative_today");
  if (days === 1) return t("relative_tomorrow");
  return t("relative_days", { count: days });
}
