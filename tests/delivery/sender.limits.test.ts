import { beforeEach, describe, expect, it } from "vitest";
import { enqueueUpdate } from "../../src/editorial/updates.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { drained, importContent, runningClock, senderKit, statusCounts } from "../support/delivery.js";
import { waitFor } from "../support/net.js";
import { deliveryRows } from "../support/rows.js";
import { seedSubscribers, seedUpdate } from "../support/seed.js";

const NOW = "2026-03-09T03:00:00Z";

/**
 * Per-chat limits and chats that never answer, on small numbers: one chat's wait (its own pacing,
 * its own 429, its hanging requests) never holds up the others.
 */
describe.each(DB_KINDS)("the sender's per-chat limits and hang policy on %s", (kind) => {
  // Emptied and the fake reset before each test (useDatabase), then the case imported again.
  const { database, fake } = useDatabase(kind, { fake: true });
  beforeEach(() => importContent(database));

  /** `n` published updates, each queued for every subscriber. */
  async function publish(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await enqueueUpdate(database.db, (await seedUpdate(database, { body: { en: `Update number ${i}` } })).id, new Date(NOW));
  }

  async function drain(opts: Parameters<Awaited<ReturnType<typeof senderKit>>["make"]>[0] = {}) {
    const sender = (await senderKit(database, fake, runningClock(NOW))).make(opts);
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;
    return sender;
  }

  it("a chat with three messages due gets them a second apart while every other chat's goes out at once", async () => {
    await seedSubscribers(database, 1, { first: 77 });
    await publish(3);
    await seedSubscribers(database, 12, { first: 1_000 });
    await publish(1);
    await drain({ rate: 30 });
    expect(fake.tooManyRequests).toBe(0);
    const busy = fake.messagesTo(77).map((m) => m.at);
    expect(busy).toHaveLength(4);
    for (let i = 1; i < busy.length; i++) expect(busy[i]! - busy[i - 1]!).toBeGreaterThanOrEqual(1_000);
    // The twelve others got theirs before the busy chat's second message: they did not wait for it.
    const others = fake.messages.filter((m) => m.chatId !== 77);
    expect(others).toHaveLength(12);
    expect(Math.max(...others.map((m) => m.at))).toBeLessThan(busy[1]!);
  });

  it("a 429 for one chat holds that chat, not the others; it is sent once after retry_after", async () => {
    await seedSubscribers(database, 10, { first: 1_000 });
    let refused = 0;
    fake.on("sendMessage", (p) => {
      if (Number(p.chat_id) !== 1_000 || refused++) return undefined;
      fake.tooManyRequests++;
      return { ok: false, error_code: 429, description: "Too Many Requests: retry after 2", parameters: { retry_after: 2 } };
    });
    await publish(1);
    const t0 = Date.now();
    const sender = await drain({ rate: 30 });
    expect(sender.stats().tooManyRequests).toBe(1);
    // The other nine went out well inside the two seconds the refused chat waited.
    const others = fake.messages.filter((m) => m.chatId !== 1_000).map((m) => m.at);
    expect(others).toHaveLength(9);
    expect(Math.max(...others) - t0).toBeLessThan(1_500);
    expect(fake.messagesTo(1_000)).toHaveLength(1);
    expect(fake.messagesTo(1_000)[0]!.at - t0).toBeGreaterThanOrEqual(2_000);
    expect(await statusCounts(database)).toEqual({ sent: 10 });
  });

  it("a chat that never answers: abandoned at each deadline, retried, dead-lettered; the others are not held up", async () => {
    await seedSubscribers(database, 8, { first: 1_000 });
    fake.hang(1_003).hang(1_005);
    await publish(1);
    const t0 = Date.now();
    // Two slots only: were a hanging request to hold its slot, the rest would wait behind it.
    const sender = await drain({ rate: 30, concurrency: 2, deadlineMs: 300, maxAttempts: 3 });
    expect(fake.accepted).toBe(6);
    expect(fake.duplicates().size).toBe(0);
    expect(fake.hangs).toBe(6);
    // Every hanging request was given up on by the sender (its connection closed): none is left open.
    await waitFor(() => fake.abandoned === 6 || undefined, 2_000);
    expect(fake.hanging(1_003) + fake.hanging(1_005)).toBe(0);
    // The retries went as suspects: a chat that hung before counts against the window only briefly.
    expect(sender.stats()).toMatchObject({ sent: 6, retried: 4, dead: 2, suspects: 4 });
    const rows = await deliveryRows(database);
    const dead = rows.filter((r) => r.status === "dead");
    expect(dead.map((r) => r.chat_id).sort()).toEqual([1_003, 1_005]);
    expect(dead.every((r) => r.attempts === 3 && /no answer within 300 ms/.test(r.last_error ?? ""))).toBe(true);
    const others = fake.messages.map((m) => m.at - t0);
    expect(Math.max(...others)).toBeLessThan(2_000);
  });

  it("a chat that hangs once and then answers gets its message exactly once", async () => {
    await seedSubscribers(database, 2, { first: 1_000 });
    fake.hang(1_001);
    await publish(1);
    const sender = (await senderKit(database, fake, runningClock(NOW))).make({ rate: 30, deadlineMs: 300, maxAttempts: 5 });
    const running = sender.run();
    await waitFor(() => fake.abandoned >= 1 || undefined, 5_000);
    fake.heal(1_001);
    await drained(database);
    await sender.stop();
    await running;
    expect(fake.messagesTo(1_001)).toHaveLength(1);
    expect(fake.duplicates().size).toBe(0);
    // Its retries went as suspects (one at least: it may hang again before it heals).
    expect(sender.stats().suspects).toBeGreaterThanOrEqual(1);
    expect(await statusCounts(database)).toEqual({ sent: 2 });
  });
});
