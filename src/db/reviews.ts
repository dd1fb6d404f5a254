import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "./client.js";
import { openId, openOrNull, person } from "./refs.js";
import { reviews, type ReviewKind, type ReviewRow, type ReviewStatus } from "./schema.js";

export type { ReviewRow };

/** A review as the app sees it: the author and reviewer opened from their sealed ids. */
function asRow(ex: Executor, r: typeof reviews.$inferSelect): ReviewRow {
  const { authorRef: _ar, authorSealed, reviewerRef: _rr, reviewerSealed, ...rest } = r;
  return { ...rest, authorId: openId(ex, authorSealed!), reviewerId: openOrNull(ex, reviewerSealed) };
}

export function createReviewsRepo(db: Executor) {
  return {
    async insert(r: { kind: ReviewKind; authorId: number; payload: Record<string, unknown>; now: Date }): Promise<ReviewRow> {
      const author = person(db, r.authorId);
      const [row] = await db
        .insert(reviews)
        .values({ kind: r.kind, authorRef: author.ref, authorSealed: author.sealed, payload: r.payload, createdAt: r.now })
        .returning();
      return asRow(db, row!);
    },

    async get(id: number): Promise<ReviewRow | undefined> {
      const [row] = await db.select().from(reviews).where(eq(reviews.id, id));
      return row && asRow(db, row);
    },

    async pending(): Promise<ReviewRow[]> {
      return (await db.select().from(reviews).where(eq(reviews.status, "pending")).orderBy(asc(reviews.id))).map((r) => asRow(db, r));
    },

    /** Decides a pending review; undefined when it was decided already (two reviewers at once: one wins). */
    async decide(id: number, d: { status: Exclude<ReviewStatus, "pending">; reviewerId: number; reason: string | null; now: Date }): Promise<ReviewRow | undefined> {
      const reviewer = person(db, d.reviewerId);
      const [row] = await db
        .update(reviews)
        .set({ status: d.status, reviewerRef: reviewer.ref, reviewerSealed: reviewer.sealed, reason: d.reason, decidedAt: d.now })
        .where(and(eq(reviews.id, id), eq(reviews.status, "pending")))
        .returning();
      return row && asRow(db, row);
    },

    /** Back to pending: the approved broadcast could not be made (the update was retracted meanwhile…). */
    async reopen(id: number): Promise<void> {
      await db.update(reviews).set({ status: "pending", reviewerRef: null, reviewerSealed: null, reason: null, decidedAt: null }).where(eq(reviews.id, id));
    },
  };
}
