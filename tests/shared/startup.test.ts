import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { errorMessage, isNetworkError, StartupError, startupStep } from "../../src/shared/startup.js";

function logs() {
  const lines: Array<{ msg: string; step?: string; err?: string; retry_in_ms?: number }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const l of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(l) as (typeof lines)[number]);
      done();
    },
  });
  return { lines, logger: createLogger("info", { destination: sink }) };
}

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });

describe("a start-up step", () => {
  it("says what it does, and gives up at its deadline on an attempt that never settles, naming what it could not reach", async () => {
    const { lines, logger } = logs();
    let released = 0;
    let aborted = false;
    const t0 = Date.now();
    const err = await startupStep(
      { step: "database", doing: "connecting to the database (postgres at db:5432)", target: "the database (postgres at db:5432)", timeoutMs: 300, logger, release: () => void released++ },
      (signal) => {
        signal.addEventListener("abort", () => (aborted = true));
        return new Promise<never>(() => {});
      },
    ).catch((e: unknown) => e);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toBe("could not reach the database (postgres at db:5432): no answer within 0.3 s");
    expect([released, aborted]).toEqual([1, true]);
    expect(lines.map((l) => l.msg)).toEqual(["connecting to the database (postgres at db:5432)"]);
  });

  it("retries what retrying can help, with growing waits, each logged, then succeeds", async () => {
    const { lines, logger } = logs();
    let tries = 0;
    const value = await startupStep(
      { step: "database", doing: "connecting", target: "the database", timeoutMs: 5_000, logger, retryable: isNetworkError, backoffMs: [10, 20] },
      async () => {
        if (++tries < 4) throw refused();
        return "ready";
      },
    );
    expect(value).toBe("ready");
    const retries = lines.filter((l) => l.msg === "database failed; trying again");
    expect(retries.map((l) => [l.err, l.retry_in_ms])).toEqual([
      ["connect ECONNREFUSED 127.0.0.1:1", 10],
      ["connect ECONNREFUSED 127.0.0.1:1", 20],
      ["connect ECONNREFUSED 127.0.0.1:1", 20],
    ]);
    expect(lines.at(-1)).toMatchObject({ step: "database", msg: "database: done" });
  });

  it("stops retrying at the deadline and says what kept failing", async () => {
    const { logger } = logs();
    const err = await startupStep({ step: "getMe", doing: "asking", target: "the Telegram Bot API at http://x", timeoutMs: 200, logger, retryable: () => true, backoffMs: [50] }, async () => {
      throw refused();
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(/^could not reach the Telegram Bot API at http:\/\/x: still failing after 0\.2 s and \d+ tries \(last error: connect ECONNREFUSED 127\.0\.0\.1:1\)$/);
  });

  it("throws a failure retrying cannot help as it is, at once", async () => {
    const { logger } = logs();
    const bad = new Error("the content file has 1 problem");
    let tries = 0;
    await expect(
      startupStep({ step: "content", doing: "importing", target: "the database", timeoutMs: 5_000, logger, retryable: isNetworkError }, async () => {
        tries++;
        throw bad;
      }),
    ).rejects.toBe(bad);
    expect(tries).toBe(1);
  });
});

describe("errorMessage", () => {
  it("gives a wrapped error's cause, and of a failed Telegram request only its own words and the cause's code", () => {
    expect(errorMessage(new Error("Failed query: select 1", { cause: refused() }))).toBe("connect ECONNREFUSED 127.0.0.1:1");
    const http = Object.assign(new Error("Network request for 'getMe' failed!"), {
      error: Object.assign(new Error("request to https://api.telegram.org/bot123456:SECRET/getMe failed"), { code: "ENOTFOUND" }),
    });
    expect(errorMessage(http)).toBe("Network request for 'getMe' failed! (ENOTFOUND)");
  });
});

describe("a deadline that strikes during a retry", () => {
  it("still says the step kept failing, with its last error", async () => {
    const { logger } = logs();
    let tries = 0;
    const err = await startupStep({ step: "getMe", doing: "asking", target: "the Bot API", timeoutMs: 200, logger, retryable: () => true, backoffMs: [10] }, () => {
      // The first try fails; the second never settles, and the deadline finds it running.
      if (++tries === 1) return Promise.reject(refused());
      return new Promise<never>(() => {});
    }).catch((e: unknown) => e as Error);
    expect(err.message).toBe("could not reach the Bot API: still failing after 0.2 s and 2 tries (last error: connect ECONNREFUSED 127.0.0.1:1)");
  });
});
