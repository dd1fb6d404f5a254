import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { enqueueUpdate } from "../../src/editorial/updates.js";
import { chats, subscriptions, updates } from "../../src/db/schema.js";
import { changeHearing } from "../../src/editorial/hearings.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { waitFor } from "../support/net.js";
import { appFor, drained, importContent, LEADS, runningClock, secondInstance, senderKit, statusCounts } from "../support/delivery.js";
import { deliveryRows } from "../support/rows.js";
import { seedHearing, seedSubscribers, TZ } from "../support/seed.js";
import { refOf } from "../../src/db/refs.js";

describe.each(DB_KINDS)("the outbox sender on %s, against a fake Bot API", (kind) => {
  // Emptied and the fake reset before each test (useDatabase), then the case imported again.
  const { database, fake } = useDatabase(kind, { fake: true });
  beforeEach(() => importContent(database));

  const enqueue = (now: Date) => enqueueDueReminders(database.db, { now, timeZone: TZ, leads: LEADS });

  it("N subscribers each get exactly one reminder per lead time, within the limits", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "10:00" });
    const ids = await seedSubscribers(database, 30, { leads: ["1d", "morning@08:00"] });
    const clock = runningClock("2026-03-09T05:00:00Z");
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make();
    const running = sender.run();
    expect(await enqueue(clock.now())).toBe(30);
    await drained(database);
    clock.advance(22 * 3_600_000); // 2026-03-10 03:00 UTC, 08:00 in Almaty
    expect(await enqueue(clock.now())).toBe(30);
    await drained(database);
    await sender.stop();
    await running;

    for (const id of ids) {
      const texts = fake.messagesTo(id).map((m) => m.text);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toMatch(/Hearing reminder.*\n\n<b>Opening of the trial<\/b>: (tomorrow|in \d+ hours)/);
      expect(texts[1]).toContain("Opening of the trial</b>: in 2 hours");
    }
    expect(fake.tooManyRequests).toBe(0);
    expect(fake.duplicates().size).toBe(2 * 0 + 30); // two messages each, by design
    expect([...fake.perChat.values()].every((n) => n === 2)).toBe(true);
    expect((await deliveryRows(database)).every((r) => r.status === "sent")).toBe(true);
  });

  it("keeps the global rate: never more than the limit in any second, and no 429", async () => {
    fake.setLimits({ global: 20 });
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 50, { leads: ["1d"] });
    const clock = runningClock("2026-03-09T03:00:00Z");
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make({ rate: 20 });
    await enqueue(clock.now());
    const t0 = Date.now();
    const running = sender.run();
    await drained(database);
    const elapsed = Date.now() - t0;
    await sender.stop();
    await running;
    expect(fake.accepted).toBe(50);
    expect(fake.tooManyRequests).toBe(0);
    expect(fake.summary().peakWindow).toBeLessThanOrEqual(20);
    // 50 messages at 20/s with a burst of 1 cannot take less than ~2.4 s.
    expect(elapsed).toBeGreaterThan(2_300);
  });

  it("spaces messages to one chat by a second and keeps a group under its per-minute count", async () => {
    // Per-group window scaled down (3 per 2 s) so the test runs in seconds; the rule is the same.
    fake.setLimits({ perGroup: 3, perGroupWindowMs: 2_000 });
    const group = -4242;
    await seedSubscribers(database, 1, { first: 77, leads: ["1d"] });
    await seedSubscribers(database, 1, { first: group, leads: ["1d"], type: "group" });
    const now = new Date("2026-03-09T03:00:00Z");
    for (let i = 0; i < 3; i++) {
      const [u] = await database.db.insert(updates).values({ body: { en: `Update number ${i}` } }).returning();
      await enqueueUpdate(database.db, u!.id, now);
    }
    for (let i = 3; i < 7; i++) {
      const [u] = await database.db.insert(updates).values({ body: { en: `Group update ${i}` } }).returning();
      await database.db.execute(sql`insert into deliveries (chat_ref, kind, subject_id, due_at, next_attempt_at) values (${refOf(database.db, group)}, 'update', ${String(u!.id)}, now(), ${now.toISOString()}::timestamptz)`);
    }
    const kit = await senderKit(database, fake, runningClock(now.toISOString()));
    const sender = kit.make({ chatLimits: { perChatMs: 1_100, groupLimit: 3, groupWindowMs: 2_100 } });
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;
    expect(fake.tooManyRequests).toBe(0);
    const at = (id: number) => fake.messagesTo(id).map((m) => m.at);
    const priv = at(77);
    expect(priv).toHaveLength(3);
    for (let i = 1; i < priv.length; i++) expect(priv[i]! - priv[i - 1]!).toBeGreaterThanOrEqual(1_000);
    const grp = at(group);
    expect(grp).toHaveLength(7);
    for (let i = 3; i < grp.length; i++) expect(grp[i]! - grp[i - 3]!).toBeGreaterThanOrEqual(2_000);
    expect(fake.messagesTo(77).map((m) => m.text.match(/Update number \d/)?.[0])).toEqual(["Update number 0", "Update number 1", "Update number 2"]);
  });

  it("on 429 waits retry_after and sends again: nothing lost, nothing twice", async () => {
    fake.setLimits({ global: 8 });
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 24, { leads: ["1d"] });
    const clock = runningClock("2026-03-09T03:00:00Z");
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make({ rate: 30 });
    await enqueue(clock.now());
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;
    expect(fake.tooManyRequests).toBeGreaterThan(0);
    expect(sender.stats().tooManyRequests).toBe(fake.tooManyRequests);
    expect(fake.accepted).toBe(24);
    expect(fake.duplicates().size).toBe(0);
    expect(await statusCounts(database)).toEqual({ sent: 24 });
  });

  it("a blocked chat becomes inactive, its queued rows are dropped and never retried", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 3, { first: 1, leads: ["1d"] });
    fake.block(2);
    const now = new Date("2026-03-09T03:00:00Z");
    await enqueue(now);
    const [u] = await database.db.insert(updates).values({ body: { en: "News" } }).returning();
    await enqueueUpdate(database.db, u!.id, now);
    const kit = await senderKit(database, fake, runningClock(now.toISOString()));
    const sender = kit.make();
    const running = sender.run();
    await drained(database);
    await new Promise((r) => setTimeout(r, 300));
    await sender.stop();
    await running;
    expect(fake.callsOf("sendMessage").filter((c) => c.payload.chat_id === 2)).toHaveLength(1);
    expect(fake.perChat.get(1)).toBe(2);
    expect(fake.perChat.get(3)).toBe(2);
    const [chat] = await database.db.select().from(chats).where(eq(chats.ref, refOf(database.db, 2)));
    expect(chat?.status).toBe("blocked");
    const rows = (await deliveryRows(database)).filter((r) => r.chat_id === 2);
    expect(rows.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    expect(rows.some((r) => r.last_error?.includes("403"))).toBe(true);
    // The scheduler queues nothing more for it.
    await seedHearing(database, { id: "h2", date: "2026-03-11" });
    expect(await enqueueDueReminders(database.db, { now: new Date("2026-03-10T03:00:00Z"), timeZone: TZ, leads: LEADS })).toBe(2);
    expect((await deliveryRows(database)).filter((r) => r.subject_id === "h2").map((r) => r.chat_id)).toEqual([1, 3]);
  });

  it("a group that migrated receives under its new id, and keeps its subscription there", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 1, { first: -555, leads: ["1d"], type: "group", lang: "ru" });
    fake.migrate(-555, -1001234567890);
    const now = new Date("2026-03-09T03:00:00Z");
    await enqueue(now);
    const kit = await senderKit(database, fake, runningClock(now.toISOString()));
    const sender = kit.make();
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;
    expect(fake.messagesTo(-555)).toHaveLength(0);
    const got = fake.messagesTo(-1001234567890);
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain("Напоминание о заседании");
    const subs = await database.db.select().from(subscriptions);
    expect(subs.map((s) => s.chatRef)).toEqual([refOf(database.db, -1001234567890)]);
    const [chat] = await database.db.select().from(chats).where(eq(chats.ref, refOf(database.db, -1001234567890)));
    expect(chat).toMatchObject({ type: "supergroup", status: "active", language: "ru" });
    expect((await deliveryRows(database)).map((r) => [r.chat_id, r.status])).toEqual([[-1001234567890, "sent"]]);
  });

  it("5xx and network errors back off and retry, then dead-letter with the error after the last attempt", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 3, { first: 1, leads: ["1d"] });
    fake.fail(1, { code: 502, times: 2 });
    fake.drop(2, 1);
    fake.fail(3, { code: 500 });
    const clock = runningClock("2026-03-09T03:00:00Z");
    await enqueue(clock.now());
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make({ maxAttempts: 4 });
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;
    expect(fake.perChat.get(1)).toBe(1);
    expect(fake.perChat.get(2)).toBe(1);
    expect(fake.perChat.get(3)).toBeUndefined();
    // The enqueue writes rows in chat_ref order, which is no chat's order: compare by chat.
    const rows = (await deliveryRows(database)).sort((a, b) => a.chat_id - b.chat_id);
    expect(rows.map((r) => [r.chat_id, r.status, r.attempts])).toEqual([
      [1, "sent", 3],
      [2, "sent", 2],
      [3, "dead", 4],
    ]);
    expect(rows[2]!.last_error).toBe("500 Internal Server Error");
    expect(fake.callsOf("sendMessage").filter((c) => c.payload.chat_id === 3)).toHaveLength(4);
  });

  it("drops a reminder whose hearing moved or began while it waited, and sends the change notice instead", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "10:00" });
    await seedSubscribers(database, 2, { first: 1, leads: ["1d"] });
    const clock = runningClock("2026-03-09T05:00:00Z");
    await enqueue(clock.now());
    await changeHearing({ database, clock, timeZone: TZ }, "h1", { date: "2026-03-12" });
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make();
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;
    expect([...fake.perChat.values()]).toEqual([1, 1]);
    expect(fake.messages[0]!.text).toContain("The hearing has changed");
  });

  it("killing the sender mid-broadcast and starting another delivers the rest: no loss", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    const ids = await seedSubscribers(database, 120, { leads: ["1d"] });
    const clock = runningClock("2026-03-09T03:00:00Z");
    await enqueue(clock.now());
    const kit = await senderKit(database, fake, clock);
    const first = kit.make({ rate: 30, leaseMs: 30_000, flushMs: 400 });
    const running = first.run();
    await waitFor(() => (fake.accepted >= 40 ? true : undefined));
    await first.abort(); // as if the process died: no more writes, leases left behind
    await running;
    const atCrash = await statusCounts(database);
    expect(atCrash.sending ?? 0).toBeGreaterThan(0);
    const sentBefore = fake.accepted;

    // Another instance starts; the dead one's leases end.
    clock.advance(31_000);
    const second = kit.make({ rate: 30 });
    const r2 = second.run();
    await drained(database);
    await second.stop();
    await r2;

    expect(await statusCounts(database)).toEqual({ sent: 120 });
    for (const id of ids) expect(fake.perChat.get(id) ?? 0).toBeGreaterThanOrEqual(1);
    // At least once: only rows sent but not yet recorded at the crash can go twice.
    const dup = [...fake.duplicates().values()].reduce((s, n) => s + n - 1, 0);
    expect(dup).toBeLessThanOrEqual(atCrash.sending ?? 0);
    expect(fake.accepted).toBe(120 + dup);
    expect(sentBefore).toBeGreaterThanOrEqual(40);
  });

  it("exactly one sender runs across instances; another takes over when it stops", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    const ids = await seedSubscribers(database, 60, { leads: ["1d"] });
    const clock = runningClock("2026-03-09T03:00:00Z");
    const other = await secondInstance(database);
    const appA = await appFor(database, fake, clock);
    const appB = await appFor(other, fake, clock);
    const fast = { scheduler: { intervalMs: 100 }, sender: { idleMs: 30, flushMs: 30 }, standbyRetryMs: 100 };
    const a = appA.startDelivery(fast);
    await waitFor(() => (fake.accepted > 0 ? true : undefined));
    const b = appB.startDelivery(fast);
    await waitFor(() => (fake.accepted >= 20 ? true : undefined));
    await a.stop();
    await drained(database);
    await b.stop();
    await other.close();
    // Both ran at 25/s against a 30/s limit: had both sent at once, Telegram would have said 429.
    expect(fake.tooManyRequests).toBe(0);
    expect(fake.summary().peakWindow).toBeLessThanOrEqual(30);
    expect(fake.duplicates().size).toBe(0);
    expect(new Set(fake.messages.map((m) => m.chatId))).toEqual(new Set(ids));
    // Two instances draining at 25/s, with a takeover: slow on a loaded 2-core machine.
  }, 90_000);

  it("stops cleanly: in-flight sends finish, held rows go back to the queue at once", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 40, { leads: ["1d"] });
    const clock = runningClock("2026-03-09T03:00:00Z");
    await enqueue(clock.now());
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make({ rate: 10 });
    const running = sender.run();
    await waitFor(() => (fake.accepted >= 5 ? true : undefined));
    await sender.stop();
    await running;
    const counts = await statusCounts(database);
    expect(counts.sending ?? 0).toBe(0);
    expect(counts.sent).toBe(fake.accepted);
    expect((counts.sent ?? 0) + (counts.pending ?? 0)).toBe(40);
    // Unsent rows did not use up an attempt.
    const pending = (await deliveryRows(database)).filter((r) => r.status === "pending");
    expect(pending.every((r) => r.attempts === 0)).toBe(true);
  });
});
