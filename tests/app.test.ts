import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connectDatabase, importContentIfEmpty, migrateDatabase } from "../src/app.js";
import { exitCodeFor } from "../src/cli/run.js";
import { ContentError } from "../src/case/content/load.js";
import { createContentRepo } from "../src/db/content.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { StartupError } from "../src/shared/startup.js";
import { systemClock } from "../src/shared/time.js";
import { startBlackHole, startStallingProxy } from "./support/blackhole.js";
import { testConfig } from "./support/bot.js";
import { DB_KINDS, freshDatabase } from "./support/db.js";
import { testKeyring } from "./support/db.js";

const logger = createLogger("silent");

/** The URL of a fresh test database on TEST_DATABASE_URL's server, through another host and port when told. */
async function urlOf(database: Database, hostPort?: string): Promise<string> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${(await database.rows<{ name: string }>(sql`select current_database() as name`))[0]!.name}`;
  if (hostPort) url.host = hostPort;
  return url.toString();
}
const fast = { STARTUP_TIMEOUT_SECONDS: "1" };

async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("resolved");
    },
    (e: unknown) => e as Error,
  );
}

describe("start-up against a database that accepts connections and never answers", () => {
  it("connecting gives up at the deadline, naming the database", async () => {
    const hole = await startBlackHole();
    try {
      const config = testConfig({ ...fast, DATABASE_URL: `postgres://casebot@127.0.0.1:${hole.port}/casebot` });
      const t0 = Date.now();
      const err = await rejection(connectDatabase(config, logger));
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toMatch(new RegExp(`^could not reach the database \\(postgres at 127\\.0\\.0\\.1:${hole.port}\\): `));
      expect(exitCodeFor(err)).toBe(3);
      expect(hole.accepted()).toBeGreaterThan(0);
    } finally {
      await hole.close();
    }
  });

  it("says a refused connection is refused, after retrying until the deadline", async () => {
    const config = testConfig({ ...fast, DATABASE_URL: "postgres://casebot@127.0.0.1:1/casebot" });
    const err = await rejection(connectDatabase(config, logger));
    expect(err.message).toMatch(/^could not reach the database \(postgres at 127\.0\.0\.1:1\): still failing after 1 s and \d+ tries \(last error: connect ECONNREFUSED 127\.0\.0\.1:1\)$/);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("migrating gives up at the deadline when the direct URL never answers", async () => {
    const hole = await startBlackHole();
    const fresh = await freshDatabase("postgres");
    const config = testConfig({ ...fast, DATABASE_URL: await urlOf(fresh), DIRECT_DATABASE_URL: `postgres://casebot@127.0.0.1:${hole.port}/casebot` });
    const database = await connectDatabase(config, logger);
    try {
      const err = await rejection(migrateDatabase(config, logger, database));
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toMatch(new RegExp(`^could not reach the database \\(postgres at 127\\.0\\.0\\.1:${hole.port}\\) for migrations: `));
      expect(hole.accepted()).toBeGreaterThan(0);
    } finally {
      await hole.close();
      await database.close({ force: true });
      await fresh.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("importing the content gives up at the deadline when the database goes silent", async () => {
    const base = await freshDatabase("postgres");
    const target = new URL(process.env.TEST_DATABASE_URL!);
    const proxy = await startStallingProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const config = testConfig({ ...fast, DATABASE_URL: await urlOf(base, `127.0.0.1:${proxy.port}`) });
    const database = await connectDatabase(config, logger);
    try {
      await migrateDatabase(config, logger, database);
      proxy.stall();
      const err = await rejection(importContentIfEmpty(config, logger, systemClock, database));
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toMatch(/^could not reach the database \(postgres at 127\.0\.0\.1:\d+\) to read the case content: no answer within 1 s$/);
    } finally {
      await database.close({ force: true });
      await proxy.close();
      await base.close();
    }
  });
});

describe.each(DB_KINDS)("a broken content file at start-up (%s)", (kind) => {
  it("stops with the content error (exit code 2, as content:import) and writes nothing", async () => {
    const database = kind === "pglite" ? await openDatabase({ ring: testKeyring() }) : await freshDatabase(kind);
    try {
      await database.migrate();
      const file = join(tmpdir(), `casebot-broken-${process.pid}.yaml`);
      writeFileSync(file, 'case:\n  name: { en: x, kk: x, ru: x }\n  summary: { en: x, kk: x, ru: x }\n  sources: [s]\nsources:\n  - { id: s, publisher: P, title: { en: t, kk: t, ru: t }, published: "2026-02-31" }\nevents: []\nhearings: []\ntopics: []\n');
      const err = await rejection(importContentIfEmpty(testConfig(), logger, systemClock, database, file));
      expect(err).toBeInstanceOf(ContentError);
      expect((err as ContentError).problems).toContainEqual(expect.stringMatching(/^sources\[0\] \(s\) › published: .* \(line 6\)$/));
      expect(exitCodeFor(err)).toBe(2);
      expect(await createContentRepo(database.db).isEmpty()).toBe(true);
    } finally {
      await database.close();
    }
  });
});
