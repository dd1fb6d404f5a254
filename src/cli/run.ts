import { ConfigError } from "../config.js";
import { ContentError } from "../case/content/load.js";

/** A command-line entry: a known failure prints its message (no stack) and exits non-zero. */
export async function runCli(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ContentError) {
      process.stderr.write(`casebot: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`casebot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
