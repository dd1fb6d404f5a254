import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { createScheduler } from "../../src/delivery/scheduler.js";
import { fixedClock } from "../../src/shared/time.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { LEADS } from "../support/delivery.js";
import { deliveryRows } from "../support/rows.js";
import { seedHearing, seedSubscribers, TZ } from "../support/seed.js";

describe.each(DB_KINDS)("the scheduler on %s", (kind) => {
  const { database } = useDatabase(kind);

  const run = (now: string, since?: string) =>
    enqueueDueReminders(database.db, { now: new Date(now), since: since ? new Date(since) : undefined, timeZone: TZ, leads: LEADS });

  it("sends the morning reminder at 08:00 in Asia/Almaty (03:00 UTC), not at midnight", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 3, { leads: ["morning@08:00"] });
    expect(await run("2026-03-10T02:59:00Z")).toBe(0);
    expect(await run("2026-03-10T03:00:00Z")).toBe(3);
    const rows = await deliveryRows(database);
    expect(rows.map((r) => [r.lead, r.due, r.kind, r.subject_version])).toEqual(Array(3).fill(["morning@08:00", "2026-03-10T03:00Z", "reminder", 1]));
  });

  it("counts relative leads from the start time, or from the local morning when no time is known", async () => {
    await seedHearing(database, { id: "timed", date: "2026-03-10", time: "10:00" });
    await seedHearing(database, { id: "untimed", date: "2026-03-20" });
    await seedSubscribers(database, 1, { leads: ["7d", "1d", "1h"] });
    const dues: string[] = [];
    for (const at of ["2026-03-03T04:59:00Z", "2026-03-03T05:00:00Z", "2026-03-09T05:00:00Z", "2026-03-10T04:00:00Z", "2026-03-13T03:00:00Z", "2026-03-19T03:00:00Z", "2026-03-20T02:00:00Z"]) {
      await run(at);
      dues.push((await deliveryRows(database)).map((r) => `${r.subject_id}:${r.lead}@${r.due}`).join(" "));
    }
    expect(dues).toEqual([
      "",
      // 7 days before 10:00 local = 05:00 UTC.
      "timed:7d@2026-03-03T05:00Z",
      "timed:7d@2026-03-03T05:00Z timed:1d@2026-03-09T05:00Z",
      "timed:7d@2026-03-03T05:00Z timed:1d@2026-03-09T05:00Z timed:1h@2026-03-10T04:00Z",
      // No time: from 08:00 local (03:00 UTC) of the day, so 1h before is 07:00 local.
      "timed:7d@2026-03-03T05:00Z timed:1d@2026-03-09T05:00Z timed:1h@2026-03-10T04:00Z untimed:7d@2026-03-13T03:00Z",
      "timed:7d@2026-03-03T05:00Z timed:1d@2026-03-09T05:00Z timed:1h@2026-03-10T04:00Z untimed:7d@2026-03-13T03:00Z untimed:1d@2026-03-19T03:00Z",
      "timed:7d@2026-03-03T05:00Z timed:1d@2026-03-09T05:00Z timed:1h@2026-03-10T04:00Z untimed:7d@2026-03-13T03:00Z untimed:1d@2026-03-19T03:00Z untimed:1h@2026-03-20T02:00Z",
    ]);
  });

  it("is idempotent: a second run, or two at once, inserts nothing more", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, 50, { leads: ["1d"] });
    const [a, b] = await Promise.all([run("2026-03-09T03:00:00Z"), run("2026-03-09T03:00:00Z")]);
    expect(a + b).toBe(50);
    expect(await run("2026-03-09T03:10:00Z")).toBe(0);
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(50);
    expect(new Set(rows.map((r) => r.chat_id)).size).toBe(50);
  });

  it("skips chats that are inactive, turned reminders off, or did not choose the lead", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    await seedSubscribers(database, [
      { id: 1, leads: ["1d"] },
      { id: 2, leads: ["1d"], reminders: false },
      { id: 3, leads: ["7d"] },
      { id: 4, leads: ["1d"], status: "blocked" },
      { id: 5, leads: ["2d"] }, // not offered by the operator
    ]);
    // Chat 3's 7d moment lies before the previous run: already handled then.
    expect(await run("2026-03-09T03:00:00Z", "2026-03-09T02:59:00Z")).toBe(1);
    expect((await deliveryRows(database)).map((r) => r.chat_id)).toEqual([1]);
  });

  it("after downtime sends the one latest missed reminder if the hearing has not begun, and none once it has", async () => {
    await seedHearing(database, { id: "soon", date: "2026-03-10", time: "10:00" });
    await seedHearing(database, { id: "gone", date: "2026-03-05", time: "10:00" });
    await seedSubscribers(database, 2, { leads: ["7d", "1d", "morning@08:00"] });
    // Last run 2026-02-20; down until 2026-03-09 12:00 UTC: 7d and 1d of "soon" were missed, "gone" began.
    expect(await run("2026-03-09T12:00:00Z", "2026-02-20T00:00:00Z")).toBe(2);
    const rows = await deliveryRows(database);
    expect(rows.map((r) => `${r.subject_id}:${r.lead}`)).toEqual(["soon:1d", "soon:1d"]);
    // The next runs send the morning reminder at its time, and never the older missed ones.
    expect(await run("2026-03-10T02:30:00Z", "2026-03-09T11:59:00Z")).toBe(0);
    expect(await run("2026-03-10T03:00:00Z", "2026-03-10T02:29:00Z")).toBe(2);
    expect(await run("2026-03-10T04:59:00Z")).toBe(0);
    expect((await deliveryRows(database)).map((r) => r.lead).sort()).toEqual(["1d", "1d", "morning@08:00", "morning@08:00"]);
  });

  it("gives a new subscriber no reminder whose moment passed before they subscribed", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "10:00" });
    await seedSubscribers(database, 1, { first: 1, leads: ["7d", "1d"], since: new Date("2026-03-05T00:00:00Z") });
    expect(await run("2026-03-05T00:01:00Z")).toBe(0);
    expect(await run("2026-03-09T05:00:00Z")).toBe(1);
    expect((await deliveryRows(database)).map((r) => r.lead)).toEqual(["1d"]);
  });

  it("ignores hearings postponed or cancelled", async () => {
    await seedHearing(database, { id: "p", date: "2026-03-10", status: "postponed" });
    await seedHearing(database, { id: "c", date: "2026-03-10", status: "cancelled" });
    await seedSubscribers(database, 1, { leads: ["1d"] });
    expect(await run("2026-03-09T03:00:00Z")).toBe(0);
  });

  it("a scheduler stepping a clock through a week gives each subscriber exactly one reminder per lead", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "11:30" });
    const ids = await seedSubscribers(database, 300, { leads: ["7d", "1d", "morning@08:00", "1h"] });
    const clock = fixedClock("2026-03-01T00:00:00Z");
    const scheduler = createScheduler({ database, clock, logger: createLogger("silent"), timeZone: TZ, leads: LEADS });
    while (clock.now() < new Date("2026-03-10T08:00:00Z")) {
      await scheduler.tick();
      clock.advance(15 * 60_000);
    }
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(300 * 4);
    const per = new Map<string, number>();
    for (const r of rows) per.set(`${r.chat_id}:${r.lead}`, (per.get(`${r.chat_id}:${r.lead}`) ?? 0) + 1);
    expect([...per.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.chat_id))).toEqual(new Set(ids));
    expect([...new Set(rows.map((r) => `${r.lead}@${r.due}`))].sort()).toEqual([
      "1d@2026-03-09T06:30Z",
      "1h@2026-03-10T05:30Z",
      "7d@2026-03-03T06:30Z",
      "morning@08:00@2026-03-10T03:00Z",
    ]);
  });

  it("the scheduler remembers its last run, so the run after a restart covers the gap", async () => {
    await seedHearing(database, { date: "2026-03-10", time: "10:00" });
    await seedSubscribers(database, 5, { leads: ["1d"] });
    const clock = fixedClock("2026-03-08T00:00:00Z");
    const make = () => createScheduler({ database, clock, logger: createLogger("silent"), timeZone: TZ, leads: LEADS });
    expect(await make().tick()).toBe(0);
    clock.set("2026-03-09T20:00:00Z"); // a new process, 44 hours later: 1d (05:00 UTC) was missed
    expect(await make().tick()).toBe(5);
    expect(await make().tick()).toBe(0);
  });
});
