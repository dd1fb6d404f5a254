import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { LOCKS, openDatabase } from "../../src/db/client.js";

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe("database settings for a pooled deployment", () => {
  it("prepares statements unless told not to (transaction poolers cannot keep them)", () => {
    expect(loadConfig({}).databasePrepare).toBe(true);
    expect(loadConfig({ DATABASE_PREPARE: "false" }).databasePrepare).toBe(false);
    expect(loadConfig({ DATABASE_PREPARE: "0" }).databasePrepare).toBe(false);
    expect(loadConfig({ DATABASE_PREPARE: "true" }).databasePrepare).toBe(true);
    expect(problems({ DATABASE_PREPARE: "maybe" })).toEqual([expect.stringMatching(/^DATABASE_PREPARE must be true or false/)]);
  });

  it("takes a direct URL for migrations and locks, and never echoes it", () => {
    expect(loadConfig({ DIRECT_DATABASE_URL: "postgres://u:p@db:5432/x" }).directDatabaseUrl).toBe("postgres://u:p@db:5432/x");
    const [p] = problems({ DIRECT_DATABASE_URL: "mysql://u:hunter2@db/x" });
    expect(p).toMatch(/^DIRECT_DATABASE_URL must be a postgres:\/\//);
    expect(p).not.toContain("hunter2");
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("takes advisory locks through the direct URL, never through the pooled one", async () => {
    const direct = process.env.TEST_DATABASE_URL!;
    // A pooled URL that goes nowhere: a lock taken through it would fail.
    const nowhere = "postgres://postgres@127.0.0.1:1/nowhere";
    const a = await openDatabase({ url: nowhere, prepare: false, directUrl: direct });
    const b = await openDatabase({ url: nowhere, prepare: false, directUrl: direct });
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
