import { fileURLToPath } from "node:url";
import { importCase } from "../case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../case/content/load.js";
import { loadConfig } from "../config.js";
import { connectDatabase, migrateDatabase } from "../app.js";
import { createLogger } from "../logger.js";
import { hearingChangeHook } from "../editorial/notices.js";
import { systemClock } from "../shared/time.js";
import { counted } from "../shared/text.js";
import { runCli } from "./run.js";

/** `npm run content:import [file]`: validates first, then applies the whole file in one transaction. */
await runCli(async () => {
  const config = loadConfig();
  const path = process.argv[2] ?? fileURLToPath(DEFAULT_CASE_FILE);
  const file = loadCaseFile(path);
  // The same deadlines as start-up: a database that never answers is named, not waited on.
  const logger = createLogger("warn", { pretty: true });
  const database = await connectDatabase(config, logger);
  try {
    await migrateDatabase(config, logger, database);
    // A moved hearing notifies its subscribers, in the same transaction as the change.
    const onHearingChange = hearingChangeHook({ clock: systemClock, timeZone: config.timeZone });
    const r = await importCase(database.db, file, { timeZone: config.timeZone, now: systemClock.now(), onHearingChange });
    process.stdout.write(
      `imported ${path}: ${counted(r.topics, "topic")}, ${counted(r.events, "event")}, ${counted(r.hearings, "hearing")}, ${counted(r.sources, "source")} (revision ${r.revision})` +
        (r.hearingsChanged.length ? `; changed hearings: ${r.hearingsChanged.join(", ")}` : "") +
        "\n",
    );
  } finally {
    await database.close();
  }
});
