import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, openDatabase, type Database } from "../../src/db/client.js";
import { DB_KINDS } from "../support/db.js";

/** A copy of drizzle/ whose journal stops after the first `n` migrations: the store as an older release left it. */
function migrationsUpTo(n: number): { dir: string; all: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "casebot-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journal = join(dir, "meta", "_journal.json");
  const full = readFileSync(journal, "utf8");
  const j = JSON.parse(full) as { entries: unknown[] };
  writeFileSync(journal, JSON.stringify({ ...j, entries: j.entries.slice(0, n) }));
  return { dir, all: () => writeFileSync(journal, full) };
}

async function migrateFrom(database: Database, dir: string): Promise<void> {
  if (database.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, { migrationsFolder: dir });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(database.db as never, { migrationsFolder: dir });
  }
}

async function emptyDatabase(kind: (typeof DB_KINDS)[number]): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const database = await openDatabase({});
    return { database, drop: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `casebot_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe.each(DB_KINDS)("migration 0003 on %s", (kind) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("turns free-text publication dates into days and months, and leaves null what it cannot read", async () => {
    const { dir, all } = migrationsUpTo(3);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { database, drop } = await emptyDatabase(kind);
    cleanups.push(drop);
    await migrateFrom(database, dir);
    const typed: Array<[string, string]> = [
      ["amnesty", "January 2026"],
      ["day-month-year", "15 February 2026"],
      ["lowercase-spaced", " 3 march 2026 "],
      ["dotted", "15.02.2026"],
      ["slashed", "5/3/2026"],
      ["iso-day", "2026-01-20"],
      ["iso-month", "2026-01"],
      ["no-such-day", "31 February 2026"],
      ["no-such-iso-day", "2026-02-30"],
      ["words", "early spring"],
    ];
    for (const [id, published] of typed) {
      await database.db.execute(sql`insert into sources (id, publisher, title, published, file) values (${id}, 'P', '{"en":"t","kk":"t","ru":"t"}'::jsonb, ${published}, 'x.txt')`);
    }
    all();
    await migrateFrom(database, dir);
    const rows = await database.rows<{ id: string; published: string | null }>(sql`select id, published from sources order by id`);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.published]))).toEqual({
      amnesty: "2026-01",
      "day-month-year": "2026-02-15",
      "lowercase-spaced": "2026-03-03",
      dotted: "2026-02-15",
      slashed: "2026-03-05",
      "iso-day": "2026-01-20",
      "iso-month": "2026-01",
      "no-such-day": null,
      "no-such-iso-day": null,
      words: null,
    });
    const columns = await database.rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'sources'`);
    expect(columns.map((c) => c.column_name)).not.toContain("file");
  });
});
