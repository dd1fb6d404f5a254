import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { Lang, PartialTranslated, QuestionKey, Translated } from "../shared/lang.js";

const tg = (name: string) => bigint(name, { mode: "number" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const created = () => ts("created_at").notNull().defaultNow();
const updated = () => ts("updated_at").notNull().defaultNow();

export type ReviewNote = { lang: string; term: string; note: string };

export const HEARING_STATUSES = ["scheduled", "postponed", "held", "cancelled"] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];
export type ChatType = "private" | "group" | "supergroup" | "channel";
export type ChatStatus = "active" | "blocked" | "left";
/** update_edit: an update's delivered copy edited in place (correction, later translation); update_delete: a retraction. */
export type DeliveryKind = "reminder" | "hearing_changed" | "update" | "update_edit" | "update_delete";
export type DeliveryStatus = "pending" | "sending" | "sent" | "dead" | "cancelled";
/** How exactly an event is dated, as its source dates it (case/content/schema.ts). */
export const DATE_PRECISIONS = ["day", "month", "after", "unknown"] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
/** What a topic is (case/content/schema.ts says what each means). */
export const TOPIC_KINDS = ["case", "unknown", "meta", "smalltalk"] as const;
export type TopicKind = (typeof TOPIC_KINDS)[number];
/** The script a Kazakh reader reads: Cyrillic, the 2021 Latin alphabet, or the Arabic script (tote jazu). */
export const KAZAKH_SCRIPTS = ["cyrl", "latn", "arab"] as const;
export type KazakhScript = (typeof KAZAKH_SCRIPTS)[number];

// ---- The case (imported from content/, edited by editors) ----

export const caseMeta = pgTable("case_meta", {
  id: text("id").primaryKey(),
  name: jsonb("name").$type<Translated>().notNull(),
  summary: jsonb("summary").$type<Translated>().notNull(),
  sourceIds: text("source_ids").array().notNull(),
  review: jsonb("review").$type<ReviewNote[]>(),
  /** Bumped on every content change, so every instance knows to rebuild its index. */
  revision: integer("revision").notNull().default(1),
  updatedAt: updated(),
});

export const sources = pgTable("sources", {
  id: text("id").primaryKey(),
  publisher: text("publisher").notNull(),
  title: jsonb("title").$type<Translated>().notNull(),
  url: text("url"),
  /** YYYY-MM-DD, or YYYY-MM when only the month is known; null only for a row a migration could not read. */
  published: text("published"),
  position: integer("position").notNull().default(0),
});

export const events = pgTable("events", {
  id: text("id").primaryKey(),
  precision: text("precision").$type<DatePrecision>().notNull().default("day"),
  /** The day (precision day), or the first of the month (precision month); null otherwise. */
  date: date("date", { mode: "string" }),
  /** The event this one followed (precision after). */
  afterEvent: text("after_event"),
  title: jsonb("title").$type<Translated>().notNull(),
  body: jsonb("body").$type<Translated>().notNull(),
  sourceIds: text("source_ids").array().notNull(),
  review: jsonb("review").$type<ReviewNote[]>(),
  position: integer("position").notNull().default(0),
});

export const hearings = pgTable(
  "hearings",
  {
    id: text("id").primaryKey(),
    /** Local date and optional local time in the case's time zone, as the source gives them. */
    date: date("date", { mode: "string" }).notNull(),
    time: text("time"),
    /** The instant it starts (local midnight when no time is known): what the scheduler reads. */
    startsAt: ts("starts_at").notNull(),
    /** Until when it counts as ahead (case/hearings.ts `upcomingUntil`), stored so SQL reads the same rule. */
    upcomingUntil: ts("upcoming_until").notNull(),
    title: jsonb("title").$type<Translated>().notNull(),
    place: jsonb("place").$type<Translated>().notNull(),
    status: text("status").$type<HearingStatus>().notNull(),
    outcome: jsonb("outcome").$type<Translated>(),
    sourceIds: text("source_ids").array().notNull(),
    review: jsonb("review").$type<ReviewNote[]>(),
    /** Bumped on every change of date, time, place or status: reminders are keyed on it. */
    version: integer("version").notNull().default(1),
    updatedAt: updated(),
  },
  (t) => [index("hearings_starts_at_idx").on(t.startsAt)],
);

export const topics = pgTable("topics", {
  id: text("id").primaryKey(),
  kind: text("kind").$type<TopicKind>().notNull().default("case"),
  label: jsonb("label").$type<Translated>().notNull(),
  answer: jsonb("answer").$type<Translated>().notNull(),
  questions: jsonb("questions").$type<Partial<Record<QuestionKey, string[]>>>().notNull(),
  related: text("related").array().notNull(),
  menu: boolean("menu").notNull().default(false),
  sourceIds: text("source_ids").array().notNull(),
  review: jsonb("review").$type<ReviewNote[]>(),
  position: integer("position").notNull().default(0),
});

/** Published case updates; kk and ru may be left out on purpose (readers then get English). */
export const updates = pgTable("updates", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  body: jsonb("body").$type<PartialTranslated>().notNull(),
  sourceUrl: text("source_url"),
  publishedAt: ts("published_at").notNull().defaultNow(),
  createdBy: tg("created_by"),
  /** Bumped on every correction or later translation: each bump edits the delivered copies once (update_edit rows keyed on it). */
  revision: integer("revision").notNull().default(1),
  /** Set by a correction: every copy then says "corrected" with this time. */
  correctedAt: ts("corrected_at"),
  /** Set by a retraction: unsent copies are dropped, sent ones deleted or followed by a notice. */
  retractedAt: ts("retracted_at"),
});

