import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textUpdate } from "../support/updates.js";
import { freePort, waitFor } from "../support/net.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SECRET = "main_test_secret_main_test_secret_0001";

/**
 * The real entry point as the Dockerfile starts it (`node --import tsx src/main.ts`), in webhook
 * mode on an embedded database: it becomes ready, handles a posted update, and on SIGTERM stops
 * in order and exits 0.
 */
describe("the process in webhook mode", () => {
  let api: Awaited<ReturnType<typeof startFakeBotApi>>;
  let child: ChildProcess;
  let port: number;
  let stderr = "";
  let exited: Promise<number | null>;

  beforeAll(async () => {
    api = await startFakeBotApi();
    port = await freePort();
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789",
        BOT_MODE: "webhook",
        WEBHOOK_URL: "https://casebot.example.org/telegram",
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        TELEGRAM_API_ROOT: api.url,
        PGLITE_DIR: "memory://",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }, 60_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await api?.close();
  });

  it("starts, serves, and stops in order on SIGTERM with exit code 0", async () => {
    const ready = await waitFor(
      async () => {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
        return r?.status === 200 ? r : undefined;
      },
      60_000,
      200,
    );
    expect(await ready.json()).toMatchObject({ status: "ready" });
    // Ready means the bot is initialised; setWebhook follows it by a moment.
    await waitFor(() => (api.of("setWebhook").length ? true : undefined));
    expect(api.of("setWebhook")).toHaveLength(1);

    const res = await fetch(`http://127.0.0.1:${port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(textUpdate("/privacy", { chatId: 31337 })),
    });
    expect(res.status).toBe(200);
    expect(api.of("sendMessage").map((c) => c.payload.chat_id)).toEqual([31337]);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const steps = stderr
      .trim()
      .split("\n")
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as { msg: string; step?: string }];
        } catch {
          return [];
        }
      })
      .filter((l) => l.msg === "stopped")
      .map((l) => l.step);
    expect(steps).toEqual(["updates", "delivery", "jobs", "database"]);
    expect(stderr).not.toContain("31337");
  }, 90_000);
});
