import { loadConfig } from "../config.js";
import { openConfiguredDatabase } from "../db/open.js";
import { runCli } from "./run.js";

/** `npm run db:migrate`: applies drizzle/ migrations under the advisory lock, then exits. */
await runCli(async () => {
  const config = loadConfig();
  // Migrations need a session of their own: the direct URL when a pooler fronts the database.
  const database = await openConfiguredDatabase({ ...config, databaseUrl: config.directDatabaseUrl ?? config.databaseUrl });
  try {
    await database.migrate();
    process.stdout.write(`migrations applied (${database.kind})\n`);
  } finally {
    await database.close();
  }
});
