import { loadConfig } from "../config.js";
import { connectDatabase, migrateDatabase } from "../app.js";
import { createLogger } from "../logger.js";
import { runCli } from "./run.js";

/** `npm run db:migrate`: applies drizzle/ migrations under the advisory lock, then exits. */
await runCli(async () => {
  const config = loadConfig();
  // Migrations need a session of their own: the direct URL when a pooler fronts the database.
  const direct = { ...config, databaseUrl: config.directDatabaseUrl ?? config.databaseUrl };
  const logger = createLogger("warn", { pretty: true });
  const database = await connectDatabase(direct, logger);
  try {
    await migrateDatabase(direct, logger, database);
    process.stdout.write(`migrations applied (${database.kind})\n`);
  } finally {
    await database.close();
  }
});
