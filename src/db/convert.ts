/**
 * Issue 12's conversion in place: rows written before migration 0009 hold Telegram ids in clear
 * (the legacy columns); this gives each its ref and sealed text and empties the clear column, in
 * batches of 1,000, each in its own short transaction, while the bot runs. The state is the data
 * (`where <clear column> is not null`): a run stopped anywhere resumes where it stopped, and a
 * second run finds nothing to do. Run after migration 0009 and before 0010, which drops the
 * emptied columns (`migrateDatabase` in src/app.ts, so `db:migrate` and every start, and
 * `npm run keys:convert`); on a store past 0010 there is nothing left to convert.
 */
import { sql, type SQL } from "drizzle-orm";
import { blindIndex, seal } from "./chat-id.js";
import { query, type Db, type Executor } from "./client.js";
import { ringOf } from "./refs.js";

/** A clear id column and where its ref (and, when the id must be opened again, its sealed text) go. */
interface LegacyColumn {
  table: string;
  clear: string;
  ref: string;
  sealed?: string;
}

/**
 * Every clear column outside `chats` and the tables that follow it. `chats` goes first, with its
 * subscriptions, outbox rows and kv_state rows in the same transaction (they join on the id);
 * these pick up whatever is left (a conversation of an editor who has no chat row, say).
 */
const LOOSE: readonly LegacyColumn[] = [
  { table: "subscriptions", clear: "chat_id", ref: "chat_ref" },
  { table: "deliveries", clear: "chat_id", ref: "chat_ref" },
  { table: "editors", clear: "user_id", ref: "user_ref", sealed: "sealed" },
  { table: "editors", clear: "added_by", ref: "added_by_ref", sealed: "added_by_sealed" },
  { table: "audit_log", clear: "actor_id", ref: "actor_ref", sealed: "actor_sealed" },
  { table: "updates", clear: "created_by", ref: "created_by_ref", sealed: "created_by_sealed" },
  { table: "feeds", clear: "added_by", ref: "added_by_ref", sealed: "added_by_sealed" },
  { table: "reviews", clear: "author_id", ref: "author_ref", sealed: "author_sealed" },
  { table: "reviews", clear: "reviewer_id", ref: "reviewer_ref", sealed: "reviewer_sealed" },
];

const id = (name: string) => sql.identifier(name);

/** One batch's ids with their refs and sealed texts, as a derived table `v(old, ref, sealed)`. */
function keyed(ex: Executor, ids: readonly number[]): SQL {
  const ring = ringOf(ex);
  const refs = ids.map((n) => blindIndex(ring.current, n));
  const sealed = ids.map((n) => seal(ring.current, n));
  return sql`(select unnest(${`{${ids.join(",")}}`}::bigint[]) as old, unnest(${`{${refs.join(",")}}`}::text[]) as ref,
                     unnest(${`{${sealed.join(",")}}`}::text[]) as sealed)`;
}

const numbers = (rows: Array<{ old: string | number }>) => rows.map((r) => Number(r.old));

/** Chats not yet converted, up to `batch`, with everything that joins on their id. How many chats it did. */
export async function convertChats(db: Db, batch = 1_000): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = numbers(await query<{ old: string }>(tx, sql`select id as old from chats where id is not null order by id limit ${batch} for update skip locked`));
    if (!ids.length) return 0;
    const v = keyed(tx, ids);
    await tx.execute(sql`update chats c set ref = v.ref, sealed = v.sealed from ${v} v where c.id = v.old`);
    await tx.execute(sql`update subscriptions s set chat_ref = v.ref, chat_id = null from ${v} v where s.chat_id = v.old`);
    await tx.execute(sql`update deliveries d set chat_ref = v.ref, chat_id = null from ${v} v where d.chat_id = v.old`);
    await convertKv(tx, v);
    await tx.execute(sql`update chats c set id = null from ${v} v where c.id = v.old`);
    return ids.length;
  });
}

/**
 * kv_state rows of these ids: the ref in the key (`conversation:<ref>`, `dialogue:<ref>`) and in
 * chat_ref. A row the bot already wrote under the ref is newer: the legacy one gives way to it.
 */
async function convertKv(tx: Executor, v: SQL): Promise<void> {
  const renamed = sql`split_part(k.key, ':', 1) || ':' || v.ref`;
  await tx.execute(sql`delete from kv_state k using ${v} v
    where k.chat_id = v.old and k.key = split_part(k.key, ':', 1) || ':' || v.old::text
      and exists (select 1 from kv_state n where n.key = ${renamed})`);
  await tx.execute(sql`update kv_state k
    set key = case when k.key = split_part(k.key, ':', 1) || ':' || v.old::text then ${renamed} else k.key end,
        chat_ref = v.ref, chat_id = null
    from ${v} v where k.chat_id = v.old`);
}

