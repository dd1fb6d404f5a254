import { describe, expect, it, vi } from "vitest";
import { classifySendError } from "../../../src/delivery/errors.js";
import { TelegramRefusal, TelegramUnreachable } from "../../../src/delivery/port.js";
import { createFailureHandler, decideFailure, type FailureHandlerDeps } from "../../../src/delivery/sender/policy.js";
import { TooManyRequests } from "../../../src/delivery/rate.js";
import { fixedClock } from "../../../src/shared/time.js";
import { claimed, fakeLogger, outcomeSink } from "./rows.js";

const WALL = new Date("2026-03-09T05:00:00Z");
const ctx = { now: 10_000, wall: WALL, maxAttempts: 3, backoff: (attempts: number) => attempts * 1_000 };
const decide = (err: unknown, row = claimed(1)) => decideFailure(row, classifySendError(err), ctx);

describe("decideFailure: the ladder for one row", () => {
  it("429: pauses until retry_after from now and sends the same row again", () => {
    const row = claimed(1);
    expect(decide(new TelegramRefusal(429, "Too Many Requests", 3), row)).toEqual({ kind: "pause", seconds: 3, until: 13_000, resend: row });
    // No retry_after: 5 s.
    expect(decide(new TelegramRefusal(429, "Too Many Requests"))).toMatchObject({ kind: "pause", seconds: 5, until: 15_000 });
  });

  it("403 and dead chats: cancels the row; a private chat is blocked, a group left", () => {
    expect(decide(new TelegramRefusal(403, "Forbidden: bot was blocked by the user"), claimed(7))).toEqual({
      kind: "gone",
      outcome: { id: 7, status: "cancelled", error: "403 Forbidden: bot was blocked by the user" },
      chatStatus: "blocked",
    });
    expect(decide(new TelegramRefusal(400, "Bad Request: chat not found"), claimed(8, { chatType: "group" }))).toMatchObject({
      kind: "gone",
      chatStatus: "left",
    });
  });

  it("migrated: the same row again, to the new id, as a supergroup", () => {
    const row = claimed(2, { chatId: -100, chatType: "group" });
    expect(decide(new TelegramRefusal(400, "Bad Request: group chat was upgraded", undefined, -1009), row)).toEqual({
      kind: "migrated",
      from: -100,
      to: -1009,
      resend: { ...row, chatId: -1009, chatType: "supergroup" },
    });
  });

  it("5xx and the network: back to the table after the backoff for the attempts made", () => {
    expect(decide(new TelegramRefusal(502, "Bad Gateway"), claimed(3, { attempts: 2 }))).toEqual({
      kind: "retry",
      outcome: { id: 3, status: "pending", nextAttemptAt: new Date(WALL.getTime() + 2_000), error: "502 Bad Gateway" },
    });
    expect(decide(new TelegramUnreachable("ECONNRESET"), claimed(4, { attempts: 1 }))).toMatchObject({
      kind: "retry",
      outcome: { nextAttemptAt: new Date(WALL.getTime() + 1_000), error: "network: ECONNRESET" },
    });
  });

  it("5xx on the last attempt: dead-lettered with the error", () => {
    expect(decide(new TelegramRefusal(500, "Internal Server Error"), claimed(5, { attempts: 3 }))).toEqual({
      kind: "dead",
      reason: "attempts",
      outcome: { id: 5, status: "dead", error: "500 Internal Server Error" },
    });
  });

  it("any other refusal: dead at once, whatever the attempts", () => {
    expect(decide(new TelegramRefusal(400, "Bad Request: can't parse entities"), claimed(6, { attempts: 1 }))).toEqual({
      kind: "dead",
      reason: "refused",
      outcome: { id: 6, status: "dead", error: "400 Bad Request: can't parse entities" },
    });
  });
});

function handlerKit(over: Partial<FailureHandlerDeps> = {}) {
  const calls: string[] = [];
  const sink = outcomeSink();
  const log = fakeLogger();
  const stats = { tooManyRequests: 0, gone: 0, migrated: 0, retried: 0, dead: 0 };
  const deps: FailureHandlerDeps = {
    queue: {
      putFirst: (row) => void calls.push(`putFirst ${row.id}@${row.chatId}`),
      chatGone: (id) => void calls.push(`gone ${id}`),
      chatMoved: (from, to) => void calls.push(`moved ${from}->${to}`),
      holdChat: (id, until) => void calls.push(`hold ${id} until ${until}`),
    },
    slots: { pause: (until) => void calls.push(`pause until ${until}`) },
    tooMany: new TooManyRequests(),
    finish: (o) => {
      calls.push(`finish ${o.id} ${o.status}`);
      sink.finish(o);
    },
    chats: {
      markChatGone: async (id, status) => void calls.push(`markChatGone ${id} ${status}`),
      migrateChat: async (from, to) => (calls.push(`migrateChat ${from}->${to}`), true),
    },
    stats,
    logger: log.logger,
    clock: fixedClock(WALL),
    mono: () => 500,
    maxAttempts: 3,
    backoffBaseMs: 1_000,
    backoffMaxMs: 60_000,
    ...over,
  };
  return { failed: createFailureHandler(deps), calls, stats, outcomes: sink.outcomes, ...log };
}

