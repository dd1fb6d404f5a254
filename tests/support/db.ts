import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/client.js";

export type DbKind = "pglite" | "postgres";

/** PGlite always; a real server too when TEST_DATABASE_URL is set. */
export const DB_KINDS: DbKind[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * A migrated, empty database of its own: an in-memory PGlite, or a throwaway database on the
 * server of TEST_DATABASE_URL, dropped on close.
 */
export async function freshDatabase(kind: DbKind): Promise<Database> {
  if (kind === "pglite") {
    const db = await openDatabase({});
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
  const db = await openDatabase({ url: url.toString(), max: 4 });
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
