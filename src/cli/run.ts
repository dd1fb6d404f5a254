import { ConfigError } from "../config.js";
import { ContentError } from "../case/content/load.js";
import { StartupError } from "../shared/startup.js";

/**
 * How the process ends, the same from `npm start` and every CLI (docs/configuration.md): 2 for
 * bad input an operator must fix (a variable, the content file, a refused token), 3 for a
 * database or Telegram that could not be reached in time, 1 for anything else.
 */
export const EXIT = { failed: 1, badInput: 2, unreachable: 3 } as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof ConfigError || err instanceof ContentError) return EXIT.badInput;
  if (err instanceof StartupError) return EXIT.unreachable;
  return EXIT.failed;
}

/** A command-line entry: a known failure prints its message (no stack) and exits with its code. */
export async function runCli(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.stderr.write(`casebot: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(exitCodeFor(err));
  }
}
