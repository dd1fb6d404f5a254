import { desc } from "drizzle-orm";
import type { Executor } from "./client.js";
import { openOrNull, person } from "./refs.js";
import { auditLog, type AuditRow } from "./schema.js";

export interface AuditEntry {
  /** The Telegram user id of the editor or owner who acted: stored as its ref and sealed. */
  actorId: number;
  /** What was done, as `area.verb`: `editor.add`, `topic.answer`, `topic.paraphrase`… */
  action: string;
  /** What it was done to: a topic id and language, an update… (never a person: see subjectPerson). */
  subject?: string;
  /**
   * The person it was done to (editor.add, editor.remove): stored as their ref (the subject) and
   * sealed beside it, never their id. `before` and `after` never name a person: a ref there has
   * no sealed id beside it, so a key rotation could not re-key it.
   */
  subjectPerson?: number;
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
  const actor = person(db, entry.actorId);
  const subject = entry.subjectPerson !== undefined ? person(db, entry.subjectPerson) : undefined;
  await db.insert(auditLog).values({
    actorRef: actor.ref,
    actorSealed: actor.sealed,
    action: entry.action,
    subject: subject ? subject.ref : (entry.subject ?? null),
    subjectSealed: subject?.sealed ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

export async function latestAudit(db: Executor, limit: number): Promise<AuditRow[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
  return rows.map(({ actorRef: _r, actorSealed, subjectSealed: _s, ...r }) => ({ ...r, actorId: openOrNull(db, actorSealed) }));
}
