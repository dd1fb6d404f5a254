import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parseCaseFile } from "../../src/case/content/load.js";
import { caseFile } from "../support/bot.js";

describe("npm run content:export", () => {
  it("writes the store to a JSON file that content:import accepts", { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "casebot-export-"));
    try {
      const env = { ...process.env, PGLITE_DIR: join(dir, "db"), LOG_LEVEL: "silent", DATABASE_URL: "" };
      const run = promisify(execFile);
      await run("npx", ["tsx", "src/cli/content-import.ts"], { env });
      const out = join(dir, "case.json");
      const { stdout } = await run("npx", ["tsx", "src/cli/content-export.ts", out], { env });
      expect(stdout).toContain(`exported to ${out}`);
      const file = parseCaseFile(readFileSync(out, "utf8"), out);
      expect(file).toEqual(caseFile());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
