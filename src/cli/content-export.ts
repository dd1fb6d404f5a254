import { writeFileSync } from "node:fs";
import { loadConfig } from "../config.js";
import { exportCase, formatFor, serializeCase } from "../case/content/export.js";
import { openConfiguredDatabase } from "../db/open.js";
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
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    const file = await exportCase(database.db);
    const text = serializeCase(file, path === "-" ? "yaml" : formatFor(path), `Exported by casebot on ${new Date().toISOString()}; apply with npm run content:import <file>`);
    if (path === "-") {
      process.stdout.write(text);
      return;
    }
    writeFileSync(path, text);
    process.stdout.write(
      `exported to ${path}: ${file.topics.length} topics, ${file.events.length} events, ${file.hearings.length} hearings, ${file.sources.length} sources\n`,
    );
  } finally {
    await database.close();
  }
});
