import type { Config } from "../config.js";
import { resolveChatKeys } from "./chat-key.js";
import { openDatabase, type Database } from "./client.js";

/** The store the configuration names: Postgres at DATABASE_URL (pooled or not), else PGlite under PGLITE_DIR. */
export async function openConfiguredDatabase(
  config: Pick<Config, "databaseUrl" | "pgliteDir" | "databasePrepare" | "directDatabaseUrl" | "chatKey" | "chatKeyPrevious" | "botToken"> &
    Partial<Pick<Config, "startupTimeoutMs">>,
): Promise<Database> {
  // The store and its keys together: a store opened without its key would seal under another.
  const { ring } = await resolveChatKeys(config);
  return openDatabase({
    ring,
    url: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    prepare: config.databasePrepare,
    directUrl: config.directDatabaseUrl,
    // A connection that takes longer than a start-up step may is not coming: fail it. A little
    // later than the step's own deadline, so start-up names the silence, not a driver's timeout.
    connectTimeoutSeconds: config.startupTimeoutMs ? Math.ceil(config.startupTimeoutMs / 1000) + 5 : undefined,
  });
}

/** "postgres at db.internal:5432" or "PGlite in ./data/pglite": where the store is, never its credentials. */
export function describeStore(config: Pick<Config, "databaseUrl" | "pgliteDir">, url = config.databaseUrl): string {
  if (!url) return `PGlite in ${config.pgliteDir}`;
  try {
    const u = new URL(url);
    return `postgres at ${u.hostname}:${u.port || "5432"}`;
  } catch {
    return "postgres";
  }
}
