import { getTableConfig, text, timestamp, type PgTable } from "drizzle-orm/pg-core";
import type { ChatRef, SealedId } from "../chat-id.js";

export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
export const created = () => ts("created_at").notNull().defaultNow();
export const updated = () => ts("updated_at").notNull().defaultNow();

/**
 * What a person column is, kept on the column's own config (drizzle hands a builder's config to
 * the column it builds), so the schema itself is the registry: `personColumns` reads it back, and
 * keys:rotate (src/db/reseal.ts) re-keys every pair it lists without naming a table.
 */
type PersonTag = { person?: { sealedOf?: string; alsoIn?: string; follows?: string } };
function tag<B>(builder: B, person: NonNullable<PersonTag["person"]>): B {
  (builder as unknown as { config: PersonTag }).config.person = person;
  return builder;
}

/**
 * The blind index of a chat or user id (src/db/chat-id.ts): what is stored, looked up and joined
 * on in its place. A ref has a sealed column beside it naming it (`sealed(…, ref)`), so that a key
 * rotation can open the id and compute the ref again; or, with `follows`, it is a reference to
 * that table's ref and changes with it (a foreign key with on update cascade, or a trigger).
 */
export const ref = (name: string, opts: { follows?: string } = {}) => tag(text(name).$type<ChatRef>(), opts);
/**
 * The id sealed (AES-256-GCM): what is opened when the id itself is needed, and what re-keys
 * `refColumn`. `alsoIn`: a text column of the row that carries the ref too (kv_state's key,
 * `dialogue:<ref>`), rewritten with it.
 */
export const sealed = (name: string, refColumn: string, opts: { alsoIn?: string } = {}) =>
  tag(text(name).$type<SealedId>(), { sealedOf: refColumn, ...opts });

/** A ref and the sealed id it is the index of, in one table: what a rotation re-keys together. */
export interface PersonPair {
  table: string;
  ref: string;
  sealed: string;
  alsoIn?: string;
}

/** The person columns of a table, as tagged: its (ref, sealed) pairs, and its refs that follow another table's. */
export function personColumns(table: PgTable): { pairs: PersonPair[]; follows: Array<{ ref: string; follows: string }>; refs: string[] } {
  const { name, columns } = getTableConfig(table);
  const tagged = columns.map((c) => ({ column: c.name, person: (c as unknown as { config: PersonTag }).config.person })).filter((c) => c.person);
  return {
    pairs: tagged.flatMap(({ column, person: p }) =>
      p!.sealedOf ? [{ table: name, ref: p!.sealedOf, sealed: column, ...(p!.alsoIn ? { alsoIn: p!.alsoIn } : {}) }] : [],
    ),
    follows: tagged.flatMap((c) => (c.person!.follows ? [{ ref: c.column, follows: c.person!.follows }] : [])),
    /** Every column made by `ref`: each must be named by a sealed column or follow another table's ref. */
    refs: tagged.filter((c) => !c.person!.sealedOf).map((c) => c.column),
  };
}

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
