/**
 * Issue 12's conversion in place (src/db/convert.ts): a store as release 0008 left it, with a
 * clear id in every table that held one, converted after migration 0009 in batches, stopped
 * part-way (a crash) and resumed; then it reads through the repositories exactly as one they
 * wrote, and no clear id is left anywhere.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { latestAudit } from "../../src/db/audit.js";
import { createChatsRepo } from "../../src/db/chats.js";
import { convertAll, hasClearIds } from "../../src/db/convert.js";
import { createEditorsRepo } from "../../src/db/editors.js";
import { createKvStore } from "../../src/db/kv.js";
import { refOf } from "../../src/db/refs.js";
import { createReviewsRepo } from "../../src/db/reviews.js";
import { createSubscriptionsRepo } from "../../src/db/subscriptions.js";
import { DB_KINDS } from "../support/db.js";
import { migrateFrom, useOlderStores, type emptyDatabase } from "../support/migrations.js";
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

  it("seals every clear id in batches, resumes after a crash, and a second run does nothing", async () => {
    const { database, dir, all } = await older(9);
    await seedOld(database);
    all();
    await migrateFrom(database, dir);
    expect(await hasClearIds(database.db)).toBe(true);

    // A crash after three batches of one: some chats done (with their rows), most not.
    const first = await convertAll(database.db, { batch: 1, maxBatches: 3 });
    expect(first).toEqual({ chats: 3 });
    expect(await hasClearIds(database.db)).toBe(true);
    const rest = await convertAll(database.db, { batch: 2 });
    expect(rest).toMatchObject({ chats: 1, "editors.user_id": 1, "audit_log.actor_id": 2, "kv_state.chat_id": 1, "audit_log.subject": 2 });
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
      [OWNER, "editor.remove", refOf(database.db, 9999), { addedBy: refOf(database.db, EDITOR) }, null],
      [OWNER, "editor.add", refOf(database.db, EDITOR), null, {}],
    ]);
    expect(await createReviewsRepo(database.db).get(1)).toMatchObject({ authorId: EDITOR, reviewerId: OWNER });
    // And the copy shows none of the ids, in any column, the emptied legacy ones included.
    for (const id of [...READERS, EDITOR, OWNER]) {
      expect(await mentionsOf(database, String(id))).toEqual([]);
    }
    expect(await database.rows(sql`select 1 from chats where ref is null or sealed is null`)).toEqual([]);
  });
});
