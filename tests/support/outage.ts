/**
 * A store that can go away and come back under a running bot: PGlite on a directory of its own,
 * closed (`down`) and opened again on the same files (`up`). The Database handed to the app
 * forwards every use to whichever PGlite is open now, so repositories made once keep working
 * after the store is back, as they do over postgres.js after a Postgres restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database, type Db } from "../../src/db/client.js";
import { testKeyring } from "./db.js";

export interface StoreWithOutage {
  database: Database;
  down(): Promise<void>;
  up(): Promise<void>;
  destroy(): Promise<void>;
}

export async function pgliteWithOutage(): Promise<StoreWithOutage> {
  const dir = mkdtempSync(join(tmpdir(), "casebot-outage-"));
  let current = await openDatabase({ pgliteDir: dir, ring: testKeyring() });
  await current.migrate();
  const db = new Proxy({} as Db, {
    get(_, key) {
      const v: unknown = Reflect.get(current.db, key, current.db);
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(current.db) : v;
    },
  });
  const database: Database = {
    db,
    ring: current.ring,
    kind: "pglite",
    rows: (q) => current.rows(q),
    withTryLock: (key, fn) => current.withTryLock(key, fn),
    tryLease: (key) => current.tryLease(key),
    migrate: (signal) => current.migrate(signal),
    close: (opts) => current.close(opts),
  };
  return {
    database,
    down: () => current.close(),
    async up() {
      current = await openDatabase({ pgliteDir: dir, ring: testKeyring() });
    },
    async destroy() {
      await current.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
