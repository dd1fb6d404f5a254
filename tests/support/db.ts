import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { keyring } from "../../src/db/chat-id.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { FakeTelegram, type FakeTelegramOptions } from "./fake-telegram.js";

export type DbKind = "pglite" | "postgres";

/** The test databases' CHAT_KEY: fixed, so a failing test's rows can be opened by hand; the same as tests/support/instance.ts's. */
export const TEST_CHAT_KEY = Buffer.alloc(32, 7).toString("base64");
export const testKeyring = () => keyring(TEST_CHAT_KEY);

/** PGlite always; a real server too when TEST_DATABASE_URL is set. */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A migrated, empty database of its own: an in-memory PGlite, or a throwaway database on the
 * server of TEST_DATABASE_URL, dropped on close.
 */
export async function freshDatabase(kind: DbKind): Promise<Database> {
  if (kind === "pglite") {
    const db = await openDatabase({ ring: testKeyring() });
    await db.migrate();
    return db;
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `casebot_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), max: 4, ring: testKeyring() });
  await db.migrate();
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    const a = postgres(base, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  };
  return db;
}

/** Empties every table but keeps the schema: cheaper than a new database between tests. */
export async function truncateAll(database: Database): Promise<void> {
  const rows = await database.rows<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
  if (rows.length) await database.db.execute(sql.raw(`truncate ${rows.map((r) => `"${r.tablename}"`).join(", ")} restart identity cascade`));
}

/** When test imports of the content file happen: a fixed instant, before every test's own clock. */
export const IMPORT_NOW = new Date("2026-01-01T00:00:00Z");

/**
 * The set-up describes share, in one line at the top of a describe (often one of
 * `describe.each(DB_KINDS)`): a fresh database for it (see freshDatabase), emptied before each
 * test unless `empty` is false, closed after the last; with `fake`, also a fake Bot API, reset
 * before each test. Both are made in beforeAll: what this returns stands in for them, so tests and
 * hooks use `database` and `fake` as they are.
 */
export function useDatabase(
  kind: DbKind = "pglite",
  opts: { empty?: boolean; fake?: boolean | FakeTelegramOptions } = {},
): { database: Database; fake: FakeTelegram } {
  let database: Database | undefined;
  let fake: FakeTelegram | undefined;
  beforeAll(async () => {
    database = await freshDatabase(kind);
    if (opts.fake) fake = await FakeTelegram.start(opts.fake === true ? {} : opts.fake);
  });
  afterAll(async () => {
    await fake?.stop();
    await database?.close();
  });
  if (opts.empty !== false)
    beforeEach(async () => {
      await truncateAll(database!);
      fake?.reset();
    });
  return { database: standIn("the test database", () => database), fake: standIn("the fake Bot API (useDatabase without fake?)", () => fake) };
}

/** Forwards every use to what `get` returns, which exists once beforeAll has run. */
function standIn<T extends object>(what: string, get: () => T | undefined): T {
  const real = (): T => {
    const v = get();
    if (v === undefined) throw new Error(`${what} is made in beforeAll: use it in a test or a hook`);
    return v;
  };
  return new Proxy({} as T, {
    get(_, key) {
      const t = real();
      const v: unknown = Reflect.get(t, key, t);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(t) : v;
    },
    set: (_, key, value) => Reflect.set(real(), key, value),
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_, key) {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}
