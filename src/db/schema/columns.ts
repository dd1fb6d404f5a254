import { bigint, text, timestamp } from "drizzle-orm/pg-core";
import type { ChatRef, SealedId } from "../chat-id.js";

/** A legacy clear Telegram id column (issue 12): nullable, never written by the app, emptied by the conversion (src/db/convert.ts). */
export const tg = (name: string) => bigint(name, { mode: "number" });
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const created = () => ts("created_at").notNull().defaultNow();
export const updated = () => ts("updated_at").notNull().defaultNow();
/** The blind index of a chat or user id (src/db/chat-id.ts): what is stored, looked up and joined on in its place. */
export const ref = (name: string) => text(name).$type<ChatRef>();
/** The id sealed (AES-256-GCM): what is opened when the id itself is needed, to send or to show. */
export const sealed = (name: string) => text(name).$type<SealedId>();
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

