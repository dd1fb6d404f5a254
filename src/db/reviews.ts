import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "./client.js";
import { reviews, type ReviewKind, type ReviewRow, type ReviewStatus } from "./schema.js";

export type { ReviewRow };

export function createReviewsRepo(db: Executor) {
  return {
    async insert(r: { kind: ReviewKind; authorId: number; payload: Record<string, unknown>; now: Date }): Promise<ReviewRow> {
      const [row] = await db.insert(reviews).values({ kind: r.kind, authorId: r.authorId, payload: r.payload, createdAt: r.now }).returning();
      return row!;
    },

    async get(id: number): Promise<ReviewRow | undefined> {
      const [row] = await db.select().from(reviews).where(eq(reviews.id, id));
      return row;
    },

    pending(): Promise<ReviewRow[]> {
      return db.select().from(reviews).where(eq(reviews.status, "pending")).orderBy(asc(reviews.id));
    },

    /** Decides a pending review; undefined when it was decided already (two reviewers at once: one wins). */
    async decide(id: number, d: { status: Exclude<ReviewStatus, "pending">; reviewerId: number; reason: string | null; now: Date }): Promise<ReviewRow | undefined> {
      const [row] = await db
        .update(reviews)
        .set({ status: d.status, reviewerId: d.reviewerId, reason: d.reason, decidedAt: d.now })
        .where(and(eq(reviews.id, id), eq(reviews.status, "pending")))
        .returning();
      return row;
    },

    /** Back to pending: the approved broadcast could not be made (the update was retracted meanwhile…). */
    async reopen(id: number): Promise<void> {
      await db.update(reviews).set({ status: "pending", reviewerId: null, reason: null, decidedAt: null }).where(eq(reviews.id, id));
    },
  };
}
