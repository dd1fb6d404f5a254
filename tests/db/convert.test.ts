/**
 * Issue 12's conversion in place (src/db/convert.ts): a store as release 0008 left it, with a
 * clear id in every table that held one, converted after migration 0009 in batches, stopped
 * part-way (a crash) and resumed, then migrated on to 0010, which drops the clear columns; then it
 * reads through the repositories exactly as one they wrote, and no clear id is left anywhere.
 * And the upgrade as start-up runs it (migrateDatabase): 0010 refuses a store not yet converted,
 * and a start stopped anywhere finishes on the next.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { latestAudit } from "../../src/db/audit.js";
import { createChatsRepo } from "../../src/db/chats.js";
import { convertAll, hasClearIds } from "../../src/db/convert.js";
import { CONVERT_AFTER } from "../../src/db/migrations.js";
import { migrateDatabase } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { createEditorsRepo } from "../../src/db/editors.js";
import { createKvStore } from "../../src/db/kv.js";
import { refOf } from "../../src/db/refs.js";
import { createReviewsRepo } from "../../src/db/reviews.js";
import { createSubscriptionsRepo } from "../../src/db/subscriptions.js";
import { DB_KINDS } from "../support/db.js";
import { useOlderStores, type emptyDatabase } from "../support/migrations.js";
import { deliveryRows, mentionsOf } from "../support/rows.js";

const READERS = [7_100_000_001, 7_100_000_002, 7_100_000_003, -1_001_234_567_890];
const EDITOR = 7_200_000_001;
const OWNER = 7_300_000_001;

/** Rows as the 0008 schema took them: a clear id in every column that held one. */
async function seedOld(database: Awaited<ReturnType<typeof emptyDatabase>>["database"]) {
  const x = (q: ReturnType<typeof sql>) => database.db.execute(q);
  for (const [i, id] of READERS.entries()) {
    await x(sql`insert into chats (id, type, language, status) values (${id}, ${id < 0 ? "supergroup" : "private"}, ${["en", "kk", "ru", "ru"][i]}, 'active')`);
    await x(sql`insert into subscriptions (chat_id, lead_times) values (${id}, '{1d}')`);
    await x(sql`insert into deliveries (chat_id, kind, subject_id, due_at, next_attempt_at) values (${id}, 'reminder', 'h1', now(), now())`);
    await x(sql`insert into kv_state (key, chat_id, value) values (${`dialogue:${id}`}, ${id}, '{"topics":["charges"]}')`);
  }
  await x(sql`insert into kv_state (key, chat_id, value) values (${`conversation:${EDITOR}`}, ${EDITOR}, '{"step":2}')`);
  await x(sql`insert into kv_state (key, chat_id, value) values ('scheduler:last', null, '{"at":"2026-01-01T00:00:00Z"}')`);
  await x(sql`insert into editors (user_id, added_by) values (${EDITOR}, ${OWNER})`);
  await x(sql`insert into audit_log (actor_id, action, subject, after) values (${OWNER}, 'editor.add', ${String(EDITOR)}, ${JSON.stringify({ userId: EDITOR })}::jsonb)`);
  await x(sql`insert into audit_log (actor_id, action, subject, before) values (${OWNER}, 'editor.remove', '9999', ${JSON.stringify({ userId: 9999, addedBy: EDITOR })}::jsonb)`);
  await x(sql`insert into audit_log (actor_id, action, subject) values (${EDITOR}, 'topic.answer', 'verdict/en')`);
  await x(sql`insert into updates (body, created_by) values ('{"en":"News"}', ${EDITOR})`);
  await x(sql`insert into feeds (url, added_by) values ('https://example.org/feed.xml', ${EDITOR})`);
  await x(sql`insert into reviews (kind, author_id, reviewer_id, payload, status) values ('publish', ${EDITOR}, ${OWNER}, '{"kind":"publish"}', 'approved')`);
}

