import { describe, expect, it } from "vitest";
import { ChatPacer } from "../../../src/delivery/rate.js";
import { SendQueue } from "../../../src/delivery/sender/queue.js";
import { fixedClock } from "../../../src/shared/time.js";
import { claimed, outcomeSink } from "./rows.js";

const WALL = new Date("2026-03-09T05:00:00Z");

function queueKit(limits = { perChatMs: 1_000, groupLimit: 2, groupWindowMs: 10_000 }, holdMs = 5_000) {
  const sink = outcomeSink();
  const stats = { cancelled: 0 };
  const queue = new SendQueue({ pacer: new ChatPacer(limits), holdMs, clock: fixedClock(WALL), finish: sink.finish, stats });
  /** Takes every row that may go at `now`, marking each as sent then and answered at once. */
  const drain = (now: number) => {
    const ids: number[] = [];
    for (let row = queue.next(now); row; row = queue.next(now)) {
      queue.sending(row, now);
      queue.settled(row, now);
      ids.push(row.id);
    }
    return ids;
  };
  return { queue, stats, outcomes: sink.outcomes, drain };
}

describe("the send queue", () => {
  it("gives rows in the order they were claimed; a row put first goes before them", () => {
    const k = queueKit();
    for (const id of [1, 2, 3]) k.queue.admit(claimed(id));
    k.queue.putFirst(claimed(9));
    expect(k.queue.size).toBe(4);
    expect(k.drain(0)).toEqual([9, 1, 2, 3]);
    expect(k.queue.size).toBe(0);
  });

  it("cancels a claimed row whose chat is not active, without queueing it", () => {
    const k = queueKit();
    k.queue.admit(claimed(1, { chatStatus: "blocked" }));
    k.queue.admit(claimed(2));
    expect(k.queue.readyCount).toBe(1);
    expect(k.stats.cancelled).toBe(1);
    expect(k.outcomes).toEqual([{ id: 1, status: "cancelled", error: "chat inactive" }]);
  });

  it("holds a second row to a busy chat until the chat is free, while other chats go on", () => {
    const k = queueKit();
    k.queue.admit(claimed(1, { chatId: 50 }));
    k.queue.admit(claimed(2, { chatId: 50 }));
    k.queue.admit(claimed(3, { chatId: 60 }));
    expect(k.drain(100)).toEqual([1, 3]);
    expect(k.queue.size).toBe(1);
    expect(k.queue.nextDelayedAt()).toBe(1_100);
    k.queue.releaseDelayed(1_099);
    expect(k.drain(1_099)).toEqual([]);
    k.queue.releaseDelayed(1_100);
    expect(k.drain(1_100)).toEqual([2]);
    expect(k.queue.nextDelayedAt()).toBe(Infinity);
    expect(k.outcomes).toEqual([]);
  });

  it("a chat's spacing runs from the answer to its last message, and nothing more goes to it while one is in flight", () => {
    const k = queueKit();
    k.queue.admit(claimed(1, { chatId: 50 }));
    k.queue.admit(claimed(2, { chatId: 50 }));
    const first = k.queue.next(0)!;
    k.queue.sending(first, 0);
    // In flight: the second waits at least the spacing from now, whatever came before.
    expect(k.queue.next(0)).toBeUndefined();
    expect(k.queue.nextDelayedAt()).toBe(1_000);
    // Answered only at 400: it may have arrived then, so the next goes at 1400, not 1000.
    k.queue.settled(first, 400);
    k.queue.releaseDelayed(1_000);
    expect(k.queue.next(1_000)).toBeUndefined();
    k.queue.releaseDelayed(1_400);
    expect(k.queue.next(1_400)?.id).toBe(2);
  });

  it("puts released rows back in front of the ready ones, in id order", () => {
    const k = queueKit();
    for (const [id, chat] of [
      [1, 50],
      [2, 60],
      [5, 60],
      [3, 50],
      [4, 70],
    ] as const)
      k.queue.admit(claimed(id, { chatId: chat }));
    expect(k.drain(0)).toEqual([1, 2, 4]);
    k.queue.admit(claimed(6, { chatId: 80 }));
    k.queue.releaseDelayed(1_000);
    expect(k.drain(1_000)).toEqual([3, 5, 6]);
  });

  it("hands a row back to the table when its chat is busy for longer than holdMs, the attempt undone", () => {
    const k = queueKit({ perChatMs: 1_000, groupLimit: 2, groupWindowMs: 10_000 }, 5_000);
    for (const id of [1, 2, 3]) k.queue.admit(claimed(id, { chatId: -7, chatType: "group" }));
    // Two sends fill the group's window; the third may go only when the first leaves it, 10 s on.
    expect(k.drain(0)).toEqual([1]);
    k.queue.releaseDelayed(1_000);
    expect(k.drain(1_000)).toEqual([2]);
    expect(k.queue.size).toBe(0);
    expect(k.outcomes).toEqual([{ id: 3, status: "pending", nextAttemptAt: new Date(WALL.getTime() + 9_000), undoAttempt: true }]);
  });

  it("cancels queued rows of a chat that left, and rows of it claimed later", () => {
    const k = queueKit();
    k.queue.admit(claimed(1, { chatId: 50 }));
    k.queue.admit(claimed(2, { chatId: 60 }));
    k.queue.chatGone(50);
    expect(k.drain(0)).toEqual([2]);
    k.queue.admit(claimed(3, { chatId: 50 }));
    expect(k.queue.size).toBe(0);
    expect(k.stats.cancelled).toBe(2);
    expect(k.outcomes.map((o) => [o.id, o.status])).toEqual([
      [1, "cancelled"],
      [3, "cancelled"],
    ]);
  });

  it("sends a moved chat's rows to its new id, as a supergroup paced as a group", () => {
    const k = queueKit({ perChatMs: 0, groupLimit: 1, groupWindowMs: 10_000 });
    k.queue.admit(claimed(1, { chatId: -5, chatType: "group" }));
    k.queue.admit(claimed(2, { chatId: -5, chatType: "group" }));
    k.queue.chatMoved(-5, -1005);
    const first = k.queue.next(0)!;
    expect(first).toMatchObject({ id: 1, chatId: -1005, chatType: "supergroup" });
    k.queue.sending(first, 0);
    // The group's window (1 per 10 s) counts the new id: the second row waits, handed back.
    expect(k.queue.next(0)).toBeUndefined();
    expect(k.outcomes).toEqual([{ id: 2, status: "pending", nextAttemptAt: new Date(WALL.getTime() + 10_000), undoAttempt: true }]);
  });

  it("takeAll empties it, ready rows first, then the delayed ones", () => {
    const k = queueKit();
    k.queue.admit(claimed(1, { chatId: 50 }));
    k.queue.admit(claimed(2, { chatId: 50 }));
    k.drain(0);
    k.queue.admit(claimed(3, { chatId: 60 }));
    expect(k.queue.takeAll().map((r) => r.id)).toEqual([3, 2]);
    expect(k.queue.size).toBe(0);
    expect(k.queue.next(5_000)).toBeUndefined();
  });
});
