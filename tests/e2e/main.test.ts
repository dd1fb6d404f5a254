import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textUpdate } from "../support/updates.js";
import { freePort, waitFor } from "../support/net.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { startBlackHole } from "../support/blackhole.js";

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
        CHAT_KEY: Buffer.alloc(32, 7).toString("base64"),
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

/** Runs an entry point to its end: exit code, standard error, and how long it took. */
function runToExit(entry: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stderr: string; ms: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], { cwd: root, env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  // Past a minute it counts as hanging: killed, and the test fails on the exit code.
  const kill = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(kill);
      resolve({ code, stderr, ms: Date.now() - t0 });
    }),
  );
}

const lastLine = (s: string) => s.trim().split("\n").at(-1);

/**
 * `npm start` as the Dockerfile runs it, against a Telegram and a database that accept
 * connections and never answer: it says what it is doing, and ends within the minute with the
 * message naming what it could not reach and exit code 3. Bad input ends with 2, from `npm start`
 * and `content:import` alike.
 */
describe("a start-up that never hangs", () => {
  let hole: Awaited<ReturnType<typeof startBlackHole>>;
  beforeAll(async () => {
    hole = await startBlackHole();
  });
  afterAll(async () => {
    await hole?.close();
  });
  const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
  const CHAT_KEY = Buffer.alloc(32, 7).toString("base64");

  it("a black-holed Telegram: exit code 3, naming the Bot API, within the minute", async () => {
    const r = await runToExit("src/main.ts", { BOT_TOKEN: TOKEN, CHAT_KEY, TELEGRAM_API_ROOT: `http://127.0.0.1:${hole.port}`, PGLITE_DIR: "memory://", STARTUP_TIMEOUT_SECONDS: "3" });
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(60_000);
    expect(lastLine(r.stderr)).toBe(`casebot: could not start: could not reach the Telegram Bot API at http://127.0.0.1:${hole.port}: no answer within 3 s`);
    expect(r.stderr).toContain(`"msg":"asking the Telegram Bot API at http://127.0.0.1:${hole.port} who the bot is (getMe)"`);
  }, 70_000);

  it("a black-holed database: exit code 3, naming the database, within the minute", async () => {
    const r = await runToExit("src/main.ts", { BOT_TOKEN: TOKEN, CHAT_KEY, DATABASE_URL: `postgres://casebot:secret-password@127.0.0.1:${hole.port}/casebot`, STARTUP_TIMEOUT_SECONDS: "3" });
    expect(r.code).toBe(3);
    expect(r.ms).toBeLessThan(60_000);
    expect(lastLine(r.stderr)).toMatch(new RegExp(`^casebot: could not start: could not reach the database \\(postgres at 127\\.0\\.0\\.1:${hole.port}\\): `));
    expect(r.stderr).toContain(`"msg":"connecting to the database (postgres at 127.0.0.1:${hole.port})"`);
    expect(r.stderr).not.toContain("secret-password");
  }, 70_000);

  it("bad input ends with exit code 2, from npm start and content:import alike", async () => {
    const config = await runToExit("src/main.ts", { SEND_RATE: "50" });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain("SEND_RATE must be at most 30 without PAID_BROADCAST=true");
    const file = join(tmpdir(), `casebot-e2e-broken-${process.pid}.yaml`);
    writeFileSync(file, readFileSync(join(root, "content/case.yaml"), "utf8").replace('date: "2026-01-23"', 'date: "2026-02-31"'));
    const content = await runToExit("src/cli/content-import.ts", { PGLITE_DIR: "memory://" }, [file]);
    expect(content.code).toBe(2);
    expect(content.stderr).toMatch(/events\[4\] \(trial-opening\) › date: is not a day of the calendar.*\(line \d+\)/);
    // A token with no CHAT_KEY: stopped before anything is opened, saying how to make one.
    const nokey = await runToExit("src/main.ts", { BOT_TOKEN: TOKEN, PGLITE_DIR: "memory://" });
    expect(nokey.code).toBe(2);
    expect(nokey.stderr).toMatch(/CHAT_KEY is required when BOT_TOKEN is set: .*openssl rand -base64 32/);
    expect(nokey.stderr).not.toContain("opening PGlite");
  }, 70_000);
});
