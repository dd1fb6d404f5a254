import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import v8 from "node:v8";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";

/**
 * PGlite's memory, measured (docs/operations.md, "Memory"): its Postgres zeroes all of
 * shared_buffers at start, and the default 128 MB of it is resident for the life of the process,
 * for a store of a few megabytes. 16 MB holds this bot's whole working set.
 */
export const PGLITE_SETTINGS = ["shared_buffers=16MB", "temp_buffers=1MB", "wal_buffers=1MB", "work_mem=4MB", "maintenance_work_mem=16MB"];

/**
 * A new data directory needs initdb, which PGlite runs in a second PGlite instance inside this
 * process; that instance's memory (hundreds of megabytes) is never given back. So a directory
 * that is not yet a database is made by a short-lived child process, and this one only opens it.
 */
async function initInChild(dir: string): Promise<void> {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const script = `const { PGlite } = require(${JSON.stringify(entry)}); PGlite.create(${JSON.stringify(dir)}).then((db) => db.close());`;
  await promisify(execFile)(process.execPath, ["--liftoff-only", "-e", script], { timeout: 10 * 60_000 });
}

/**
 * Postgres compiled to WebAssembly, run by V8's baseline compiler only: measured here, that opens
 * it in about half the time and keeps some 40-50 MB less code resident, and this bot's small
 * queries ran no slower (the optimising tier's background compiles competed with them for the
 * CPU). It concerns WebAssembly alone, and only processes that open PGlite.
 */
function baselineWasmOnly(): void {
  v8.setFlagsFromString("--liftoff-only");
}

export async function createPglite(dir: string | undefined): Promise<PGlite> {
  baselineWasmOnly();
  const { PGlite } = await import("@electric-sql/pglite");
  const options: PGliteOptions = { startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ["-c", s])] };
  if (!dir) return PGlite.create(options);
  // Should the child fail (it has been seen to, rarely, on a starved machine), initdb runs here as before: more memory, same store.
  if (!existsSync(join(dir, "PG_VERSION"))) await initInChild(dir).catch(() => undefined);
  return PGlite.create(dir, options);
}
