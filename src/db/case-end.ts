import { and, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "./client.js";
import { deliveries, kvState, subscriptions } from "./schema.js";

/** kv_state key of the case's end: not about a chat, so it has no chat id. */
export const CASE_CLOSED_KEY = "case:closed";

export interface CaseClosed {
  /** When an editor closed it (ISO instant). */
  at: string;
  /** When subscriptions and the outbox are deleted (ISO instant). */
  purgeAt: string;
  /** The update that carried the last notice. */
  updateId: number;
  /** When the purge ran; absent until then. */
  purgedAt?: string;
}

export async function readCaseClosed(ex: Executor): Promise<CaseClosed | undefined> {
  const [row] = await ex.select({ value: kvState.value }).from(kvState).where(eq(kvState.key, CASE_CLOSED_KEY));
  return row?.value as CaseClosed | undefined;
}

/** Records the end once: false when the case was already closed (by another editor, another instance). */
export async function markCaseClosed(ex: Executor, state: CaseClosed, now: Date): Promise<boolean> {
  const rows = await ex.insert(kvState).values({ key: CASE_CLOSED_KEY, chatRef: null, value: state, updatedAt: now }).onConflictDoNothing().returning();
  return rows.length > 0;
}

/** Rewrites the recorded end (the update id, once known; the purge's first run). */
export async function writeCaseClosed(ex: Executor, state: CaseClosed, now: Date): Promise<void> {
  await ex.update(kvState).set({ value: state, updatedAt: now }).where(eq(kvState.key, CASE_CLOSED_KEY));
}

/**
 * Nothing more goes out after the last notice: every subscription stops asking for reminders and
 * updates, and reminders and hearing notices still queued are cancelled.
 */
export async function stopSubscriptions(ex: Executor, now: Date): Promise<{ cancelled: number }> {
  await ex.update(subscriptions).set({ reminders: false, updates: false, updatedAt: now });
  const cancelled = await ex
    .update(deliveries)
    .set({ status: "cancelled", leaseUntil: null, lastError: "case closed" })
    .where(and(eq(deliveries.status, "pending"), inArray(deliveries.kind, ["reminder", "hearing_changed"])))
    .returning({ id: deliveries.id });
  return { cancelled: cancelled.length };
}

/**
 * After the grace period, every run: every subscription and every outbox row is deleted (one made
 * since, by a late /subscribe, too). Rows being sent (status sending) are left for the next run,
 * so a message is never deleted mid-send. The first run records when.
 */
export async function purgeClosedCase(ex: Executor, now: Date): Promise<{ subscriptions: number; deliveries: number } | undefined> {
  const closed = await readCaseClosed(ex);
  if (!closed || new Date(closed.purgeAt) > now) return undefined;
  const d = await ex.delete(deliveries).where(ne(deliveries.status, "sending")).returning({ id: deliveries.id });
  const s = await ex.delete(subscriptions).returning({ ref: subscriptions.chatRef });
  if (!closed.purgedAt) {
    await writeCaseClosed(ex, { ...closed, purgedAt: now.toISOString() }, now);
  }
  return { subscriptions: s.length, deliveries: d.length };
}
