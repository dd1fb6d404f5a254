import { LEAD_TIME } from "../config.js";
import type { LeadRow } from "../db/reminders.js";

/**
 * A reminder's lead time, as the operator writes it in REMINDER_LEAD_TIMES:
 * `7d`, `1d`, `3h`, `30m` (that long before the hearing starts) or `morning@08:00`
 * (at 08:00 on the hearing's own day, in the case's time zone).
 */
export type Lead =
  | { code: string; kind: "relative"; days: number; minutes: number }
  | { code: string; kind: "morning"; at: string };

/** When a hearing's time is not known, relative leads count back from this local hour, never from midnight. */
export const DEFAULT_ANCHOR = "08:00";

export function parseLead(code: string): Lead {
  const s = code.trim();
  if (!LEAD_TIME.test(s)) throw new Error(`not a lead time: "${code}" (expected 7d, 1d, 3h, 30m or morning@HH:MM)`);
  if (s.startsWith("morning@")) return { code: s, kind: "morning", at: s.slice("morning@".length) };
  const n = Number(s.slice(0, -1));
  const unit = s.at(-1);
  return { code: s, kind: "relative", days: unit === "d" ? n : 0, minutes: unit === "h" ? n * 60 : unit === "m" ? n : 0 };
}

export function parseLeads(codes: readonly string[]): Lead[] {
  const seen = new Set<string>();
  const out: Lead[] = [];
  for (const c of codes) {
    const lead = parseLead(c);
    if (seen.has(lead.code)) continue;
    seen.add(lead.code);
    out.push(lead);
  }
  // Longest lead first: the order menus show them in.
  return out.sort((a, b) => leadMinutes(b) - leadMinutes(a));
}

/** Roughly how long before the hearing a lead fires, for ordering only (morning counts as a few hours). */
export function leadMinutes(l: Lead): number {
  return l.kind === "morning" ? 120 : l.days * 1440 + l.minutes;
}

/** The local hour relative leads count from for a hearing without a time: the configured morning, else 08:00. */
export function anchorTime(leads: readonly Lead[]): string {
  return leads.find((l) => l.kind === "morning")?.at ?? DEFAULT_ANCHOR;
}

/** A new subscription's choice: 1 day before and the morning, of those the operator offers; else all offered. */
export function defaultLeads(leads: readonly Lead[]): string[] {
  const picked = leads.filter((l) => l.code === "1d" || l.kind === "morning").map((l) => l.code);
  return picked.length ? picked : leads.map((l) => l.code);
}

/** The leads as the reminder statement reads them (db/reminders.ts). */
export function leadRows(leads: readonly Lead[]): LeadRow[] {
  return leads.map((l) =>
    l.kind === "morning" ? { lead: l.code, days: 0, mins: 0, morning: l.at } : { lead: l.code, days: l.days, mins: l.minutes, morning: null },
  );
}
