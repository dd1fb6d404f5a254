import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.js";
import { testKeyring } from "../support/db.js";

describe("PGlite's memory settings", () => {
  it("opens a new data directory made by a child process's initdb, with a small shared_buffers, and opens it again", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "casebot-pglite-")), "db");
    try {
      const first = await openDatabase({ ring: testKeyring(), pgliteDir: dir });
      expect(existsSync(join(dir, "PG_VERSION"))).toBe(true);
      await first.migrate();
      expect(await first.rows(sql`show shared_buffers`)).toEqual([{ shared_buffers: "16MB" }]);
      await first.close();
      const again = await openDatabase({ ring: testKeyring(), pgliteDir: dir });
      expect((await again.rows<{ n: number }>(sql`select count(*)::int as n from chats`))[0]?.n).toBe(0);
      await again.close();
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  }, 180_000);

  it("in memory too", async () => {
    const db = await openDatabase({ ring: testKeyring() });
    expect(await db.rows(sql`show shared_buffers`)).toEqual([{ shared_buffers: "16MB" }]);
    await db.close();
  }, 120_000);
});
