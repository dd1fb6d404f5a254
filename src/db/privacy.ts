import { randomBytes } from "node:crypto";
import { inArray, or, sql } from "drizzle-orm";
import type { ChatRef } from "./chat-id.js";
import type { Db, Executor } from "./client.js";
import { refsOf } from "./refs.js";
import { auditLog, chats, deliveries, editors, feeds, kvState, reviews, subscriptions, updates } from "./schema.js";

export interface Forgotten {
  /** They were an editor (added with /editors) and no longer are. */
  wasEditor: boolean;
}

/**
 * Everything the bot holds about one chat (and, in a private chat, its user: the ids are the
 * same), in one transaction. Rows hold the person's ref (under any key of the ring: a rotation
 * may be half done) and their sealed id beside it; both go. A table that gains a person column
 * must be handled here: tests/db/privacy.test.ts walks every table of the schema and fails until it is.
 */
export async function forgetChat(db: Db, chatId: number): Promise<Forgotten> {
  return db.transaction(async (tx) => {
    const refs = refsOf(tx, chatId);
    await tx.delete(deliveries).where(inArray(deliveries.chatRef, refs));
    await tx.delete(subscriptions).where(inArray(subscriptions.chatRef, refs));
    await tx.delete(kvState).where(inArray(kvState.chatRef, refs));
    await tx.delete(chats).where(inArray(chats.ref, refs));
    const gone = await tx.delete(editors).where(inArray(editors.userRef, refs)).returning({ ref: editors.userRef });
    await tx.update(editors).set({ addedByRef: null, addedBySealed: null }).where(inArray(editors.addedByRef, refs));
    await tx.update(updates).set({ createdByRef: null, createdBySealed: null }).where(inArray(updates.createdByRef, refs));
    await tx.update(feeds).set({ addedByRef: null, addedBySealed: null }).where(inArray(feeds.addedByRef, refs));
    // A review names its author and reviewer: it goes (a pending broadcast of theirs with it);
    // the audit log keeps that it was submitted and decided, with a token for them.
    await tx.delete(reviews).where(or(inArray(reviews.authorRef, refs), inArray(reviews.reviewerRef, refs)));
    await anonymiseAudit(tx, refs);
    return { wasEditor: gone.length > 0 };
  });
}

/** A fresh token per row, so that rows once tied by the same actor can no longer be tied together. */
const token = () => `forgotten-${randomBytes(6).toString("hex")}`;

/**
 * Audit entries keep what was done and when; wherever the person appears (the actor, the
 * subject of an editor.add or editor.remove, an editor's `addedBy` in before) a per-row token
 * replaces their ref, and their sealed id goes.
 */
async function anonymiseAudit(tx: Executor, refs: readonly ChatRef[]): Promise<void> {
  const mentions = refs.flatMap((r) => [sql`${auditLog.before}::text like ${`%${r}%`}`, sql`${auditLog.after}::text like ${`%${r}%`}`]);
  const rows = await tx
    .select()
    .from(auditLog)
    .where(or(inArray(auditLog.actorRef, [...refs]), inArray(auditLog.subject, [...refs]), ...mentions));
  const theirs = (s: string | null) => s !== null && (refs as readonly string[]).includes(s);
  for (const r of rows) {
    const t = token();
    const actor = theirs(r.actorRef);
    await tx
      .update(auditLog)
      .set({
        actorRef: actor ? null : r.actorRef,
        actorSealed: actor ? null : r.actorSealed,
        actorToken: actor ? t : r.actorToken,
        subject: theirs(r.subject) ? t : r.subject,
        subjectSealed: theirs(r.subject) ? null : r.subjectSealed,
        before: scrubJson(r.before, refs, t),
        after: scrubJson(r.after, refs, t),
      })
      .where(sql`${auditLog.id} = ${r.id}`);
  }
}

function scrubJson(v: unknown, refs: readonly string[], t: string): unknown {
  if (typeof v === "string") return refs.reduce((s, r) => s.split(r).join(t), v);
  if (Array.isArray(v)) return v.map((x) => scrubJson(x, refs, t));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubJson(k, refs, t) as string, scrubJson(x, refs, t)]));
  return v;
}
