import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { guardProcess, installShutdown } from "../src/shutdown.js";

const logger = createLogger("silent");
const tick = () => new Promise((r) => setTimeout(r, 10));

function harness(steps: Array<{ name: string; run(): Promise<void> | void }>, timeoutMs?: number) {
  const signals = new EventEmitter();
  const exits: number[] = [];
  installShutdown({ logger, steps, signals, exit: (code) => void exits.push(code), timeoutMs });
  return { signals, exits };
}

describe("graceful shutdown", () => {
  it.each(["SIGTERM", "SIGINT"])("on %s runs every step in order, then exits 0", async (signal) => {
    const order: string[] = [];
    const { signals, exits } = harness(
      ["updates", "delivery", "jobs", "database"].map((name) => ({
        name,
        run: async () => {
          await tick();
          order.push(name);
        },
      })),
    );
    signals.emit(signal, signal);
    expect(exits).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(order).toEqual(["updates", "delivery", "jobs", "database"]);
    expect(exits).toEqual([0]);
  });

  it("exits at once on a second signal, without waiting for the steps", async () => {
    let release!: () => void;
    const { signals, exits } = harness([{ name: "updates", run: () => new Promise<void>((r) => (release = r)) }]);
    signals.emit("SIGTERM", "SIGTERM");
    await tick();
    expect(exits).toEqual([]);
    signals.emit("SIGINT", "SIGINT");
    expect(exits).toEqual([1]);
    release();
  });

  it("still closes the database when an earlier step fails, and exits 1", async () => {
    const done: string[] = [];
    const { signals, exits } = harness([
      {
        name: "delivery",
        run: () => {
          throw new Error("lock already gone");
        },
      },
      { name: "database", run: () => void done.push("database") },
    ]);
    signals.emit("SIGTERM", "SIGTERM");
    await tick();
    expect(done).toEqual(["database"]);
    expect(exits).toEqual([1]);
  });

  it("gives up and exits 1 when a step hangs past the timeout", async () => {
    const { signals, exits } = harness([{ name: "updates", run: () => new Promise<void>(() => {}) }], 50);
    signals.emit("SIGTERM", "SIGTERM");
    await new Promise((r) => setTimeout(r, 120));
    expect(exits).toEqual([1]);
  });
});

describe("the process guard", () => {
  it("logs an unhandled rejection and an uncaught exception, and the process goes on", () => {
    const source = new EventEmitter();
    const lines: string[] = [];
    const log = createLogger("error", {
      destination: { write: (l: string) => (lines.push(l), true) } as unknown as NodeJS.WritableStream,
    });
    guardProcess(log, source);
    source.emit("unhandledRejection", new Error("a promise nobody awaited"));
    source.emit("uncaughtException", new Error("thrown in a callback"));
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["unhandled rejection; still serving", "uncaught exception; still serving"]);
    expect(lines.join("")).toContain("a promise nobody awaited");
  });
});
