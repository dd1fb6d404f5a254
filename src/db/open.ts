import type { Config } from "../config.js";
import { openDatabase, type Database } from "./client.js";

/** The store the configuration names: Postgres at DATABASE_URL (pooled or not), else PGlite under PGLITE_DIR. */
export function openConfiguredDatabase(config: Pick<Config, "databaseUrl" | "pgliteDir" | "databasePrepare" | "directDatabaseUrl">): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir, prepare: config.databasePrepare, directUrl: config.directDatabaseUrl });
}