describe("the failure handler: doing what the ladder says", () => {
  it("a 429 for one chat holds that chat only and puts the row first; counts; writes nothing", async () => {
    const k = handlerKit();
    await k.failed(claimed(1), new TelegramRefusal(429, "Too Many Requests", 2));
    expect(k.calls).toEqual(["hold 1001 until 2500", "putFirst 1@1001"]);
    expect(k.stats.tooManyRequests).toBe(1);
    expect(k.warn).not.toHaveBeenCalled();
    expect(k.outcomes).toEqual([]);
  });

  it("429s for three chats within a second pause every send, and warn", async () => {
    const k = handlerKit();
    await k.failed(claimed(1), new TelegramRefusal(429, "Too Many Requests", 2));
    await k.failed(claimed(2), new TelegramRefusal(429, "Too Many Requests", 2));
    expect(k.calls).not.toContain("pause until 2500");
    await k.failed(claimed(3), new TelegramRefusal(429, "Too Many Requests", 2));
    expect(k.calls.slice(-3)).toEqual(["hold 1003 until 2500", "pause until 2500", "putFirst 3@1003"]);
    expect(k.warn).toHaveBeenCalledWith({ retryAfter: 2 }, "429 from Telegram: pausing sends");
  });

  it("gone: the chat's other rows are dropped before the chat is marked inactive in the table", async () => {
    const k = handlerKit();
    await k.failed(claimed(1, { chatType: "channel" }), new TelegramRefusal(403, "Forbidden: bot was kicked"));
    expect(k.calls).toEqual(["gone 1001", "finish 1 cancelled", "markChatGone 1001 left"]);
    expect(k.stats.gone).toBe(1);
  });

  it("gone: a failing write is logged, not thrown, and the row stays cancelled", async () => {
    const k = handlerKit({ chats: { markChatGone: () => Promise.reject(new Error("db down")), migrateChat: async () => true } });
    await expect(k.failed(claimed(1), new TelegramRefusal(403, "Forbidden"))).resolves.toBeUndefined();
    expect(k.outcomes).toEqual([{ id: 1, status: "cancelled", error: "403 Forbidden" }]);
    expect(k.error).toHaveBeenCalledWith({ err: expect.any(Error) }, "could not mark a chat inactive");
  });

  it("migrated: the chat is moved in the table first, then its rows follow and this one goes again", async () => {
    let release!: () => void;
    const k = handlerKit({
      chats: { markChatGone: async () => {}, migrateChat: () => new Promise<boolean>((r) => (release = () => r(true))) },
    });
    const done = k.failed(claimed(1, { chatId: -5, chatType: "group" }), new TelegramRefusal(400, "upgraded", undefined, -1005));
    await Promise.resolve();
    expect(k.calls).toEqual([]);
    expect(k.stats.migrated).toBe(1);
    release();
    await done;
    expect(k.calls).toEqual(["moved -5->-1005", "putFirst 1@-1005"]);
  });

  it("migrated: the row goes again even when moving the chat failed", async () => {
    const k = handlerKit({ chats: { markChatGone: async () => {}, migrateChat: () => Promise.reject(new Error("db down")) } });
    await k.failed(claimed(1, { chatId: -5, chatType: "group" }), new TelegramRefusal(400, "upgraded", undefined, -1005));
    expect(k.calls).toEqual(["moved -5->-1005", "putFirst 1@-1005"]);
    expect(k.error).toHaveBeenCalledWith({ err: expect.any(Error) }, "could not move a migrated chat");
  });

  it("migrated: a chat no longer on record (forgotten meanwhile) is not followed: the row is cancelled, nothing resent", async () => {
    const k = handlerKit({ chats: { markChatGone: async () => {}, migrateChat: async () => false } });
    await k.failed(claimed(1, { chatId: -5, chatType: "group" }), new TelegramRefusal(400, "upgraded", undefined, -1005));
    expect(k.calls).toEqual(["gone -5", "finish 1 cancelled"]);
    expect(k.outcomes).toEqual([{ id: 1, status: "cancelled", error: "chat forgotten" }]);
  });

  it("transient: retried after a jittered backoff from the options (half to all of the step)", async () => {
    const random = vi.spyOn(Math, "random");
    try {
      const k = handlerKit();
      random.mockReturnValue(0);
      await k.failed(claimed(1, { attempts: 2 }), new TelegramRefusal(503, "Service Unavailable"));
      random.mockReturnValue(0.999_999);
      await k.failed(claimed(2, { attempts: 2 }), new TelegramRefusal(503, "Service Unavailable"));
      // Attempt 2 with base 1 s: a step of 2 s, so between 1 and 2 s after the clock's now.
      expect(k.outcomes.map((o) => o.nextAttemptAt!.getTime() - WALL.getTime())).toEqual([1_000, 2_000]);
      expect(k.outcomes.every((o) => o.status === "pending" && o.error === "503 Service Unavailable")).toBe(true);
      expect(k.stats.retried).toBe(2);
      expect(k.error).not.toHaveBeenCalled();
    } finally {
      random.mockRestore();
    }
  });

  it("dead: counted and logged, with the attempts when they ran out", async () => {
    const k = handlerKit();
    await k.failed(claimed(1, { attempts: 3 }), new TelegramUnreachable("timeout"));
    await k.failed(claimed(2), new TelegramRefusal(400, "Bad Request: message is too long"));
    expect(k.outcomes.map((o) => [o.id, o.status])).toEqual([
      [1, "dead"],
      [2, "dead"],
    ]);
    expect(k.stats.dead).toBe(2);
    expect(k.error.mock.calls).toEqual([
      [{ attempts: 3, error: "network: timeout" }, "delivery dead-lettered"],
      [{ error: "400 Bad Request: message is too long" }, "delivery refused by Telegram"],
    ]);
  });
});
