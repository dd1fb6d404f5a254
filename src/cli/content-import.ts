import { fileURLToPath } from "node:url";
import { importCase } from "../case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../case/content/load.js";
import { loadConfig } from "../config.js";
import { openConfiguredDatabase } from "../db/open.js";
import { hearingChangeHook } from "../editorial/notices.js";
import { systemClock } from "../shared/time.js";
import { runCli } from "./run.js";

/** `npm run content:import [file]`: validates first, then applies the whole file in one transaction. */
await runCli(async () => {
  const config = loadConfig();
  const path = process.argv[2] ?? fileURLToPath(DEFAULT_CASE_FILE);
  const file = loadCaseFile(path);
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    // A moved hearing notifies its subscribers, in the same transaction as the change.
    const onHearingChange = hearingChangeHook({ clock: systemClock, timeZone: config.timeZone });
    const r = await importCase(database.db, file, { timeZone: config.timeZone, now: systemClock.now(), onHearingChange });
    process.stdout.write(
      `imported ${path}: ${r.topics} topics, ${r.events} events, ${r.hearings} hearings, ${r.sources} sources (revision ${r.revision})` +
        (r.hearingsChanged.length ? `; changed hearings: ${r.hearingsChanged.join(", ")}` : "") +
        "\n",
    );
  } finally {
    await database.close();
  }
});
