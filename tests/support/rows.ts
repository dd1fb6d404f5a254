/** What tests read back from the database, in plain shapes (ids as numbers, times as text). */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";
import { schemaTables } from "../../src/db/schema.js";
import { getTableConfig } from "drizzle-orm/pg-core";

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
    sql`select id::float8 as id, chat_id::float8 as chat_id, kind, subject_id, subject_version, lead, status,
          to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as due, attempts, last_error, payload
        from deliveries order by id`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    chat_id: Number(r.chat_id),
    payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
  }));
}

export async function auditRows(database: Database) {
  const rows = await query<{ actor_id: number | string; action: string; subject: string; before: unknown; after: unknown }>(
    database.db,
    sql`select actor_id, action, subject, before, after from audit_log order by id`,
  );
  return rows.map((r) => ({ ...r, actor_id: Number(r.actor_id) }));
}

/** The content revision: bumped by every change an import or an editor makes. */
export const revision = async (database: Database) =>
  Number((await query<{ revision: number }>(database.db, sql`select revision from case_meta`))[0]!.revision);

/** Keyed state (conversations and the like), with the chat id /forget deletes it by. */
export const kvRows = async (database: Database) =>
  (await query<{ key: string; chat_id: number | string | null }>(database.db, sql`select key, chat_id from kv_state order by key`)).map(
    (r) => ({ key: r.key, chat_id: r.chat_id === null ? null : Number(r.chat_id) }),
  );

/** The columns that can hold a chat id: chats.id, and every column whose name mentions a chat. */
export async function chatColumns(database: Database) {
  return database.rows<{ table_name: string; column_name: string }>(sql`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public'
      and (column_name ilike '%chat%' or (table_name = 'chats' and column_name = 'id'))
    order by table_name, column_name`);
}

/** Every row, in any table, that still carries this chat id. */
export async function rowsAbout(database: Database, chatId: number) {
  const found: string[] = [];
  for (const { table_name, column_name } of await chatColumns(database)) {
    const [r] = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)}::text = ${String(chatId)}`,
    );
    if (Number(r!.n) > 0) found.push(`${table_name}.${column_name}: ${r!.n}`);
  }
  return found;
}

/**
 * Every table of the schema (read from drizzle, so a table added later is walked too) whose rows,
 * all columns as text, still mention `needle` as a whole number or word: `table: count`.
 */
export async function mentionsOf(database: Database, needle: number | string) {
  const text = String(needle).replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  const pattern = `(^|[^0-9A-Za-z-])${text}([^0-9A-Za-z]|$)`;
  const found: string[] = [];
  for (const table of Object.values(schemaTables)) {
    const { name } = getTableConfig(table);
    const [r] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(name)} t where t::text ~ ${pattern}`);
    if (Number(r!.n) > 0) found.push(`${name}: ${r!.n}`);
  }
  return found;
}
