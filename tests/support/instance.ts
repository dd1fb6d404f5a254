/**
 * The real entry point (`node --import tsx src/main.ts`) in webhook mode, in a child process:
 * for the tests that must watch a process from outside (its memory, whether it is still alive)
 * and for `npm run chaos` when it is given no URL. The Bot API is the caller's (a fake).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort, waitFor } from "./net.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const INSTANCE_SECRET = "chaos_secret_chaos_secret_chaos_secret_01";
export const INSTANCE_HOOK = "/telegram";
export const INSTANCE_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resident memory of the process now, in bytes (Linux /proc). */
  rss(): number;
  alive(): boolean;
  stderr(): string;
  stop(): Promise<number | null>;
}

export async function startInstance(opts: { apiRoot: string; env?: Record<string, string>; readyMs?: number }): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      BOT_TOKEN: INSTANCE_TOKEN,
      // A token requires a chat key (docs/privacy.md); a fixed one, for a throwaway instance.
      CHAT_KEY: Buffer.alloc(32, 7).toString("base64"),
      BOT_MODE: "webhook",
      WEBHOOK_URL: `https://casebot.example.org${INSTANCE_HOOK}`,
      WEBHOOK_SECRET: INSTANCE_SECRET,
      PORT: String(port),
      TELEGRAM_API_ROOT: opts.apiRoot,
      PGLITE_DIR: "memory://",
      LOG_LEVEL: "info",
      WEB: "false",
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-200_000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const instance: Instance = {
    url,
    port,
    child,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024,
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    async stop() {
      if (instance.alive()) child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
  try {
    await waitFor(
      async () => {
        if (!instance.alive()) throw new Error(`the instance exited during start-up:\n${stderr}`);
        const r = await fetch(`${url}/readyz`).catch(() => undefined);
        return r?.status === 200 ? true : undefined;
      },
      opts.readyMs ?? 90_000,
      100,
    );
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return instance;
}
