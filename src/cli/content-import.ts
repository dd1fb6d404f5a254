import { fileURLToPath } from "node:url";
import { loadConfig } from "../config.js";
import { importCase } from "../content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../content/load.js";
import { openDatabase } from "../db/client.js";
import { hearingChangeHook } from "../delivery/import-hook.js";
import { systemClock } from "../time.js";
import { runCli } from "./run.js";

/** `npm run content:import [file]`: validates first, then applies the whole file in one transaction. */
await runCli(async () => {
  const config = loadConfig();
  const path = process.argv[2] ?? fileURLToPath(DEFAULT_CASE_FILE);
  const file = loadCaseFile(path);
  const database = await openDatabase({ url: config.databaseUrl, pgliteDir: config.pgliteDir });
  try {
    await database.migrate();
    // A moved hearing notifies its subscribers, in the same transaction as the change.
    const onHearingChange = hearingChangeHook({ clock: systemClock, timeZone: config.timeZone });
    const r = await importCase(database.db, file, { timeZone: config.timeZone, onHearingChange });
    process.stdout.write(
      `imported ${path}: ${r.topics} topics, ${r.events} events, ${r.hearings} hearings, ${r.sources} sources (revision ${r.revision})` +
        (r.hearingsChanged.length ? `; changed hearings: ${r.hearingsChanged.join(", ")}` : "") +
        "\n",
    );
  } finally {
    await database.close();
  }
});
