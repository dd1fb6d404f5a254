import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ASYNC_COMMIT, LOCKS, openDatabase } from "../../src/db/client.js";
import { DB_KINDS, testKeyring, useDatabase } from "../support/db.js";

describe("openDatabase with a pooled and a direct URL", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)("takes advisory locks through the direct URL, never through the pooled one", async () => {
    const direct = process.env.TEST_DATABASE_URL!;
    // A pooled URL that goes nowhere: a lock taken through it would fail.
    const nowhere = "postgres://postgres@127.0.0.1:1/nowhere";
    const a = await openDatabase({ ring: testKeyring(), url: nowhere, prepare: false, directUrl: direct });
    const b = await openDatabase({ ring: testKeyring(), url: nowhere, prepare: false, directUrl: direct });
    try {
      const key = LOCKS.sender + 1000;
      const held = await a.withTryLock(key, async () => (await b.withTryLock(key, async () => "taken twice")).ok);
      expect(held).toEqual({ ok: true, value: false });
      // Released when the holder's work ends: the other instance takes it now.
      expect(await b.withTryLock(key, async () => "mine")).toEqual({ ok: true, value: "mine" });
      await expect(a.rows(sql`select 1`)).rejects.toThrow();
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe.each(DB_KINDS)("ASYNC_COMMIT (%s)", (kind) => {
  const { database } = useDatabase(kind, { empty: false });

  it("turns synchronous commit off for its own statement only, never for the connection's later ones", async () => {
    const setting = async (q: ReturnType<typeof sql>) => (await database.rows<{ s: string }>(q))[0]!.s;
    // One connection at a time is what a pool hands back: the next statement may run on the same one.
    for (let i = 0; i < 3; i++) {
      expect(await setting(sql`${ASYNC_COMMIT} select current_setting('synchronous_commit') as s from async_commit`)).toBe("off");
      expect(await setting(sql`select current_setting('synchronous_commit') as s`)).toBe("on");
    }
  });
});
