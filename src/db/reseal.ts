/**
 * Re-sealing ids under the current key, in batches: what `npm run keys:rotate` runs
 * (docs/privacy.md, "Ids at rest").
 *
 * Every person column of the schema is a ref with its sealed id beside it in the same row (a
 * pair, declared by `sealed(name, ref)` in src/db/schema/columns.ts), or a ref that follows a
 * chat's (subscriptions and the outbox: on update cascade, and the outbox's trigger). So a
 * rotation is the same walk over every pair the schema declares, a table added later included:
 * a row needs work when its sealed text was not made by the current key. Each batch, in its own
 * short transaction, takes up to `batch` such rows (`for update skip locked`, so two runs share
 * the work), opens each id with the ring (both keys), and writes a new ref and a new sealed text
 * (and the ref where the row carries it in another column too: kv_state's key); the database
 * carries a chat's new ref to the rows that follow it. So a run resumes after a crash where it
 * stopped (the state is the data), a second run finds nothing to do, and the bot keeps running
 * throughout: while a row is not yet re-keyed, lookups find it by the previous key's ref.
 */
import { sql } from "drizzle-orm";
import { blindIndex, open, seal, type ChatKeyring } from "./chat-id.js";
import { query, type Db } from "./client.js";
import { textArray } from "./refs.js";
import { schemaTables } from "./schema.js";
import { personColumns, type PersonPair } from "./schema/columns.js";

export type { PersonPair };

/** Every (ref, sealed) pair of the schema, `chats` first, read from the column definitions. */
export const PERSON_PAIRS: readonly PersonPair[] = Object.values(schemaTables)
  .flatMap((t) => personColumns(t).pairs)
  .sort((a, b) => Number(b.table === "chats") - Number(a.table === "chats"));

/** The name a pair's progress is reported under: `table.sealed_column`. */
export const pairName = (p: PersonPair) => `${p.table}.${p.sealed}`;

const pad = (ring: ChatKeyring) => `v1.${ring.current.id}.%`;
const id = (name: string) => sql.identifier(name);

/**
 * One batch from `after` on in ref order (the index of a ref column that has one, so a pass over
 * the table is one walk of it); how many rows it re-sealed and the last ref it looked at. Rows
 * re-sealed get new refs that may sort later: the filter skips them when the walk gets there.
 * A row is named by its ref and its sealed text together (a fresh nonce each: no two alike).
 */
export async function resealBatch(db: Db, ring: ChatKeyring, p: PersonPair, batch = 1_000, after = ""): Promise<{ n: number; last: string }> {
  return db.transaction(async (tx) => {
    const rows = await query<{ ref: string; sealed: string }>(
      tx,
      sql`select ${id(p.ref)} as ref, ${id(p.sealed)} as sealed from ${id(p.table)}
          where ${id(p.ref)} >= ${after} and ${id(p.sealed)} not like ${pad(ring)}
          order by ${id(p.ref)} limit ${batch} for update skip locked`,
    );
    if (!rows.length) return { n: 0, last: after };
    const ids = rows.map((r) => open(ring, r.sealed));
    const v = sql`(select unnest(${textArray(rows.map((r) => r.ref))}) as old_ref, unnest(${textArray(rows.map((r) => r.sealed))}) as old_sealed,
                          unnest(${textArray(ids.map((n) => blindIndex(ring.current, n)))}) as new_ref,
                          unnest(${textArray(ids.map((n) => seal(ring.current, n)))}) as new_sealed)`;
    const mine = sql`t.${id(p.ref)} = v.old_ref and t.${id(p.sealed)} = v.old_sealed`;
    let also = sql``;
    if (p.alsoIn) {
      const col = id(p.alsoIn);
      const moved = sql`replace(t.${col}, v.old_ref, v.new_ref)`;
      // A row the bot already wrote under the new ref is newer: the old one gives way to it.
      await tx.execute(sql`delete from ${id(p.table)} t using ${v} v where ${mine}
        and exists (select 1 from ${id(p.table)} n where n.${col} = ${moved} and n.${col} <> t.${col})`);
      also = sql`, ${col} = ${moved}`;
    }
    await tx.execute(sql`update ${id(p.table)} as t set ${id(p.ref)} = v.new_ref, ${id(p.sealed)} = v.new_sealed${also}
      from ${v} as v where ${mine}`);
    return { n: rows.length, last: rows.at(-1)!.ref };
  });
}

export interface ResealProgress {
  /** `table.sealed_column` */
  table: string;
  done: number;
  ms: number;
}

/**
 * Every listed pair, batch after batch, until none is left (or `maxBatches`: a test's crash).
 * Returns how many rows were re-sealed per pair (`table.sealed_column`).
 */
export async function resealAll(
  db: Db,
  ring: ChatKeyring,
  pairs: readonly PersonPair[] = PERSON_PAIRS,
  opts: { batch?: number; maxBatches?: number; onProgress?: (p: ResealProgress) => void } = {},
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let batches = 0;
  const t0 = performance.now();
  for (const p of pairs) {
    const name = pairName(p);
    let done = 0;
    out[name] = 0;
    // Passes over the ref index until one finds nothing: a row skipped while the bot held its lock is taken by the next.
    for (let pass = -1; pass !== 0; ) {
      pass = 0;
      let last = "";
      for (;;) {
        if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return out;
        const r = await resealBatch(db, ring, p, opts.batch, last);
        batches++;
        last = r.last;
        if (r.n === 0) break;
        pass += r.n;
        done += r.n;
        out[name] = done;
        opts.onProgress?.({ table: name, done, ms: Math.round(performance.now() - t0) });
      }
    }
  }
  return out;
}