// ---- The people who use it: the least that makes the bot work ----

export const chats = pgTable("chats", {
  /** Telegram chat id. No names, usernames or phone numbers are ever stored. */
  id: tg("id").primaryKey(),
  type: text("type").$type<ChatType>().notNull(),
  /** Chosen with /language; null until then (Telegram's language_code decides). */
  language: text("language").$type<Lang>(),
  /** For Kazakh: the script chosen or last written in; null reads Cyrillic. */
  kkScript: text("kk_script").$type<KazakhScript>(),
  /** The script was chosen with /language or /settings: what the chat writes in no longer changes it. */
  kkScriptChosen: boolean("kk_script_chosen").notNull().default(false),
  status: text("status").$type<ChatStatus>().notNull().default("active"),
  createdAt: created(),
  updatedAt: updated(),
});

export const subscriptions = pgTable("subscriptions", {
  chatId: tg("chat_id")
    .primaryKey()
    .references(() => chats.id, { onDelete: "cascade", onUpdate: "cascade" }),
  reminders: boolean("reminders").notNull().default(true),
  updates: boolean("updates").notNull().default(true),
  leadTimes: text("lead_times").array().notNull(),
  createdAt: created(),
  updatedAt: updated(),
});

/** The outbox: every message the bot sends on its own initiative passes through here. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign key: its check costs one trigger call per inserted row, which a broadcast to a
    // million chats cannot afford. Triggers in the migration (0005) do its work set-based: an
    // insert takes key-share locks on its chats in one statement and drops rows of chats that are
    // gone; deleting a chat or changing its id carries over to its rows, as the cascade did.
    chatId: tg("chat_id").notNull(),
    kind: text("kind").$type<DeliveryKind>().notNull(),
    subjectId: text("subject_id").notNull(),
    subjectVersion: integer("subject_version").notNull().default(1),
    lead: text("lead").notNull().default(""),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    dueAt: ts("due_at").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    leaseUntil: ts("lease_until"),
    lastError: text("last_error"),
    telegramMessageId: bigint("telegram_message_id", { mode: "number" }),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    createdAt: created(),
    sentAt: ts("sent_at"),
  },
  (t) => [
    uniqueIndex("deliveries_idempotency_key").on(t.chatId, t.kind, t.subjectId, t.subjectVersion, t.lead),
    index("deliveries_queue_idx").on(t.status, t.nextAttemptAt),
    // What is queued about one hearing or update: cancelling older versions, progress, /stats.
    index("deliveries_subject_idx").on(t.kind, t.subjectId),
  ],
);

/** Keyed state: conversations and other per-chat state. chat_id lets /forget find it. */
export const kvState = pgTable(
  "kv_state",
  {
    key: text("key").primaryKey(),
    chatId: tg("chat_id"),
    value: jsonb("value").notNull(),
    updatedAt: updated(),
  },
  (t) => [index("kv_state_chat_idx").on(t.chatId)],
);

/** Questions the bot could not answer: text and language only, no id of any kind; kept 30 days. */
export const unanswered = pgTable(
  "unanswered",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    text: text("text").notNull(),
    lang: text("lang").notNull(),
    createdAt: created(),
  },
  (t) => [index("unanswered_created_idx").on(t.createdAt)],
);

/** Update ids seen recently, so a redelivered webhook update is processed once. */
export const seenUpdates = pgTable("seen_updates", {
  updateId: bigint("update_id", { mode: "number" }).primaryKey(),
  seenAt: ts("seen_at").notNull().defaultNow(),
});

// ---- Editors ----

export const editors = pgTable("editors", {
  userId: tg("user_id").primaryKey(),
  /** Null once the one who added them used /forget. */
  addedBy: tg("added_by"),
  createdAt: created(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null once the actor used /forget: actor_token then stands in for them. */
    actorId: tg("actor_id"),
    /** A random token, different in every row, where a forgotten person's id was: no two rows can be tied together by it. */
    actorToken: text("actor_token"),
    action: text("action").notNull(),
    subject: text("subject"),
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
  addedBy: tg("added_by"),
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
    authorId: tg("author_id").notNull(),
    /** What the broadcast will do once approved (the use case's own input). */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<ReviewStatus>().notNull().default("pending"),
    reviewerId: tg("reviewer_id"),
    reason: text("reason"),
    createdAt: created(),
    decidedAt: ts("decided_at"),
  },
  (t) => [index("reviews_status_idx").on(t.status)],
);

export type FeedRow = typeof feeds.$inferSelect;
export type FeedItemRow = typeof feedItems.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type CaseMetaRow = typeof caseMeta.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type Hearing = typeof hearings.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
export type UpdateRow = typeof updates.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type EditorRow = typeof editors.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;

export const schemaTables = {
  caseMeta,
  sources,
  events,
  hearings,
  topics,
  updates,
  chats,
  subscriptions,
  deliveries,
  kvState,
  unanswered,
  seenUpdates,
  editors,
  auditLog,
  feeds,
  feedItems,
  reviews,
};
