/**
 * The outbox's chat guard (migrations 0005, 0009, 0011): deliveries has no foreign key to chats,
 * so an insert drops the rows whose chat is gone, in one statement however many rows it holds.
 * 0011 finds those rows before deleting them; these tests pin what it must still do.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refOf, textArray } from "../../src/db/refs.js";
import { DB_KINDS, useDatabase } from "../support/db.js";

describe.each(DB_KINDS)("the outbox's chat guard (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function chats(ids: readonly number[]): Promise<string[]> {
    const refs = ids.map((id) => refOf(database.db, id));
    await database.db.execute(sql`insert into chats (ref, sealed, type) select r, 'x', 'private' from unnest(${textArray(refs)}) as v(r)`);
    return refs;
  }

  /** One statement inserting a reminder for each ref: what an enqueue or a broadcast does. */
  async function enqueue(refs: readonly string[]): Promise<void> {
    await database.db.execute(sql`
      insert into deliveries (chat_ref, kind, subject_id, due_at, next_attempt_at)
      select r, 'reminder', 'h1', now(), now() from unnest(${textArray(refs)}) as v(r)`);
  }

  const queued = async () =>
    (await database.rows<{ chat_ref: string }>(sql`select chat_ref from deliveries order by chat_ref`)).map((r) => r.chat_ref);

  it("keeps the rows of chats that exist and drops those of chats that are gone, a few rows at a time", async () => {
    const [a, b] = await chats([1, 2]);
    const gone = refOf(database.db, 3);
    await enqueue([a!, gone, b!]);
    expect(await queued()).toEqual([a, b].sort());
  });

  it("does the same for a broadcast of more than 1,000 rows, right after the statistics say the outbox is empty", async () => {
    const refs = await chats(Array.from({ length: 1_500 }, (_, i) => 10_000 + i));
    const gone = Array.from({ length: 20 }, (_, i) => refOf(database.db, 90_000 + i));
    await database.db.execute(sql`analyze deliveries`);
    await enqueue([...refs, ...gone]);
    const left = await queued();
    expect(left).toHaveLength(1_500);
    expect(left).toEqual([...refs].sort());
  });

  it("drops nothing when every chat exists", async () => {
    const refs = await chats([5, 6, 7]);
    await enqueue(refs);
    expect(await queued()).toEqual([...refs].sort());
  });
});
