import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { runCli } from "./run.js";

/** `npm run db:migrate`: applies drizzle/ migrations under the advisory lock, then exits. */
await runCli(async () => {
  const config = loadConfig();
  const url = config.directDatabaseUrl ?? config.databaseUrl;
  const database = await openDatabase({ url, pgliteDir: config.pgliteDir });
  try {
    await database.migrate();
    process.stdout.write(`migrations applied (${database.kind})\n`);
  } finally {
    await database.close();
  }
});
