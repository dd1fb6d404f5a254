import { cleanText } from "../answers/normalise.js";
import { latestAudit } from "../db/audit.js";
import type { Database } from "../db/client.js";
import type { AuditRow } from "../db/schema.js";
import { readStats, type Stats } from "../db/stats.js";
import { createUnansweredRepo, type UnansweredGroup } from "../db/unanswered.js";

/** What editors read: how the bot is doing, what it could not answer, who did what. Aggregates and texts, never a list of people. */

const DAY_MS = 86_400_000;

export const AUDIT_SHOWN = 15;
export const UNANSWERED_SHOWN = 20;

export function stats(database: Database, now: Date): Promise<Stats> {
  return readStats(database.db, now, new Date(now.getTime() - DAY_MS));
}

export function recentAudit(database: Database): Promise<AuditRow[]> {
  return latestAudit(database.db, AUDIT_SHOWN);
}

export function recentUnanswered(database: Database): Promise<UnansweredGroup[]> {
  return createUnansweredRepo(database.db).recentGrouped(UNANSWERED_SHOWN);
}

/** Kept for editors: the text and its language only, never who asked. Nothing for a text without a letter or digit. */
export async function recordUnanswered(database: Database, question: string, lang: string, at: Date): Promise<void> {
  const text = cleanText(question).slice(0, 500);
  if (/[\p{L}\p{N}]/u.test(text)) await createUnansweredRepo(database.db).add(text, lang, at);
}
