/** Older releases' stores, for migration and conversion tests: drizzle/ up to a point, on an empty database of its own. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll } from "vitest";
import { MIGRATIONS_DIR, openDatabase, type Database } from "../../src/db/client.js";
import { testKeyring, type DbKind } from "./db.js";

/** A copy of drizzle/ whose journal stops after the first `n` migrations: the store as an older release left it. */
export function migrationsUpTo(n: number): { dir: string; all: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "casebot-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journal = join(dir, "meta", "_journal.json");
  const full = readFileSync(journal, "utf8");
  const j = JSON.parse(full) as { entries: unknown[] };
  writeFileSync(journal, JSON.stringify({ ...j, entries: j.entries.slice(0, n) }));
  return { dir, all: () => writeFileSync(journal, full) };
}

export async function migrateFrom(database: Database, dir: string): Promise<void> {
  if (database.kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(database.db as never, { migrationsFolder: dir });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(database.db as never, { migrationsFolder: dir });
  }
}

export async function emptyDatabase(kind: DbKind): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === "pglite") {
    const database = await openDatabase({ ring: testKeyring() });
    return { database, drop: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `casebot_mig_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 2, ring: testKeyring() });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * For a describe block: `older(n)` is an empty database migrated through the first `n` migrations,
 * with `dir` to migrate it on and `all()` to give that folder every migration again; both go
 * after the block.
 */
export function useOlderStores(kind: DbKind) {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });
  return async (n: number): Promise<{ database: Database; dir: string; all: () => void }> => {
    const { dir, all } = migrationsUpTo(n);
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const { database, drop } = await emptyDatabase(kind);
    cleanups.push(drop);
    await migrateFrom(database, dir);
    return { database, dir, all };
  };
}
