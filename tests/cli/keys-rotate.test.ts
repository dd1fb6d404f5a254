import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { newChatKeyText } from "../../src/db/chat-id.js";

const run = promisify(execFile);
const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH, PGLITE_DIR: "memory://", LOG_LEVEL: "silent", ...extra });

describe("npm run keys:rotate", () => {
  it("needs both keys, says so with exit code 2, and with them reports what it re-sealed", { timeout: 120_000 }, async () => {
    const refused = await run(process.execPath, ["--import", "tsx", "src/cli/keys-rotate.ts"], { env: env({ CHAT_KEY: newChatKeyText() }) }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toContain("keys:rotate needs CHAT_KEY (the new key) and CHAT_KEY_PREVIOUS");

    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/cli/keys-rotate.ts"], { env: env({ CHAT_KEY: newChatKeyText(), CHAT_KEY_PREVIOUS: newChatKeyText() }) });
    // An empty store (migrated first): nothing to re-seal in any person column of the schema, said as JSON.
    const last = JSON.parse(stdout.trim().split("\n").at(-1)!) as { resealed: Record<string, number>; pairs: number };
    expect(last).toMatchObject({ resealed: { "chats.sealed": 0, "editors.sealed": 0, "kv_state.chat_sealed": 0, "audit_log.subject_sealed": 0 }, pairs: 10 });
    expect(Object.keys(last.resealed)).toHaveLength(10);
  });
});
