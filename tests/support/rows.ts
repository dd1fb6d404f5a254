/** What tests read back from the database, in plain shapes (ids as numbers, times as text). */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";
import { schemaTables } from "../../src/db/schema.js";
import { getTableConfig } from "drizzle-orm/pg-core";
import { blindIndexes, open, type ChatKeyring } from "../../src/db/chat-id.js";
import { refsOf } from "../../src/db/refs.js";

/** Sealed ids as stored (src/db/chat-id.ts): `v1.<key id>.<base64url>`. */
const SEALED = /v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+/g;

/** The id a sealed text holds, under the test database's keyring; null for a null column. */
const opened = (database: Database, sealed: string | null) => (sealed === null ? null : open(database.ring, sealed));

export interface DeliveryRow {
  id: number;
  chat_id: number;
  kind: string;
  subject_id: string;
  subject_version: number;
  lead: string;
  status: string;
  /** The due instant, to the minute, in UTC: 2026-03-09T05:00Z. */
  due: string;
  attempts: number;
  last_error: string | null;
  payload: Record<string, unknown> | null;
}

/** The outbox, in the order rows were queued. */
export async function deliveryRows(database: Database): Promise<DeliveryRow[]> {
  const rows = await query<DeliveryRow>(
    database.db,
    sql`select d.id::float8 as id, c.sealed as chat_id, kind, subject_id, subject_version, lead, d.status,
          to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as due, attempts, last_error, payload
        from deliveries d left join chats c on c.ref = d.chat_ref order by d.id`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    chat_id: Number(opened(database, r.chat_id as unknown as string | null)),
    payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
  }));
}

export async function auditRows(database: Database) {
  const rows = await query<{ actor_id: string | null; action: string; subject: string; before: unknown; after: unknown }>(
    database.db,
    sql`select actor_sealed as actor_id, action, subject, before, after from audit_log order by id`,
  );
  return rows.map((r) => ({ ...r, actor_id: Number(opened(database, r.actor_id)) }));
}

/** The content revision: bumped by every change an import or an editor makes. */
export const revision = async (database: Database) =>
  Number((await query<{ revision: number }>(database.db, sql`select revision from case_meta`))[0]!.revision);

/** Keyed state (conversations and the like), with the chat ref /forget deletes it by. */
export const kvRows = async (database: Database) =>
  query<{ key: string; chat_ref: string | null }>(database.db, sql`select key, chat_ref from kv_state order by key`);

/** The key and ref a chat's own kv_state row of this kind has (src/db/kv.ts), for comparing with kvRows. */
export const kvRowOf = (database: Database, kind: string, chatId: number) => {
  const ref = refsOf(database.db, chatId)[0]!;
  return { key: `${kind}:${ref}`, chat_ref: ref };
};

/** The columns that can hold a chat or user id: every ref and sealed column, and the legacy clear ones. */
export async function chatColumns(database: Database) {
  return database.rows<{ table_name: string; column_name: string }>(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public'
      and (column_name ilike '%chat%' or column_name ~ '(^|_)(ref|sealed)$' or (table_name = 'chats' and column_name = 'id'))
    order by table_name, column_name`);
}

/** Every row, in any table, that still carries this chat id, its ref or its sealed id. */
export async function rowsAbout(database: Database, chatId: number) {
  const found: string[] = [];
  const needles = [String(chatId), ...refsOf(database.db, chatId)];
  for (const { table_name, column_name } of await chatColumns(database)) {
    const col = sql.identifier(column_name);
    const values = await database.rows<{ v: string }>(sql`select ${col}::text as v from ${sql.identifier(table_name)} where ${col} is not null`);
    const n = values.filter((r) => needles.includes(r.v) || opensTo(database, r.v, chatId)).length;
    if (n > 0) found.push(`${table_name}.${column_name}: ${n}`);
  }
  return found;
}

/** Whether a text holds a sealed id that opens to `id` (under the test keyring, or `ring`). */
function opensTo(database: Database, text: string, id: number, ring: ChatKeyring = database.ring): boolean {
  return [...text.matchAll(SEALED)].some((m) => {
    try {
      return open(ring, m[0]) === id;
    } catch {
      return false;
    }
  });
}

/**
 * Every table of the schema (read from drizzle, so a table added later is walked too) whose rows,
 * all columns as text, still mention `needle` as a whole number or word: `table: count`. A
 * person's id also stands in every table as its ref (under each key of the handle's ring, or of
 * `ring`: a rotation's old key too) and sealed (opened with the test keyring, or `ring`).
 */
export async function mentionsOf(database: Database, needle: number | string, ring?: ChatKeyring) {
  const needles = typeof needle === "number" ? [String(needle), ...(ring ? blindIndexes(ring, needle) : refsOf(database.db, needle))] : [needle];
  const found: string[] = [];
  for (const table of Object.values(schemaTables)) {
    const { name } = getTableConfig(table);
    const rows = await database.rows<{ r: string }>(sql`select t::text as r from ${sql.identifier(name)} t`);
    const n = rows.filter((row) => needles.some((x) => wholeWord(row.r, x)) || (typeof needle === "number" && opensTo(database, row.r, needle, ring))).length;
    if (n > 0) found.push(`${name}: ${n}`);
  }
  return found;
}

/** `x` as a whole number or word in `text`: not a letter or digit on either side (nor a minus before). */
function wholeWord(text: string, x: string): boolean {
  const escaped = x.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  return new RegExp(`(^|[^0-9A-Za-z-])${escaped}([^0-9A-Za-z]|$)`).test(text);
}

/** `chat_ref = <the chat's ref>`: a raw statement's condition on one chat, which the tables hold only by ref. */
export const chatIs = (database: Database, chatId: number) => sql`chat_ref = ${refsOf(database.db, chatId)[0]!}`;

/**
 * Marks the outbox rows `pick` chooses as sent, each with the message id `messageId` gives it
 * (tests derive it from the chat's id, which the table no longer holds).
 */
export async function markSent(database: Database, pick: (r: DeliveryRow) => boolean, messageId: (r: DeliveryRow) => number | null = () => null) {
  for (const r of (await deliveryRows(database)).filter(pick)) {
    await database.db.execute(sql`update deliveries set status = 'sent', telegram_message_id = ${messageId(r)}, sent_at = now() where id = ${r.id}`);
  }
}
