/** What tests read back from the database, in plain shapes (ids as numbers, times as text). */
import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";

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
