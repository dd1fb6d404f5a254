/**
 * iCalendar (RFC 5545) output for hearings: pure text building, no I/O. CRLF line endings, lines
 * folded at 75 octets, TEXT values escaped, times given in the case's zone with its VTIMEZONE.
 */
import { offsetMs } from "../shared/time.js";

export interface IcsEvent {
  /** Stable across changes, so a calendar app updates the event instead of adding another. */
  uid: string;
  /** Higher wins: calendar apps replace an event only with a higher SEQUENCE. */
  sequence: number;
  /** Local date YYYY-MM-DD in the calendar's zone. */
  date: string;
  /** Local time HH:MM, or null: an all-day event, since no time is known. */
  time: string | null;
  summary: string;
  location?: string;
  description?: string;
  url?: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  lastModified?: Date;
}

export interface CalendarOptions {
  timeZone: string;
  /** DTSTAMP: when this file was made. */
  stamp: Date;
  name?: string;
  prodId?: string;
}

const CRLF = "\r\n";

/** RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT. */
export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** RFC 5545 3.1: at most 75 octets a line; a continuation starts with one space. Never splits a character. */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, "utf8") <= 75) return line;
  const parts: string[] = [];
  let cur = "";
  let size = 0;
  let limit = 75;
  for (const ch of line) {
    const b = Buffer.byteLength(ch, "utf8");
    if (size + b > limit) {
      parts.push(cur);
      cur = "";
      size = 0;
      limit = 74; // the leading space is one of the 75
    }
    cur += ch;
    size += b;
  }
  parts.push(cur);
  return parts.join(`${CRLF} `);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

const compactDate = (date: string) => date.replace(/-/g, "");

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// ---- VTIMEZONE from the runtime's tz database ----

/** The zone's UTC offset at an instant, in minutes. */
export function offsetMinutes(at: Date, timeZone: string): number {
  return Math.round(offsetMs(at, timeZone) / 60_000);
}

function formatOffset(min: number): string {
  const sign = min < 0 ? "-" : "+";
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

function localStamp(at: Date, offsetMin: number): string {
  return utcStamp(new Date(at.getTime() + offsetMin * 60_000)).slice(0, -1);
}

export interface Transition {
  at: Date;
  from: number;
  to: number;
}

/** Offset changes between two instants, found day by day and then to the second. */
export function transitions(timeZone: string, from: Date, to: Date): Transition[] {
  const DAY = 86_400_000;
  const out: Transition[] = [];
  // Whole seconds, so the bisection below always makes progress.
  let prevT = Math.floor(from.getTime() / 1000) * 1000;
  let prev = offsetMinutes(new Date(prevT), timeZone);
  for (let t = prevT + DAY; t <= to.getTime() + DAY; t += DAY) {
    const o = offsetMinutes(new Date(t), timeZone);
    if (o !== prev) {
      let lo = prevT;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (offsetMinutes(new Date(mid), timeZone) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ at: new Date(hi), from: prev, to: o });
      prev = o;
    }
    prevT = t;
  }
  return out;
}

/**
 * The zone as RFC 5545 wants it next to TZID: the offset in force at `from`, then every change
 * up to `to`, each as its own dated sub-component (no recurrence rules to get wrong).
 */
export function vtimezone(timeZone: string, from: Date, to: Date): string[] {
  const first = offsetMinutes(from, timeZone);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  const sub = (kind: "STANDARD" | "DAYLIGHT", start: string, fromMin: number, toMin: number) => [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${formatOffset(fromMin)}`,
    `TZOFFSETTO:${formatOffset(toMin)}`,
    `TZNAME:${formatOffset(toMin)}`,
    `END:${kind}`,
  ];
  lines.push(...sub("STANDARD", "19700101T000000", first, first));
  for (const tr of transitions(timeZone, from, to)) {
    const year = tr.at.getUTCFullYear();
    const standard = Math.min(offsetMinutes(new Date(Date.UTC(year, 0, 1)), timeZone), offsetMinutes(new Date(Date.UTC(year, 6, 1)), timeZone));
    lines.push(...sub(tr.to > standard ? "DAYLIGHT" : "STANDARD", localStamp(tr.at, tr.from), tr.from, tr.to));
  }
  lines.push("END:VTIMEZONE");
  return lines;
}

function eventLines(e: IcsEvent, opts: CalendarOptions): string[] {
  const lines = ["BEGIN:VEVENT", `UID:${e.uid}`, `DTSTAMP:${utcStamp(opts.stamp)}`, `SEQUENCE:${e.sequence}`];
  if (e.time) {
    // No end: the sources give none, and RFC 5545 3.6.1 reads a start without end as an instant.
    lines.push(`DTSTART;TZID=${opts.timeZone}:${compactDate(e.date)}T${e.time.replace(":", "")}00`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(e.date)}`, `DTEND;VALUE=DATE:${compactDate(nextDay(e.date))}`);
  }
  lines.push(`SUMMARY:${escapeText(e.summary)}`);
  if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
  if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`STATUS:${e.status}`, "TRANSP:OPAQUE");
  if (e.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(e.lastModified)}`);
  lines.push("END:VEVENT");
  return lines;
}

/** A whole VCALENDAR: the zone, then one VEVENT per event. */
export function buildCalendar(events: IcsEvent[], opts: CalendarOptions): string {
  const dates = events.map((e) => Date.parse(`${e.date}T00:00:00Z`));
  const YEAR = 366 * 86_400_000;
  const from = new Date((dates.length ? Math.min(...dates) : opts.stamp.getTime()) - YEAR);
  const to = new Date((dates.length ? Math.max(...dates) : opts.stamp.getTime()) + YEAR);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${opts.prodId ?? "-//casebot//hearings//EN"}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    ...(opts.name ? [`X-WR-CALNAME:${escapeText(opts.name)}`] : []),
    `X-WR-TIMEZONE:${opts.timeZone}`,
    ...vtimezone(opts.timeZone, from, to),
    ...events.flatMap((e) => eventLines(e, opts)),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
