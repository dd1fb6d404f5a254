/**
 * `npm run bench:start` (Postgres too with DATABASE_URL or BENCH_DATABASE_URL)
 *
 * Cold start and idle memory of the bot as production runs it: a new process in polling mode
 * against a Bot API emulator (telegram-test-api), timed from spawn to the first answered update
 * (/start, asked every 100 ms from the spawn on), then left idle and its
 * RSS read from /proc. Once with tsx on src/ (`npm start`'s way) and once with Node on dist/
 * (`npm run start:prod`, built first if missing), on PGlite in a new data directory and, when a URL is given,
 * on Postgres. The last line is one JSON object with every run.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer as TelegramServerClass } from "telegram-test-api/lib/telegramServer.js";
import { freePort, waitFor } from "../tests/support/net.js";

const TelegramServer = TelegramServerModule as unknown as typeof TelegramServerClass;
const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const root = fileURLToPath(new URL("..", import.meta.url));

const { values } = parseArgs({
  options: {
    idle: { type: "string", default: "8" },
    runs: { type: "string", default: "1" },
    // e.g. --only dist:postgres,tsx:pglite
    only: { type: "string" },
  },
});
const idleSeconds = Number(values.idle);
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;

// dist runs exactly as `npm run start:prod` (and the Dockerfile) does, flags included.
const startProd = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts["start:prod"]!;
const RUNNERS = { tsx: ["--import", "tsx", "src/main.ts"], dist: startProd.split(" ").slice(1) } as const;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"))!;
  return Math.round(Number(line.replace(/\D+/g, "")) / 1024);
}

async function once(server: TelegramServerClass, apiRoot: string, runner: keyof typeof RUNNERS, store: "pglite" | "postgres", userId: number) {
  const client = server.getClient(TOKEN, { userId, chatId: userId, firstName: "B", userName: `b${userId}`, type: "private", timeout: 1000 });
  const ask = () => client.sendCommand(client.makeCommand("/start", { from: { language_code: "en" } as never }));
  const { DATABASE_URL: _d, BOT_TOKEN: _t, ...env } = process.env;
  // PGlite as a new deployment has it: a data directory of its own, made at this start.
  const dir = store === "pglite" ? mkdtempSync(join(tmpdir(), "casebot-bench-")) : undefined;
  const started = performance.now();
  const child = spawn(process.execPath, [...RUNNERS[runner]], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...env,
      NODE_ENV: "production",
      BOT_TOKEN: TOKEN,
      CHAT_KEY: Buffer.alloc(32, 7).toString("base64"),
      BOT_MODE: "polling",
      TELEGRAM_API_ROOT: apiRoot,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "error",
      ...(dir ? { PGLITE_DIR: join(dir, "pglite") } : { DATABASE_URL: postgresUrl! }),
    },
  });
  // Polling starts by dropping what waited for a stopped bot: /start is asked every 100 ms until the first reply.
  let asking = true;
  const asker = (async () => {
    while (asking) {
      await ask().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    // The emulator's client long-polls and throws when nothing came within its timeout: ask again.
    await waitFor(async () => ((await client.getUpdates().catch(() => ({ result: [] }))).result.length ? true : undefined), 120_000, 20);
    const coldStartMs = Math.round(performance.now() - started);
    asking = false;
    await asker;
    const answeredRssMb = rssMb(child.pid!);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    return { runner, store, coldStartMs, answeredRssMb, idleRssMb: rssMb(child.pid!) };
  } finally {
    asking = false;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(`${root}/dist/main.js`)) spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  const port = await freePort();
  const apiRoot = `http://127.0.0.1:${port}`;
  const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 });
  await server.start();
  const results = [];
  let user = 5000;
  try {
    const stores = postgresUrl ? (["pglite", "postgres"] as const) : (["pglite"] as const);
    for (let i = 0; i < Number(values.runs); i++)
      for (const store of stores)
        for (const runner of ["tsx", "dist"] as const) {
          if (values.only && !values.only.split(",").includes(`${runner}:${store}`)) continue;
          const r = await once(server, apiRoot, runner, store, user++);
          console.error(`${runner.padEnd(4)} ${store.padEnd(8)} cold start ${r.coldStartMs} ms, RSS ${r.answeredRssMb} MB answered, ${r.idleRssMb} MB after ${idleSeconds} s idle`);
          results.push(r);
        }
  } finally {
    await server.stop();
  }
  console.log(JSON.stringify({ bench: "start", node: process.version, idleSeconds, postgres: Boolean(postgresUrl), runs: results }));
}

await main();
