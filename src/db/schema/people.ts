import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { Lang } from "../../shared/lang.js";
import { created, ref, sealed, ts, updated, type ChatStatus, type ChatType, type DeliveryKind, type DeliveryStatus, type KazakhScript } from "./columns.js";

// ---- The people who use it: the least that makes the bot work ----

export const chats = pgTable(
  "chats",
  {
    /**
     * The chat's blind index: its key, what every other table references. No names, usernames or
     * phone numbers are ever stored.
     */
    ref: ref("ref").unique(),
    /** The Telegram chat id, sealed: opened only to send to it. */
    sealed: sealed("sealed", "ref"),
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
  },
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    chatRef: ref("chat_ref", { follows: "chats" })
      .unique()
      .references(() => chats.ref, { onDelete: "cascade", onUpdate: "cascade" }),
    reminders: boolean("reminders").notNull().default(true),
    updates: boolean("updates").notNull().default(true),
    leadTimes: text("lead_times").array().notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
);

/** The outbox: every message the bot sends on its own initiative passes through here. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // No foreign key: its check costs one trigger call per inserted row, which a broadcast to a
    // million chats cannot afford. Triggers in the migration (0005) do its work set-based: an
    // insert takes key-share locks on its chats in one statement and drops rows of chats that are
    // gone; deleting a chat or changing its ref carries over to its rows, as the cascade did.
    chatRef: ref("chat_ref", { follows: "chats" }),
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
    uniqueIndex("deliveries_idempotency_key").on(t.chatRef, t.kind, t.subjectId, t.subjectVersion, t.lead),
    index("deliveries_queue_idx").on(t.status, t.nextAttemptAt),
    // What is queued about one update or notice: its copies, progress, /stats. Not reminders (0012):
    // they are what one enqueue writes in hundreds of thousands, and the one look-up of them by
    // hearing (cancelling older versions) reads the pending rows, which the queue index holds.
    index("deliveries_subject_idx").on(t.kind, t.subjectId).where(sql`kind <> 'reminder'`),
  ],
);

/** Keyed state: conversations and other per-chat state. chat_ref lets /forget find it; chat_sealed lets keys:rotate re-key it. */
export const kvState = pgTable(
  "kv_state",
  {
    /** A chat's rows carry its ref in the key too (`dialogue:<ref>`), never its id. */
    key: text("key").primaryKey(),
    chatRef: ref("chat_ref"),
    /** The chat's id sealed: never read by the bot; what a key rotation opens to compute the ref (in the key too) again. */
    chatSealed: sealed("chat_sealed", "chat_ref", { alsoIn: "key" }),
    value: jsonb("value").notNull(),
    updatedAt: updated(),
  },
  (t) => [index("kv_state_chat_ref_idx").on(t.chatRef)],
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

