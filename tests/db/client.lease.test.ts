import postgres from "postgres";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LOCKS, query } from "../../src/db/client.js";
import { secondInstance } from "../support/delivery.js";
import { DB_KINDS, useDatabase } from "../support/db.js";

describe.each(DB_KINDS)("tryLease (%s)", (kind) => {
  const { database } = useDatabase(kind, { empty: false });

  it("holds the lock until released: a second try, from this or another instance, gets nothing", async () => {
    const lease = await database.tryLease(LOCKS.scheduler);
    expect(lease).toBeDefined();
    expect(await lease!.check()).toBe(true);
    const other = await secondInstance(database);
    try {
      expect(await other.tryLease(LOCKS.scheduler)).toBeUndefined();
      await lease!.release();
      expect(await lease!.check()).toBe(false);
      const again = await other.tryLease(LOCKS.scheduler);
      expect(again).toBeDefined();
      await again!.release();
    } finally {
      await other.close();
    }
  });

  it.runIf(kind === "postgres")("says the lock is lost once its backend is terminated, and for good", async () => {
    const lease = await database.tryLease(LOCKS.scheduler);
    expect(lease).toBeDefined();
    const [row] = await query<{ name: string }>(database.db, sql`select current_database() as name`);
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      const killed = await admin`select pg_terminate_backend(l.pid) from pg_locks l join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory' and l.objid = ${LOCKS.scheduler} and l.granted and a.datname = ${row!.name}`;
      expect(killed).toHaveLength(1);
    } finally {
      await admin.end();
    }
    expect(await lease!.check()).toBe(false);
    expect(await lease!.check()).toBe(false);
    // Free for the next holder.
    const next = await database.tryLease(LOCKS.scheduler);
    expect(next).toBeDefined();
    await next!.release();
    await lease!.release();
  });
});
