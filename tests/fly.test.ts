import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { HEALTH_PATH, READY_PATH } from "../src/server/health.js";
import { SHUTDOWN_SIGNALS, SHUTDOWN_TIMEOUT_MS } from "../src/shutdown.js";
import { parseToml, type TomlTable } from "./support/toml.js";

const root = new URL("../", import.meta.url);
const read = (f: string) => readFileSync(new URL(f, root), "utf8");
const fly = parseToml(read("fly.toml"));
const env = fly.env as Record<string, string>;
const service = fly.http_service as TomlTable;
const pkg = JSON.parse(read("package.json")) as { scripts: Record<string, string>; dependencies: Record<string, string> };
const dockerfile = read("Dockerfile");

describe("fly.toml agrees with the code", () => {
  it("runs webhook mode, with a configuration the app accepts", () => {
    expect(env.BOT_MODE).toBe("webhook");
    // What fly.toml sets plus the three secrets README lists is a valid configuration.
    const config = loadConfig({
      ...env,
      BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789",
      DATABASE_URL: "postgres://u:p@db.internal:5432/casebot",
      WEBHOOK_SECRET: "x".repeat(40),
      CHAT_KEY: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(config.mode).toBe("webhook");
    expect(new URL(config.webhookUrl!).host).toBe(`${String(fly.app)}.fly.dev`);
  });

  it("routes HTTP to the port the app listens on", () => {
    expect(service.internal_port).toBe(Number(env.PORT));
    expect(loadConfig({ PORT: env.PORT! }).port).toBe(service.internal_port);
    expect(dockerfile).toMatch(new RegExp(`^EXPOSE ${String(service.internal_port)}$`, "m"));
  });

  it("checks health on the readiness path the server serves", () => {
    const checks = service.checks as TomlTable[];
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ method: "GET", path: READY_PATH });
    // Liveness on the plain health path, on the same port: a database outage never restarts the machine.
    const alive = (fly.checks as TomlTable).alive as TomlTable;
    expect(alive).toMatchObject({ type: "http", method: "GET", path: HEALTH_PATH, port: service.internal_port });
  });

  it("names the site's public address on the same host as the webhook", () => {
    const config = loadConfig({ ...env, BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789", WEBHOOK_SECRET: "x".repeat(40) });
    expect(config.web).toBe(true);
    expect(new URL(config.publicUrl!).host).toBe(new URL(config.webhookUrl!).host);
  });

  it("keeps one machine running: the scheduler and the sender live in the process", () => {
    expect(service.min_machines_running).toBeGreaterThanOrEqual(1);
    expect([false, "off"]).toContain(service.auto_stop_machines);
  });

  it("runs migrations with a release command that package.json defines", () => {
    const release = String((fly.deploy as TomlTable).release_command);
    const m = /^npm run ([\w:-]+)$/.exec(release);
    expect(m, release).not.toBeNull();
    const script = pkg.scripts[m![1]!];
    expect(script).toBeDefined();
    // The release machine runs the production image: compiled JavaScript, run by Node itself.
    const compiled = /^node (dist\/[\w/.-]+)\.js$/.exec(script!)?.[1];
    expect(compiled, script).toBeDefined();
    const file = `${compiled!.replace(/^dist\//, "src/")}.ts`;
    expect(existsSync(new URL(file, root))).toBe(true);
    expect(read(file)).toContain("migrateDatabase(");
  });

  it("stops with a signal the app handles, and waits longer than the app's own shutdown limit", () => {
    expect(SHUTDOWN_SIGNALS).toContain(fly.kill_signal);
    expect(Number(/^(\d+)s$/.exec(String(fly.kill_timeout))?.[1]) * 1000).toBeGreaterThan(SHUTDOWN_TIMEOUT_MS);
  });
});

describe("the Dockerfile", () => {
  it("typechecks and compiles in the builder, installs production dependencies only, and runs as a non-root user", () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0]).toMatch(/npm ci\b/);
    expect(stages[0]).toMatch(/tsc --noEmit/);
    expect(stages[0]).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const runtime = stages.at(-1)!;
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/npm ci(?! --omit=dev)/);
  });

  it("ships every file the app reads at run time, and starts an entry that exists", () => {
    for (const dir of ["dist", "locales", "content", "drizzle", "node_modules"]) expect(dockerfile).toMatch(new RegExp(`^COPY .*\\./${dir}$`, "m"));
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    // The compiled entry: dist/main.js is src/main.ts built by `npm run build`, with no tsx.
    expect(cmd.at(-1)).toBe("dist/main.js");
    expect(existsSync(new URL("src/main.ts", root))).toBe(true);
    // The image starts the app exactly as `npm run start:prod` does, which bench:start measures.
    expect(cmd.join(" ")).toBe(pkg.scripts["start:prod"]);
    // Node runs the app directly, so SIGTERM reaches its handlers and not an npm wrapper.
    expect(cmd[0]).toBe("node");
  });

  it("keeps secrets and local data out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim());
    for (const p of [".env", "data", "node_modules", ".git"]) expect(ignored).toContain(p);
  });
});
