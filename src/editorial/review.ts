import { audit } from "../db/audit.js";
import { createReviewsRepo, type ReviewRow } from "../db/reviews.js";
import type { ReviewKind } from "../db/schema.js";
import type { Lang, PartialTranslated } from "../shared/lang.js";
import { applyHearingChange, type ChangeResult, type HearingChange, type SeenHearing } from "./hearings.js";
import { correctUpdate, retractUpdate, translateUpdate, type FollowUpResult } from "./corrections.js";
import type { EditorialDeps } from "./deps.js";
import { publishUpdate } from "./updates.js";

/**
 * Four eyes (REVIEW=required): a broadcast one editor makes waits, as a `reviews` row, until
 * another editor approves it; a rejection carries a reason back to its author; an owner may
 * override with a reason. Nothing reaches the outbox before approval. Every step is audited.
 */

/** A broadcast, as the use case that makes it takes it: what a review row holds. */
export type Broadcast =
  | { kind: "publish"; body: PartialTranslated; sourceUrl: string | null }
  | { kind: "correct"; updateId: number; body: PartialTranslated }
  | { kind: "translate"; updateId: number; lang: Exclude<Lang, "en">; text: string }
  | { kind: "retract"; updateId: number; reason: string }
  /** A hearing's change, with the notice each language's readers will get, as its author previewed it. */
  | { kind: "hearing"; seen: SeenHearing; change: HearingChange; previews: Array<{ lang: Lang; html: string }> };

export type Performed =
  | { kind: "publish"; updateId: number; queued: number }
  | { kind: "hearing"; title: string; result: ChangeResult }
  | ({ kind: "correct" | "translate" | "retract"; updateId: number } & FollowUpResult);

/** Makes the broadcast now: the use case's own transaction and audit row. */
export async function perform(deps: EditorialDeps, b: Broadcast, actorId: number): Promise<Performed> {
  switch (b.kind) {
    case "publish": {
      const r = await publishUpdate(deps, { body: b.body, sourceUrl: b.sourceUrl }, actorId);
      return { kind: "publish", updateId: r.id, queued: r.queued };
    }
    case "correct":
      return { kind: "correct", updateId: b.updateId, ...(await correctUpdate(deps, { updateId: b.updateId, body: b.body }, actorId)) };
    case "translate":
      return { kind: "translate", updateId: b.updateId, ...(await translateUpdate(deps, b, actorId)) };
    case "retract":
      return { kind: "retract", updateId: b.updateId, ...(await retractUpdate(deps, b, actorId)) };
    case "hearing":
      return { kind: "hearing", title: b.seen.title.en, result: await applyHearingChange(deps, b.seen, b.change, actorId) };
  }
}

export const broadcastOf = (r: ReviewRow): Broadcast => r.payload as Broadcast;

/** Holds the broadcast for review. Audited as `review.submit`. */
export async function submitForReview(deps: EditorialDeps, b: Broadcast, authorId: number): Promise<ReviewRow> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await createReviewsRepo(tx).insert({ kind: b.kind as ReviewKind, authorId, payload: b, now });
    await audit(tx, { actorId: authorId, action: "review.submit", subject: `review/${row.id}`, after: b, at: now });
    return row;
  });
}

export type Verdict =
  | { ok: true; review: ReviewRow; performed: Performed }
  | { ok: false; why: "not_found" | "decided" | "own" | "failed"; review?: ReviewRow; error?: string };

/**
 * Approves and makes the broadcast, as its author (the audit row of the broadcast names them,
 * `review.approve` names the reviewer). Its author may not approve it, except an owner with a
 * reason (`override`), audited as `review.override`.
 */
export async function approveReview(deps: EditorialDeps, id: number, reviewerId: number, override?: { reason: string }): Promise<Verdict> {
  const repo = createReviewsRepo(deps.database.db);
  const found = await repo.get(id);
  if (!found) return { ok: false, why: "not_found" };
  if (found.status !== "pending") return { ok: false, why: "decided", review: found };
  if (found.authorId === reviewerId && !override) return { ok: false, why: "own", review: found };
  const now = deps.clock.now();
  const review = await deps.database.db.transaction(async (tx) => {
    const row = await createReviewsRepo(tx).decide(id, { status: override ? "overridden" : "approved", reviewerId, reason: override?.reason ?? null, now });
    if (row) await audit(tx, { actorId: reviewerId, action: override ? "review.override" : "review.approve", subject: `review/${id}`, after: { kind: row.kind, reason: override?.reason ?? null }, at: now });
    return row;
  });
  if (!review) return { ok: false, why: "decided", review: found };
  try {
    return { ok: true, review, performed: await perform(deps, broadcastOf(review), review.authorId) };
  } catch (err) {
    // The update was retracted meanwhile, or the store failed: the review waits again.
    await repo.reopen(id);
    return { ok: false, why: "failed", review, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Rejects with a reason, which the bot sends back to the author. Audited as `review.reject`. */
export async function rejectReview(
  deps: EditorialDeps,
  id: number,
  reviewerId: number,
  reason: string,
): Promise<{ ok: true; review: ReviewRow } | { ok: false; why: "not_found" | "decided" | "own"; review?: ReviewRow }> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const repo = createReviewsRepo(tx);
    const found = await repo.get(id);
    if (!found) return { ok: false, why: "not_found" } as const;
    if (found.authorId === reviewerId) return { ok: false, why: "own", review: found } as const;
    const row = await repo.decide(id, { status: "rejected", reviewerId, reason, now });
    if (!row) return { ok: false, why: "decided", review: found } as const;
    await audit(tx, { actorId: reviewerId, action: "review.reject", subject: `review/${id}`, after: { kind: row.kind, reason }, at: now });
    return { ok: true, review: row } as const;
  });
}
