import { bigint, bigserial, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { created, ref, sealed, ts } from "./columns.js";

// ---- Editors ----

export const editors = pgTable("editors", {
  /** The editor's blind index and their user id sealed. */
  userRef: ref("user_ref").unique(),
  sealed: sealed("sealed", "user_ref"),
  /** Who added them; null once that person used /forget. */
  addedByRef: ref("added_by_ref"),
  addedBySealed: sealed("added_by_sealed", "added_by_ref"),
  createdAt: created(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Who acted, as a blind index and sealed; null once they used /forget: actor_token then stands in for them. */
    actorRef: ref("actor_ref"),
    actorSealed: sealed("actor_sealed", "actor_ref"),
    /** A random token, different in every row, where a forgotten person's id was: no two rows can be tied together by it. */
    actorToken: text("actor_token"),
    action: text("action").notNull(),
    /** What it was done to; for `editor.add` and `editor.remove` the person's ref, never their id. */
    subject: text("subject"),
    /** When the subject is a person (editor.add, editor.remove): their id sealed, so that a key rotation re-keys the subject too. */
    subjectSealed: sealed("subject_sealed", "subject"),
    before: jsonb("before"),
    after: jsonb("after"),
    at: ts("at").notNull().defaultNow(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

// ---- News feeds the editors watch ----

/** A trusted source's RSS or Atom feed, polled by src/jobs/feeds.ts. */
export const feeds = pgTable("feeds", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  url: text("url").notNull().unique(),
  /** Null once the editor who added it has used /forget: the feed stays for the others. */
  addedByRef: ref("added_by_ref"),
  addedBySealed: sealed("added_by_sealed", "added_by_ref"),
  /** The validators of the last 200, sent back so an unchanged feed costs a 304. */
  etag: text("etag"),
  lastModified: text("last_modified"),
  intervalMs: integer("interval_ms").notNull().default(900_000),
  nextPollAt: ts("next_poll_at").notNull().defaultNow(),
  /** Failures in a row: the next poll waits longer after each (backoff). */
  failures: integer("failures").notNull().default(0),
  lastError: text("last_error"),
  lastPolledAt: ts("last_polled_at"),
  createdAt: created(),
});

export type FeedItemStatus = "new" | "sent" | "ignored" | "drafted" | "skipped";

/** Every item a feed has shown, by its id or link: what makes "sent once" survive a restart. */
export const feedItems = pgTable(
  "feed_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    feedId: bigint("feed_id", { mode: "number" })
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    title: text("title").notNull(),
    link: text("link"),
    publishedAt: ts("published_at"),
    /** new: matched, not yet sent; skipped: does not mention the case (kept so it is never read again). */
    status: text("status").$type<FeedItemStatus>().notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex("feed_items_key").on(t.key)],
);

// ---- Four eyes: broadcasts waiting for a second editor ----

export type ReviewKind = "publish" | "correct" | "translate" | "retract" | "hearing";
export type ReviewStatus = "pending" | "approved" | "rejected" | "overridden";

export const reviews = pgTable(
  "reviews",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").$type<ReviewKind>().notNull(),
    /** Who asked and who decided, as blind indexes and sealed (the author is told the decision). */
    authorRef: ref("author_ref"),
    authorSealed: sealed("author_sealed", "author_ref"),
    /** What the broadcast will do once approved (the use case's own input). */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<ReviewStatus>().notNull().default("pending"),
    reviewerRef: ref("reviewer_ref"),
    reviewerSealed: sealed("reviewer_sealed", "reviewer_ref"),
    reason: text("reason"),
    createdAt: created(),
    decidedAt: ts("decided_at"),
  },
  (t) => [index("reviews_status_idx").on(t.status)],
);