/** One batch of distinct ids of one loose column; how many ids it did. */
async function convertColumn(db: Db, c: LegacyColumn, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = numbers(
      await query<{ old: string }>(
        tx,
        sql`select distinct ${id(c.clear)} as old from ${id(c.table)} where ${id(c.clear)} is not null order by 1 limit ${batch}`,
      ),
    );
    if (!ids.length) return 0;
    const v = keyed(tx, ids);
    const sealed = c.sealed ? sql`, ${id(c.sealed)} = v.sealed` : sql``;
    await tx.execute(sql`update ${id(c.table)} t set ${id(c.ref)} = v.ref${sealed}, ${id(c.clear)} = null from ${v} v where t.${id(c.clear)} = v.old`);
    return ids.length;
  });
}

/** kv_state rows of a chat that has no chat row (an editor's conversation): one batch. */
async function convertLooseKv(db: Db, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ids = numbers(await query<{ old: string }>(tx, sql`select distinct chat_id as old from kv_state where chat_id is not null order by 1 limit ${batch}`));
    if (ids.length) await convertKv(tx, keyed(tx, ids));
    return ids.length;
  });
}

/**
 * Audit entries of editor.add and editor.remove name the person in `subject` and in
 * before/after (`userId`, `addedBy`): the subject becomes the ref, `userId` goes (the subject
 * says who), and so does `addedBy` (the actor of the editor.add row says who added them). 0010
 * gives the subject its sealed id from a row that has one. One batch of rows.
 */
async function convertAuditSubjects(db: Db, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const ring = ringOf(tx);
    const rows = await query<{ id: string; subject: string; before: unknown; after: unknown }>(
      tx,
      sql`select id, subject, before, after from audit_log
          where action in ('editor.add', 'editor.remove') and subject ~ '^-?[0-9]{1,16}$' order by id limit ${batch} for update`,
    );
    for (const r of rows) {
      const refOf = (x: unknown) => (typeof x === "number" || (typeof x === "string" && /^-?\d+$/.test(x)) ? blindIndex(ring.current, Number(x)) : x);
      const scrub = (j: unknown) => {
        const o = typeof j === "string" ? (JSON.parse(j) as unknown) : j;
        if (!o || typeof o !== "object") return o ?? null;
        const { userId: _u, addedBy: _a, ...rest } = o as Record<string, unknown>;
        return rest;
      };
      await tx.execute(sql`update audit_log set subject = ${refOf(r.subject) as string},
        before = ${JSON.stringify(scrub(r.before))}::jsonb, after = ${JSON.stringify(scrub(r.after))}::jsonb where id = ${r.id}`);
    }
    return rows.length;
  });
}

export interface ConvertProgress {
  step: string;
  done: number;
}

/**
 * Every step, batch after batch, until none finds anything (or `maxBatches`: a test's crash).
 * Returns how many chats, ids and rows each step converted.
 */
export async function convertAll(
  db: Db,
  opts: { batch?: number; maxBatches?: number; onProgress?: (p: ConvertProgress) => void } = {},
): Promise<Record<string, number>> {
  if (!(await hasLegacyColumns(db))) return {};
  const batch = opts.batch ?? 1_000;
  const steps: Array<[string, () => Promise<number>]> = [
    ["chats", () => convertChats(db, batch)],
    ...LOOSE.map((c): [string, () => Promise<number>] => [`${c.table}.${c.clear}`, () => convertColumn(db, c, batch)]),
    ["kv_state.chat_id", () => convertLooseKv(db, batch)],
    ["audit_log.subject", () => convertAuditSubjects(db, batch)],
  ];
  const out: Record<string, number> = {};
  let batches = 0;
  for (const [step, run] of steps) {
    for (;;) {
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return out;
      const n = await run();
      batches++;
      if (!n) break;
      out[step] = (out[step] ?? 0) + n;
      opts.onProgress?.({ step, done: out[step] });
    }
  }
  return out;
}

/** Whether the store still has the clear columns: migrated to 0009 and not yet to 0010. */
async function hasLegacyColumns(db: Executor): Promise<boolean> {
  const [r] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from information_schema.columns where table_schema = current_schema() and table_name = 'chats' and column_name = 'id'`,
  );
  return (r?.n ?? 0) > 0;
}

/** Whether any clear id is left: one indexed probe per column (what start-up asks before converting); none once 0010 dropped them. */
export async function hasClearIds(db: Executor): Promise<boolean> {
  if (!(await hasLegacyColumns(db))) return false;
  const probes = [{ table: "chats", clear: "id" }, { table: "kv_state", clear: "chat_id" }, ...LOOSE].map(
    (c) => sql`exists (select 1 from ${id(c.table)} where ${id(c.clear)} is not null)`,
  );
  const [r] = await query<{ any: boolean }>(db, sql`select (${sql.join(probes, sql` or `)}) as any`);
  return r?.any === true;
}
