/**
 * keys:rotate on the real schema (src/db/reseal.ts, every person pair the schema declares), on
 * n chats each with a subscription (which follows its chat by cascade) and a dialogue state
 * (re-keyed on its own, key included):
 *
 *   npm run bench:rotate [-- n]                                (default 100000, on PGlite in memory)
 *   DATABASE_URL=postgres://… npm run bench:rotate [-- n]      (on a throwaway database: it truncates the chat tables)
 *
 * Prints one JSON line: rows re-keyed, wall time, and this process's CPU time (what the load of
 * a shared machine does not inflate as much).
 */
import { sql } from "drizzle-orm";
import { blindIndex, keyring, newChatKeyText, seal } from "../src/db/chat-id.js";
import { openDatabase } from "../src/db/client.js";
import { bindRing, textArray } from "../src/db/refs.js";
import { PERSON_PAIRS, resealAll } from "../src/db/reseal.js";

const n = Number(process.argv[2] ?? 100_000);
const url = process.env.DATABASE_URL;
const A = newChatKeyText();
const database = await openDatabase({ ring: keyring(A), ...(url ? { url } : {}) });
try {
  await database.migrate();
  const db = database.db;
  await db.execute(sql`truncate chats, subscriptions, deliveries, kv_state cascade`);
  const old = keyring(A);
  const ids = Array.from({ length: n }, (_, i) => 5_000_000_000 + i * 7919);
  for (let i = 0; i < n; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    const refs = textArray(chunk.map((id) => blindIndex(old.current, id)));
    const sealed = () => textArray(chunk.map((id) => seal(old.current, id)));
    await db.execute(sql`insert into chats (ref, sealed, type) select unnest(${refs}), unnest(${sealed()}), 'private'`);
    await db.execute(sql`insert into subscriptions (chat_ref, lead_times) select unnest(${refs}), '{1d}'`);
    await db.execute(sql`insert into kv_state (key, chat_ref, chat_sealed, value)
      select 'dialogue:' || r, r, s, '{"topics":["charges"]}' from unnest(${refs}, ${sealed()}) as x(r, s)`);
  }
  await db.execute(sql`analyze`);
  const rotating = keyring(newChatKeyText(), A);
  bindRing(db, rotating);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const done = await resealAll(db, rotating, PERSON_PAIRS);
  const cpu = process.cpuUsage(c0);
  const resealed = Object.fromEntries(Object.entries(done).filter(([, k]) => k > 0));
  console.log(JSON.stringify({ bench: "keys:rotate", db: url ? "postgres" : "pglite", chats: n, resealed, ms: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
  await db.execute(sql`truncate chats, subscriptions, deliveries, kv_state cascade`);
} finally {
  await database.close();
}
