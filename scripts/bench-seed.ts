/**
 * The benches' subscribers, made as the repositories make them: each chat a ref and a sealed id
 * (the tables hold no clear id), in statements of 10,000. The bench's chats are told apart by
 * their creation instant, BENCH_SEEDED, so a bench can clean up after itself and refuse a
 * database with subscribers of its own.
 */
import { sql, type SQL } from "drizzle-orm";
import type { ChatRef } from "../src/db/chat-id.js";
import type { Db } from "../src/db/client.js";
import { person } from "../src/db/refs.js";

export const BENCH_SEEDED = "2099-01-01T00:00:00Z";
/** `chat_ref` of a bench chat: a condition on the outbox or the subscriptions. */
export const benchRows: SQL = sql`chat_ref in (select ref from chats where created_at = ${BENCH_SEEDED}::timestamptz)`;
export const textArray = (xs: readonly string[]) => sql`${`{${xs.join(",")}}`}::text[]`;

/** One statement's worth of seeded chats: their refs and sealed ids, in order, from chat first + offset. */
export type SeedBatch = { offset: number; refs: ChatRef[]; sealed: string[] };

/**
 * Chats first + 0 … first + n - 1, private, in en/kk/ru in turn, each subscribed with `leads`.
 * Nothing is kept across batches (a million refs and sealed ids would be some 200 MB in this
 * process, and would set the bench's peak RSS): `each` sees a batch while it is at hand.
 */
export async function seedBenchSubscribers(db: Db, first: number, n: number, leads: string, each?: (batch: SeedBatch) => Promise<void>): Promise<void> {
  for (let i = 0; i < n; i += 10_000) {
    const keys = Array.from({ length: Math.min(10_000, n - i) }, (_, j) => person(db, first + i + j));
    const refs = textArray(keys.map((k) => k.ref));
    await db.execute(sql`
      insert into chats (ref, sealed, type, language, status, created_at)
      select r, s, 'private', (array['en','kk','ru'])[1 + ((${i}::int + o::int - 1) % 3)], 'active', ${BENCH_SEEDED}::timestamptz
      from unnest(${refs}, ${textArray(keys.map((k) => k.sealed))}) with ordinality as v(r, s, o)`);
    await db.execute(sql`
      insert into subscriptions (chat_ref, lead_times, created_at)
      select r, ${leads}::text[], ${BENCH_SEEDED}::timestamptz from unnest(${refs}) as v(r)`);
    await each?.({ offset: i, refs: keys.map((k) => k.ref), sealed: keys.map((k) => k.sealed) });
  }
}

export async function cleanupBench(db: Db): Promise<void> {
  // The outbox first, in one statement: the chats' cascade trigger then finds nothing to do.
  await db.execute(sql`delete from deliveries where ${benchRows}`);
  await db.execute(sql`delete from chats where created_at = ${BENCH_SEEDED}::timestamptz`);
}
