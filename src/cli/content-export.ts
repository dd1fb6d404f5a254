import { writeFileSync } from "node:fs";
import { loadConfig } from "../config.js";
import { exportCase, formatFor, serializeCase } from "../case/content/export.js";
import { connectDatabase, migrateDatabase } from "../app.js";
import { createLogger } from "../logger.js";
import { counted } from "../shared/text.js";
import { runCli } from "./run.js";

export const DEFAULT_EXPORT_FILE = "content/case.export.yaml";

/**
 * `npm run content:export [file]`: the whole case from the store as a content file (YAML, or
 * JSON when the name ends in .json; `-` writes to standard output). Edit it and apply it with
 * `npm run content:import <file>`.
 */
await runCli(async () => {
  const config = loadConfig();
  const path = process.argv[2] ?? DEFAULT_EXPORT_FILE;
  // The same deadlines as start-up: a database that never answers is named, not waited on.
  const logger = createLogger("warn", { pretty: true });
  const database = await connectDatabase(config, logger);
  try {
    await migrateDatabase(config, logger, database);
    const file = await exportCase(database.db);
    const text = serializeCase(file, path === "-" ? "yaml" : formatFor(path), `Exported by casebot on ${new Date().toISOString()}; apply with npm run content:import <file>`);
    if (path === "-") {
      process.stdout.write(text);
      return;
    }
    writeFileSync(path, text);
    process.stdout.write(
      `exported to ${path}: ${counted(file.topics.length, "topic")}, ${counted(file.events.length, "event")}, ${counted(file.hearings.length, "hearing")}, ${counted(file.sources.length, "source")}\n`,
    );
  } finally {
    await database.close();
  }
});
