import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * `printf … | npm start` as a new user runs it: the real entry point, piped input, no token and
 * no DATABASE_URL (whatever the test's environment holds), an embedded store that keeps nothing.
 */
export function runLocalChat(input: string, env: Record<string, string> = {}, timeoutMs = 60_000) {
  const { BOT_TOKEN: _t, DATABASE_URL: _d, ...rest } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    input,
    encoding: "utf8",
    timeout: timeoutMs,
    env: { ...rest, PGLITE_DIR: "memory://", LOG_LEVEL: "warn", ...env },
  });
}
