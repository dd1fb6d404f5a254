import { connectDatabase } from "../app.js";
import { loadConfig } from "../config.js";
import { convertAll } from "../db/convert.js";
import { CONVERT_AFTER } from "../db/migrations.js";
import { createLogger } from "../logger.js";
import { runCli } from "./run.js";

/**
 * `npm run keys:convert`: seals the ids that rows written before issue 12 hold in clear
 * (src/db/convert.ts). Start-up does the same between migrations 0009 and 0010; this runs it on
 * its own, again after a crash (it resumes), then applies the rest. Prints one JSON line per
 * 10,000 and one at the end.
 */
await runCli(async () => {
  const config = loadConfig();
  const logger = createLogger("warn", { pretty: true });
  const database = await connectDatabase(config, logger);
  try {
    // Migrations up to 0009 first (it adds the columns the ids go to); the conversion is this command's own, reported.
    await database.migrate(undefined, { through: CONVERT_AFTER });
    const t0 = performance.now();
    const done = await convertAll(database.db, {
      onProgress: (p) => {
        if (p.done % 10_000 === 0) process.stdout.write(`${JSON.stringify(p)}\n`);
      },
    });
    process.stdout.write(`${JSON.stringify({ converted: done, ms: Math.round(performance.now() - t0) })}\n`);
    // Then 0010 and later: the emptied clear columns go.
    await database.migrate();
  } finally {
    await database.close();
  }
});
