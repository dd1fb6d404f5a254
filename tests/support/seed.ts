import { sql } from "drizzle-orm";
import type { Database } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";
import { hearings } from "../../src/db/schema.js";
import { parseLeads } from "../../src/case/leads.js";
import { hearingInstants } from "../../src/case/hearings.js";

export const TZ = "Asia/Almaty";
export const LEADS = parseLeads(["7d", "1d", "morning@08:00", "1h"]);

export async function seedHearing(
  database: Database,
  h: { id?: string; date: string; time?: string | null; status?: "scheduled" | "postponed" | "held" | "cancelled"; version?: number },
): Promise<string> {
  const id = h.id ?? "h1";
  await database.db.insert(hearings).values({
    id,
    date: h.date,
    time: h.time ?? null,
    ...hearingInstants({ date: h.date, time: h.time ?? null }, TZ),
    title: { en: "Opening of the trial", kk: "Сот процесінің басталуы", ru: "Начало судебного процесса" },
    place: { en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" },
    status: h.status ?? "scheduled",
    sourceIds: ["amnesty-2026-01"],
    version: h.version ?? 1,
  });
  return id;
}

/** `n` chats with subscriptions, made in two set-based statements (ids from `first`). */
export async function seedSubscribers(
  database: Database,
  n: number,
  opts: { first?: number; leads?: string[]; since?: Date; lang?: string | null; type?: string; reminders?: boolean; updates?: boolean } = {},
): Promise<number[]> {
  const first = opts.first ?? 1_000;
  const since = (opts.since ?? new Date("2025-01-01T00:00:00Z")).toISOString();
  const leads = `{${(opts.leads ?? ["1d", "morning@08:00"]).join(",")}}`;
  const lang = opts.lang === undefined ? "en" : opts.lang;
  await database.db.execute(sql`
    insert into chats (id, type, language, status)
    select g, ${opts.type ?? "private"}, ${lang}, 'active' from generate_series(${first}::bigint, ${first + n - 1}::bigint) g
    on conflict (id) do nothing`);
  await database.db.execute(sql`
    insert into subscriptions (chat_id, reminders, updates, lead_times, created_at)
    select g, ${opts.reminders ?? true}, ${opts.updates ?? true}, ${leads}::text[], ${since}::timestamptz
    from generate_series(${first}::bigint, ${first + n - 1}::bigint) g
    on conflict (chat_id) do nothing`);
  return Array.from({ length: n }, (_, i) => first + i);
}

export interface Row {
  id: number;
  chat_id: number;
  kind: string;
  subject_id: string;
  subject_version: number;
  lead: string;
  status: string;
  due: string;
  attempts: number;
  last_error: string | null;
  payload: unknown;
}

export async function deliveryRows(database: Database): Promise<Row[]> {
  const rows = await query<Row>(
    database.db,
    sql`select id::float8 as id, chat_id::float8 as chat_id, kind, subject_id, subject_version, lead, status,
          to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as due, attempts, last_error, payload
        from deliveries order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), chat_id: Number(r.chat_id), payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload }));
}
