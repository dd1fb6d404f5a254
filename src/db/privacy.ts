import { randomBytes } from "node:crypto";
import { eq, or, sql } from "drizzle-orm";
import type { Db, Executor } from "./client.js";
import { auditLog, chats, deliveries, editors, feeds, kvState, reviews, subscriptions, updates } from "./schema.js";

export interface Forgotten {
  /** They were an editor (added with /editors) and no longer are. */
  wasEditor: boolean;
}

/**
 * Everything the bot holds about one chat (and, in a private chat, its user: the ids are the
 * same), in one transaction. A table that gains a chat or user id column must be handled here:
 * tests/db/privacy.test.ts walks every table of the schema and fails until it is.
 */
export async function forgetChat(db: Db, chatId: number): Promise<Forgotten> {
  return db.transaction(async (tx) => {
    await tx.delete(deliveries).where(eq(deliveries.chatId, chatId));
    await tx.delete(subscriptions).where(eq(subscriptions.chatId, chatId));
    await tx.delete(kvState).where(eq(kvState.chatId, chatId));
    await tx.delete(chats).where(eq(chats.id, chatId));
    const gone = await tx.delete(editors).where(eq(editors.userId, chatId)).returning({ id: editors.userId });
    await tx.update(editors).set({ addedBy: null }).where(eq(editors.addedBy, chatId));
    await tx.update(updates).set({ createdBy: null }).where(eq(updates.createdBy, chatId));
    await tx.update(feeds).set({ addedBy: null }).where(eq(feeds.addedBy, chatId));
    // A review names its author and reviewer: it goes (a pending broadcast of theirs with it);
    // the audit log keeps that it was submitted and decided, with a token for them.
    await tx.delete(reviews).where(or(eq(reviews.authorId, chatId), eq(reviews.reviewerId, chatId)));
    await anonymiseAudit(tx, chatId);
    return { wasEditor: gone.length > 0 };
  });
}

/** A fresh token per row, so that rows once tied by the same actor can no longer be tied together. */
const token = () => `forgotten-${randomBytes(6).toString("hex")}`;

/** The id written as a whole number in text: not a digit (or a minus sign) on either side. */
const idPattern = (id: number) => `(^|[^0-9-])${String(id).replace("-", "\\-")}([^0-9]|$)`;

/**
 * Audit entries keep what was done and when; wherever the person appears (the actor, the
 * subject, a value in before/after such as an editor's `addedBy`) a per-row token replaces them.
 */
async function anonymiseAudit(tx: Executor, id: number): Promise<void> {
  const pattern = idPattern(id);
  const rows = await tx
    .select()
    .from(auditLog)
    .where(
      or(
        eq(auditLog.actorId, id),
        eq(auditLog.subject, String(id)),
        sql`${auditLog.before}::text ~ ${pattern}`,
        sql`${auditLog.after}::text ~ ${pattern}`,
      ),
    );
  for (const r of rows) {
    const t = token();
    const actor = r.actorId === id;
    await tx
      .update(auditLog)
      .set({
        actorId: actor ? null : r.actorId,
        actorToken: actor ? t : r.actorToken,
        subject: r.subject === null ? null : scrubText(r.subject, id, t),
        before: scrubJson(r.before, id, t),
        after: scrubJson(r.after, id, t),
      })
      .where(eq(auditLog.id, r.id));
  }
}

function scrubText(s: string, id: number, t: string): string {
  return s.replace(new RegExp(idPattern(id), "g"), (_m, pre: string, post: string) => `${pre}${t}${post}`);
}

function scrubJson(v: unknown, id: number, t: string): unknown {
  if (v === id) return t;
  if (typeof v === "string") return scrubText(v, id, t);
  if (Array.isArray(v)) return v.map((x) => scrubJson(x, id, t));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [scrubText(k, id, t), scrubJson(x, id, t)]));
  return v;
}
