import type { TFunction } from "../i18n.js";
import { upcomingUntil } from "../case/hearings.js";
import { escapeHtml } from "../shared/html.js";
import { LOCALE_TAGS, type Lang } from "../shared/lang.js";
import { daysUntil, zonedToUtc } from "../shared/time.js";

const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, key: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formats.get(`${lang}:${key}`);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone: "UTC", ...opts });
    formats.set(`${lang}:${key}`, f);
  }
  return f;
}

// Local dates need no zone: each is the case's own calendar day, read at noon UTC to stay on it.
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** "Friday, 23 January 2026": a hearing's day, with its weekday. */
export function formatDate(date: string, lang: Lang): string {
  return format(lang, "full", { dateStyle: "full" }).format(noon(date));
}

/** "13 November 2025", "2025 ж. 13 қараша", "13 ноября 2025 г.": a day a source gives. */
export function formatDay(date: string, lang: Lang): string {
  return format(lang, "long", { dateStyle: "long" }).format(noon(date));
}

/** "November 2025", "2025 ж. қараша", "ноябрь 2025 г.": a month, when the source gives no day. */
export function formatMonth(month: string, lang: Lang): string {
  return format(lang, "month", { month: "long", year: "numeric" }).format(noon(`${month}-01`));
}

/** A publication date as stored (YYYY-MM-DD or YYYY-MM), in the reader's language. */
export function formatPublished(published: string, lang: Lang): string {
  return published.length === 7 ? formatMonth(published, lang) : formatDay(published, lang);
}

/**
 * Kazakh puts "after" behind an ablative ending, which follows the month's last sound (қарашадан,
 * маусымнан, қыркүйектен); the dates it follows always end in the month's name.
 */
const KK_ABLATIVE = ["дан", "нан", "дан", "ден", "дан", "нан", "ден", "дан", "тен", "нан", "дан", "нан"];

/** Russian "after" takes the genitive: "после ноября 2025 г.", where a month alone is "ноябрь 2025 г.". */
function ruMonthGenitive(month: string): string {
  const parts = format("ru", "day-month", { day: "numeric", month: "long" }).formatToParts(noon(`${month}-01`));
  return `${parts.find((p) => p.type === "month")!.value} ${month.slice(0, 4)} г.`;
}

/** "after 13 November 2025", "2025 ж. 13 қарашадан кейін", "после 13 ноября 2025 г.". */
export function formatAfter(t: TFunction, anchor: { precision: "day" | "month"; date: string }, lang: Lang): string {
  const month = Number(anchor.date.slice(5, 7)) - 1;
  let date = anchor.precision === "day" ? formatDay(anchor.date, lang) : formatMonth(anchor.date.slice(0, 7), lang);
  if (lang === "kk") date += KK_ABLATIVE[month];
  if (lang === "ru" && anchor.precision === "month") date = ruMonthGenitive(anchor.date.slice(0, 7));
  return t("passing.timeline_after", { date });
}

/** Zone-name formats, made once per locale, zone and style (a format costs more to make than to use). */
const zoneFormats = new Map<string, Intl.DateTimeFormat>();
function zoneFormat(locale: string, timeZone: string, timeZoneName: "shortOffset" | "shortGeneric"): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${timeZoneName}`;
  let f = zoneFormats.get(key);
  if (!f) zoneFormats.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName })));
  return f;
}

/** "UTC+5": the offset alone, the same in every language. */
function offsetLabel(at: Date, timeZone: string): string {
  const name = zoneFormat("en-US", timeZone, "shortOffset").formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  return (name ?? "GMT").replace("GMT", "UTC");
}

/**
 * "UTC+5, Almaty Time", "UTC+5, Алматы уақыты", "UTC+5, Алматы": the zone named in the reader's
 * language, so a forwarded message stays unambiguous; the offset alone when the language has no
 * name for the zone.
 */
export function zoneLabel(date: string, time: string | null, timeZone: string, lang: Lang): string {
  const at = zonedToUtc(date, time, timeZone);
  const name = zoneFormat(LOCALE_TAGS[lang], timeZone, "shortGeneric")
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  const offset = offsetLabel(at, timeZone);
  return name && !/^(GMT|UTC)/.test(name) ? `${offset}, ${name}` : offset;
}

/** "10:00 (UTC+5, Almaty Time)", or "no time given" when the record has none. */
export function whenTime(t: TFunction, date: string, time: string | null, timeZone: string, lang: Lang): string {
  return time ? t("time_at", { time, zone: zoneLabel(date, time, timeZone, lang) }) : t("time_none");
}

/**
 * The one way a hearing's "when" is written, in every message, card, preview and file: the date
 * with its weekday, then the time with its zone. HTML-escaped.
 */
export function when(t: TFunction, f: { date: string; time: string | null }, lang: Lang, timeZone: string): string {
  return `${escapeHtml(formatDate(f.date, lang))}, ${whenTime(t, f.date, f.time, timeZone, lang)}`;
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
