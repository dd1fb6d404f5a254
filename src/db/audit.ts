import { desc } from "drizzle-orm";
import type { Executor } from "./client.js";
import { auditLog, type AuditRow } from "./schema.js";

export interface AuditEntry {
  /** The Telegram user id of the editor or owner who acted. */
  actorId: number;
  /** What was done, as `area.verb`: `editor.add`, `topic.answer`, `topic.paraphrase`… */
  action: string;
  /** What it was done to: a user id, a topic id and language… */
  subject?: string;
  before?: unknown;
  after?: unknown;
  /** When: always the caller's clock, so tests own time. */
  at: Date;
}

/**
 * The one way an editor action is recorded. Pass the transaction that makes the change, so the
 * change and its record are committed together or not at all.
 */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subject: entry.subject ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

export async function latestAudit(db: Executor, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
}
