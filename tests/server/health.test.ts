import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { CaseBot } from "../../src/bot/index.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { latestMigration, SENDER_TICK_MAX_AGE_MS, type SenderStatus } from "../../src/server/health.js";
import { createHttpServer, type CasebotServer } from "../../src/server/http.js";
import { DB_KINDS, freshDatabase, useDatabase } from "../support/db.js";
import { testKeyring } from "../support/db.js";

const bot = (inited: boolean) => ({ isInited: () => inited }) as unknown as CaseBot;

describe.each(DB_KINDS)("/readyz (%s)", (kind) => {
  const { database: shared } = useDatabase(kind, { empty: false });
  let server: CasebotServer | undefined;
  let database: Database | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.close().catch(() => {});
    server = database = undefined;
  });

  async function readyz(db: Database, inited = true, sender?: SenderStatus) {
    server = createHttpServer({ bot: bot(inited), database: db, logger: createLogger("silent") });
    if (sender) server.watchSender(() => sender);
    const port = await server.listen(0, "127.0.0.1");
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, boolean> } };
  }

  it("is ready on a migrated database with the bot initialised", async () => {
    expect(await readyz(shared)).toEqual({ status: 200, body: { status: "ready", checks: { database: true, migrations: true, bot: true, accepting: true, sender: true }, role: "standby" } });
  });

  it("on the sender's lock holder, is ready only while the sender ticks; a standby is ready without one", async () => {
    const fresh = await readyz(shared, true, { holder: true, sending: true, lastTickAt: Date.now() - 500 });
    expect(fresh).toMatchObject({ status: 200, body: { role: "sender", checks: { sender: true } } });
    await server!.stop();
    const stale = await readyz(shared, true, { holder: true, sending: true, lastTickAt: Date.now() - SENDER_TICK_MAX_AGE_MS - 1_000 });
    expect(stale).toMatchObject({ status: 503, body: { status: "not ready", checks: { sender: false, database: true } } });
    await server!.stop();
    expect(await readyz(shared, true, { holder: false })).toMatchObject({ status: 200, body: { role: "standby", checks: { sender: true } } });
  });

  it("answers /healthz as plain liveness, whatever the database", async () => {
    database = await openDatabase({ ring: testKeyring() });
    await database.close();
    server = createHttpServer({ bot: bot(false), database, logger: createLogger("silent") });
    const port = await server.listen(0, "127.0.0.1");
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("is not ready before the bot is initialised", async () => {
    const r = await readyz(shared, false);
    expect(r.status).toBe(503);
    expect(r.body.checks).toMatchObject({ database: true, bot: false });
  });

  it("is not ready when a migration of this build is missing", async () => {
    // The migrations table as an older build would have left it.
    const removed = await shared.rows<{ hash: string; created_at: string }>(
      sql.raw(`delete from drizzle.__drizzle_migrations where created_at >= ${latestMigration()} returning hash, created_at::text`),
    );
    expect(removed).toHaveLength(1);
    try {
      const r = await readyz(shared);
      expect(r.status).toBe(503);
      expect(r.body.checks).toMatchObject({ database: true, migrations: false });
    } finally {
      for (const m of removed) await shared.rows(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${m.hash}, ${m.created_at}::bigint)`);
    }
  });

  it("is not ready when the database does not answer", async () => {
    database = kind === "pglite" ? await openDatabase({ ring: testKeyring() }) : await freshDatabase(kind);
    await database.close();
    const r = await readyz(database);
    expect(r.status).toBe(503);
    expect(r.body).toEqual({ status: "not ready", checks: { database: false, migrations: false, bot: true, accepting: true, sender: true }, role: "standby" });
  });

  it("reads the newest migration from drizzle's journal, whatever the order of its entries", () => {
    const dir = mkdtempSync(join(tmpdir(), "casebot-journal-"));
    try {
      mkdirSync(join(dir, "meta"));
      const journal = (when: number[]) => writeFileSync(join(dir, "meta", "_journal.json"), JSON.stringify({ entries: when.map((w) => ({ when: w })) }));
      journal([1_700_000_000_000, 1_800_000_000_000, 1_750_000_000_000]);
      expect(latestMigration(dir)).toBe(1_800_000_000_000);
      journal([]);
      expect(latestMigration(dir)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // This build's own journal: the one the "is ready" test above is checked against.
    expect(latestMigration()).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });
});
