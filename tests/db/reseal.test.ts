import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { blindIndex, keyring, newChatKeyText, open, seal, type ChatKeyring } from "../../src/db/chat-id.js";
import type { Database } from "../../src/db/client.js";
import { createEditorsRepo } from "../../src/db/editors.js";
import { bindRing } from "../../src/db/refs.js";
import { PERSON_PAIRS, resealAll, type PersonPair } from "../../src/db/reseal.js";
import { createSubscriptionsRepo } from "../../src/db/subscriptions.js";
import { DB_KINDS, freshDatabase, TEST_CHAT_KEY, useDatabase } from "../support/db.js";
import { seedDelivery, seedEditor, seedSubscribers } from "../support/seed.js";

/** 100k by default (issue 12); RESEAL_ROWS for a quicker run. */
const N = Number(process.env.RESEAL_ROWS ?? 100_000);
const A = newChatKeyText();
const B = newChatKeyText();
const PEOPLE: PersonPair = { table: "t_people", ref: "ref", sealed: "sealed" };
/** 1,000 rows a transaction at 100k, as keys:rotate runs. */
const BATCH = Math.max(10, N / 100);
const ids = Array.from({ length: N }, (_, i) => 5_000_000_000 + i * 7919);

/** The shape a converted table will have: a parent keyed by the blind index, a child referencing it with on update cascade. */
async function seedSealed(database: Database, ring: ChatKeyring, n: number) {
  await database.db.execute(sql`create table t_people (ref text primary key, sealed text not null)`);
  await database.db.execute(sql`create table t_things (id serial primary key, person text not null references t_people(ref) on update cascade on delete cascade)`);
  // As every real referencing column has (a cascade finds its rows by it): without, each re-keyed row scans the child table.
  await database.db.execute(sql`create index t_things_person_idx on t_things (person)`);
  const arr = (xs: string[]) => sql`${`{${xs.join(",")}}`}::text[]`;
  for (let i = 0; i < n; i += 10_000) {
    const chunk = ids.slice(i, Math.min(n, i + 10_000));
    const refs = chunk.map((id) => blindIndex(ring.current, id));
    await database.db.execute(sql`insert into t_people (ref, sealed) select unnest(${arr(refs)}), unnest(${arr(chunk.map((id) => seal(ring.current, id)))})`);
    await database.db.execute(sql`insert into t_things (person) select unnest(${arr(refs)})`);
  }
}

async function state(database: Database, ring: ChatKeyring) {
  const [r] = await database.rows<{ stale: number; things: number; orphans: number }>(sql`
    select (select count(*)::int from t_people where sealed not like ${`v1.${ring.current.id}.%`}) as stale,
           (select count(*)::int from t_things) as things,
           (select count(*)::int from t_things t left join t_people p on p.ref = t.person where p.ref is null) as orphans`);
  return r!;
}

describe.each(DB_KINDS)("keys:rotate's re-sealing (%s)", (kind) => {
  const { database } = useDatabase(kind, { empty: false });

  it(`re-seals ${N.toLocaleString("en")} ids under the new key in batches, resumes after a crash, and then has nothing left to do`, async () => {
    await seedSealed(database, keyring(A), N);
    const ring = keyring(B, A);
    expect((await state(database, ring)).stale).toBe(N);

    // A crash after 5 batches: 5% done, the rest still open with the previous key.
    const first = await resealAll(database.db, ring, [PEOPLE], { batch: BATCH, maxBatches: 5 });
    expect(first).toEqual({ "t_people.sealed": 5 * BATCH });
    expect((await state(database, ring)).stale).toBe(N - 5 * BATCH);

    const t0 = performance.now();
    const rest = await resealAll(database.db, ring, [PEOPLE], { batch: BATCH });
    const ms = Math.round(performance.now() - t0);
    console.log(JSON.stringify({ bench: "keys:rotate", db: kind, rows: N - 5 * BATCH, children: N, ms }));
    expect(rest).toEqual({ "t_people.sealed": N - 5 * BATCH });
    expect(await state(database, ring)).toEqual({ stale: 0, things: N, orphans: 0 });
    expect(await resealAll(database.db, ring, [PEOPLE])).toEqual({ "t_people.sealed": 0 });

    // Every row opens with the new key alone, and its children followed its new index.
    const only = keyring(B);
    const sample = await database.rows<{ ref: string; sealed: string; things: number }>(
      sql`select p.ref, p.sealed, (select count(*)::int from t_things t where t.person = p.ref) as things from t_people p order by p.ref limit 200`,
    );
    for (const r of sample) {
      const id = open(only, r.sealed);
      expect(ids).toContain(id);
      expect(r.ref).toBe(blindIndex(only.current, id));
      expect(r.things).toBe(1);
    }
    await database.db.execute(sql`drop table t_things, t_people`);
  }, 600_000);
});

describe.each(DB_KINDS)("keys:rotate on the real tables (%s)", (kind) => {
  it("re-keys chats and editors; subscriptions and outbox rows follow, and the repositories find them under the new key alone", async () => {
    const database = await freshDatabase(kind);
    try {
      const people = await seedSubscribers(database, 30, { first: 7_000_000_000 });
      for (const id of people.slice(0, 10)) await seedDelivery(database, { chatId: id, subjectId: "h1" });
      await seedEditor(database, { userId: people[0]!, addedBy: null });
      const B2 = newChatKeyText();
      const rotating = keyring(B2, TEST_CHAT_KEY);
      bindRing(database.db, rotating);
      expect(await resealAll(database.db, rotating, PERSON_PAIRS, { batch: 7 })).toMatchObject({ "chats.sealed": 30, "editors.sealed": 1 });
      const after = keyring(B2);
      bindRing(database.db, after);
      const subs = createSubscriptionsRepo(database.db);
      for (const id of people) expect(await subs.get(id)).toMatchObject({ chatId: id });
      expect((await createEditorsRepo(database.db).list()).map((e) => e.userId)).toEqual([people[0]]);
      const [r] = await database.rows<{ n: number }>(sql`select count(*)::int as n from deliveries d join chats c on c.ref = d.chat_ref`);
      expect(r!.n).toBe(10);
    } finally {
      await database.close();
    }
  });
});