describe.each(DB_KINDS)("converting a 0008 store in place (%s)", (kind) => {
  const older = useOlderStores(kind);

  it("seals every clear id in batches, resumes after a crash, and a second run does nothing; then 0010 drops the clear columns", async () => {
    const { database } = await older(9);
    await seedOld(database);
    await database.migrate(undefined, { through: CONVERT_AFTER });
    expect(await hasClearIds(database.db)).toBe(true);

    // A crash after three batches of one: some chats done (with their rows), most not.
    const first = await convertAll(database.db, { batch: 1, maxBatches: 3 });
    expect(first).toEqual({ chats: 3 });
    expect(await hasClearIds(database.db)).toBe(true);
    const rest = await convertAll(database.db, { batch: 2 });
    expect(rest).toMatchObject({ chats: 1, "editors.user_id": 1, "audit_log.actor_id": 2, "kv_state.chat_id": 1, "audit_log.subject": 2 });
    expect(await hasClearIds(database.db)).toBe(false);
    expect(await convertAll(database.db)).toEqual({});
    await database.migrate();
    expect(await legacyColumns(database)).toEqual([]);
    // Past 0010 there is nothing to convert, and asking does not fail.
    expect(await hasClearIds(database.db)).toBe(false);
    expect(await convertAll(database.db)).toEqual({});

    // What the repositories read is what they would have written.
    const chats = createChatsRepo(database.db);
    for (const id of READERS) {
      expect((await chats.context(id)).chat).toMatchObject({ id, status: "active" });
      expect((await chats.context(id)).dialogue).toEqual({ topics: ["charges"] });
      expect(await createSubscriptionsRepo(database.db).get(id)).toMatchObject({ chatId: id, leadTimes: ["1d"] });
    }
    expect((await deliveryRows(database)).map((d) => d.chat_id)).toEqual(READERS);
    expect(await createKvStore(database.db).getForChat("conversation", EDITOR)).toEqual({ step: 2 });
    expect(await createKvStore(database.db).get("scheduler:last")).toEqual({ at: "2026-01-01T00:00:00Z" });
    expect(await createEditorsRepo(database.db).list()).toMatchObject([{ userId: EDITOR, addedBy: OWNER }]);
    expect((await latestAudit(database.db, 10)).map((a) => [a.actorId, a.action, a.subject, a.before, a.after])).toEqual([
      [EDITOR, "topic.answer", "verdict/en", null, null],
      [OWNER, "editor.remove", refOf(database.db, 9999), {}, null],
      [OWNER, "editor.add", refOf(database.db, EDITOR), null, {}],
    ]);
    expect(await createReviewsRepo(database.db).get(1)).toMatchObject({ authorId: EDITOR, reviewerId: OWNER });
    // And the copy shows none of the ids, in any column, the emptied legacy ones included.
    for (const id of [...READERS, EDITOR, OWNER]) {
      expect(await mentionsOf(database, String(id))).toEqual([]);
    }
    expect(await database.rows(sql`select 1 from chats where ref is null or sealed is null`)).toEqual([]);
    // Every ref has its sealed id beside it, for a later rotation: 0010 copied it from a row that had one.
    expect(await database.rows(sql`select key from kv_state where chat_ref is not null and chat_sealed is null`)).toEqual([]);
    expect(await database.rows(sql`select action from audit_log where action = 'editor.add' and subject_sealed is null`)).toEqual([]);
  });

  it("upgrades as start-up does: 0010 refuses clear ids, and a start stopped anywhere finishes on the next", async () => {
    const { database } = await older(9);
    await seedOld(database);
    await database.migrate(undefined, { through: CONVERT_AFTER });
    // Migrated past 0009 without the conversion (drizzle-kit by hand, say): 0010 stops, nothing changed.
    await expect(database.migrate()).rejects.toThrow(/clear Telegram ids are left/);
    expect(await hasClearIds(database.db)).toBe(true);
    // A start that stopped part-way through the conversion…
    await convertAll(database.db, { batch: 1, maxBatches: 2 });
    const config = { databaseUrl: undefined, pgliteDir: undefined, databasePrepare: true, directDatabaseUrl: undefined, startupTimeoutMs: 60_000 };
    const logger = createLogger("silent");
    // …and the next one: the rest converted, then 0010; and one more start does nothing.
    await migrateDatabase(config as never, logger, database);
    expect(await legacyColumns(database)).toEqual([]);
    await migrateDatabase(config as never, logger, database);
    for (const id of READERS) expect(await createSubscriptionsRepo(database.db).get(id)).toMatchObject({ chatId: id });
    for (const id of [...READERS, EDITOR, OWNER]) expect(await mentionsOf(database, String(id))).toEqual([]);
  });
});

/** The clear columns 0010 drops, as far as the store still has them. */
const legacyColumns = (database: Awaited<ReturnType<typeof emptyDatabase>>["database"]) =>
  database.rows(sql`select table_name, column_name from information_schema.columns where table_schema = current_schema()
    and (table_name, column_name) in (('chats', 'id'), ('subscriptions', 'chat_id'), ('deliveries', 'chat_id'), ('kv_state', 'chat_id'),
      ('editors', 'user_id'), ('editors', 'added_by'), ('audit_log', 'actor_id'), ('updates', 'created_by'), ('feeds', 'added_by'),
      ('reviews', 'author_id'), ('reviews', 'reviewer_id'))`);
