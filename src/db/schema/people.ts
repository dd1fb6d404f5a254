import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { Lang } from "../../shared/lang.js";
import { created, ref, sealed, tg, ts, updated, type ChatStatus, type ChatType, type DeliveryKind, type DeliveryStatus, type KazakhScript } from "./columns.js";

// ---- The people who use it: the least that makes the bot work ----

export const chats = pgTable(
  "chats",
  {
    /**
     * The chat's blind index: its key, what every other table references. Null only on a row
     * written before issue 12's conversion and not converted yet. No names, usernames or phone
     * numbers are ever stored.
     */
    ref: ref("ref").unique(),
    /** The Telegram chat id, sealed: opened only to send to it. */
    sealed: sealed("sealed"),
    /** Legacy: the clear id of a row not yet converted (src/db/convert.ts empties it); never written. */
    legacyId: tg("id"),
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
  (t) => [index("chats_legacy_id_idx").on(t.legacyId).where(sql`${t.legacyId} is not null`)],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    chatRef: ref("chat_ref")
      .unique()
      .references(() => chats.ref, { onDelete: "cascade", onUpdate: "cascade" }),
    /** Legacy: the clear id of a row not yet converted; never written. */
    legacyChatId: tg("chat_id"),
    reminders: boolean("reminders").notNull().default(true),
    updates: boolean("updates").notNull().default(true),
    leadTimes: text("lead_times").array().notNull(),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [index("subscriptions_legacy_chat_idx").on(t.legacyChatId).where(sql`${t.legacyChatId} is not null`)],
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
    // Null only on a row written before the conversion and not converted yet.
    chatRef: ref("chat_ref"),
    /** Legacy: the clear id of a row not yet converted; never written. */
    legacyChatId: tg("chat_id"),
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
    index("deliveries_legacy_chat_idx").on(t.legacyChatId).where(sql`${t.legacyChatId} is not null`),
    index("deliveries_queue_idx").on(t.status, t.nextAttemptAt),
    // What is queued about one hearing or update: cancelling older versions, progress, /stats.
    index("deliveries_subject_idx").on(t.kind, t.subjectId),
  ],
);

/** Keyed state: conversations and other per-chat state. chat_ref lets /forget find it. */
export const kvState = pgTable(
  "kv_state",
  {
    /** A chat's rows carry its ref in the key too (`dialogue:<ref>`), never its id. */
    key: text("key").primaryKey(),
    chatRef: ref("chat_ref"),
    /** Legacy: the clear id of a row not yet converted; never written. */
    legacyChatId: tg("chat_id"),
    value: jsonb("value").notNull(),
    updatedAt: updated(),
  },
  (t) => [index("kv_state_chat_idx").on(t.legacyChatId), index("kv_state_chat_ref_idx").on(t.chatRef)],
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

