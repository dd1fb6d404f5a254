import { desc } from "drizzle-orm";
import type { Executor } from "./client.js";
import { openOrNull, person, refOf } from "./refs.js";
import { auditLog, type AuditRow } from "./schema.js";

export interface AuditEntry {
  /** The Telegram user id of the editor or owner who acted: stored as its ref and sealed. */
  actorId: number;
  /** What was done, as `area.verb`: `editor.add`, `topic.answer`, `topic.paraphrase`… */
  action: string;
  /** What it was done to: a topic id and language, an update… (never a person: see subjectPerson). */
  subject?: string;
  /** The person it was done to (editor.add, editor.remove): stored as their ref, never their id. */
  subjectPerson?: number;
  before?: unknown;
  after?: unknown;
  /** People named in `before` (an editor's `addedBy`): merged into it as refs. */
  beforePeople?: Record<string, number | null>;
  /** When: always the caller's clock, so tests own time. */
  at: Date;
}

const asRefs = (ex: Executor, people: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(people).map(([k, id]) => [k, id === null ? null : refOf(ex, id)]));

/**
 * The one way an editor action is recorded. Pass the transaction that makes the change, so the
 * change and its record are committed together or not at all.
 */
export async function audit(db: Executor, entry: AuditEntry): Promise<void> {
  const actor = person(db, entry.actorId);
  const before = entry.beforePeople ? { ...(entry.before as object | undefined), ...asRefs(db, entry.beforePeople) } : entry.before;
  await db.insert(auditLog).values({
    actorRef: actor.ref,
    actorSealed: actor.sealed,
    action: entry.action,
    subject: entry.subjectPerson !== undefined ? refOf(db, entry.subjectPerson) : (entry.subject ?? null),
    before: before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}

export async function latestAudit(db: Executor, limit: number): Promise<AuditRow[]> {
  const rows = await db.select().from(auditLog).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit);
  return rows.map(({ legacyActorId: _l, actorRef: _r, actorSealed, ...r }) => ({ ...r, actorId: openOrNull(db, actorSealed) }));
}
