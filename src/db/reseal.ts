/**
 * Re-sealing ids under the current key, in batches: what `npm run keys:rotate` runs, and what
 * the conversion of a table to sealed ids will run (docs/privacy.md, "Ids at rest").
 *
 * A table that holds sealed ids has a `ref` column (the blind index, its key, which other tables
 * reference with `on update cascade`) and a `sealed` column. A row needs work when its sealed
 * text was not made by the current key. Each batch, in its own short transaction, takes up to
 * `batch` such rows (`for update skip locked`, so two runs share the work), opens each id with the
 * ring (both keys), and writes a new ref and a new sealed text: the database carries the new ref
 * to every referencing row. So a run resumes after a crash where it stopped (the state is the
 * data), a second run finds nothing to do, and the bot keeps running throughout: while a row is
 * not yet converted its lookups find it by the previous key's index.
 */
import { sql } from "drizzle-orm";
import { blindIndex, open, seal, type ChatKeyring } from "./chat-id.js";
import { query, type Db } from "./client.js";
import { textArray } from "./refs.js";

export interface SealedTable {
  table: string;
  ref: string;
  sealed: string;
}

/**
 * The tables keys:rotate re-seals: those keyed by a ref. A chat's subscription and outbox rows
 * follow its new ref (cascade, and the outbox's trigger).
 */
export const SEALED_TABLES: readonly SealedTable[] = [
  { table: "chats", ref: "ref", sealed: "sealed" },
  { table: "editors", ref: "user_ref", sealed: "sealed" },
];

const pad = (ring: ChatKeyring) => `v1.${ring.current.id}.%`;

/**
 * One batch after `after` in ref order (the primary key's index, so a pass over the table is one
 * walk of it, not a scan per batch); how many rows it re-sealed and the last ref it looked at.
 * Rows re-sealed get new refs that may sort later: the filter skips them when the walk gets there.
 */
export async function resealBatch(db: Db, ring: ChatKeyring, t: SealedTable, batch = 1_000, after = ""): Promise<{ n: number; last: string }> {
  return db.transaction(async (tx) => {
    const rows = await query<{ ref: string; sealed: string }>(
      tx,
      sql`select ${sql.identifier(t.ref)} as ref, ${sql.identifier(t.sealed)} as sealed from ${sql.identifier(t.table)}
          where ${sql.identifier(t.ref)} > ${after} and ${sql.identifier(t.sealed)} not like ${pad(ring)}
          order by ${sql.identifier(t.ref)} limit ${batch} for update skip locked`,
    );
    if (!rows.length) return { n: 0, last: after };
    const ids = rows.map((r) => open(ring, r.sealed));
    const refs = ids.map((id) => blindIndex(ring.current, id));
    const sealed = ids.map((id) => seal(ring.current, id));
    await tx.execute(sql`
      update ${sql.identifier(t.table)} as t set ${sql.identifier(t.ref)} = v.new_ref, ${sql.identifier(t.sealed)} = v.new_sealed
      from (select unnest(${textArray(rows.map((r) => r.ref))}) as old_ref, unnest(${textArray(refs)}) as new_ref,
                   unnest(${textArray(sealed)}) as new_sealed) as v
      where t.${sql.identifier(t.ref)} = v.old_ref`);
    return { n: rows.length, last: rows.at(-1)!.ref };
  });
}


export interface ResealProgress {
  table: string;
  done: number;
  ms: number;
}

/**
 * Every listed table, batch after batch, until none is left (or `maxBatches`: a test's crash).
 * Returns how many rows were re-sealed per table.
 */
export async function resealAll(
  db: Db,
  ring: ChatKeyring,
  tables: readonly SealedTable[],
  opts: { batch?: number; maxBatches?: number; onProgress?: (p: ResealProgress) => void } = {},
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let batches = 0;
  const t0 = performance.now();
  for (const t of tables) {
    let done = 0;
    out[t.table] = 0;
    // Passes over the ref index until one finds nothing: a row skipped while the bot held its lock is taken by the next.
    for (let pass = -1; pass !== 0; ) {
      pass = 0;
      let last = "";
      for (;;) {
        if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return out;
        const r = await resealBatch(db, ring, t, opts.batch, last);
        batches++;
        last = r.last;
        if (r.n === 0) break;
        pass += r.n;
        done += r.n;
        out[t.table] = done;
        opts.onProgress?.({ table: t.table, done, ms: Math.round(performance.now() - t0) });
      }
    }
  }
  return out;
}
