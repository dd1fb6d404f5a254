import { sql } from "drizzle-orm";
import type { Database } from "./client.js";

/** One round trip: the database answers. */
export async function ping(database: Database): Promise<void> {
  await database.rows(sql`select 1 as ok`);
}

/** When the newest migration applied here was made (drizzle's journal `when`), 0 for none. */
export async function lastMigrationApplied(database: Database): Promise<number> {
  const [row] = await database.rows<{ last: number | string | null }>(sql`select max(created_at)::float8 as last from drizzle.__drizzle_migrations`);
  return Number(row?.last ?? 0);
}
