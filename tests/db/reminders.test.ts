/**
 * The enqueue statement (src/db/reminders.ts) leaves out what is already queued by one look-up
 * rather than `on conflict`, so what happens when that look-up is not the last word is pinned
 * here: inside a caller's transaction, and (on a server) when another run writes the same rows
 * while this one runs. Also migration 0012: reminders are no longer in the subject index.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { refOf } from "../../src/db/refs.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { LEADS } from "../support/delivery.js";
import { deliveryRows } from "../support/rows.js";
import { seedDelivery, seedHearing, seedSubscribers, TZ } from "../support/seed.js";

// The hearing is on 10 March with no time: "1d" is 08:00 in Almaty the day before, 03:00 UTC.
const DUE = "2026-03-09T03:00:00Z";
const run = (ex: Parameters<typeof enqueueDueReminders>[0]) => enqueueDueReminders(ex, { now: new Date(DUE), timeZone: TZ, leads: LEADS });

describe.each(DB_KINDS)("enqueueing reminders on %s", (kind) => {
  const { database } = useDatabase(kind);

  /** Until a session of this database waits on a lock (the enqueue meeting the other run's row), at most 10 s. */
  async function waitForLockWait(): Promise<void> {
    for (let i = 0; i < 500; i++) {
      const [w] = await database.rows<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (Number(w?.n) > 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("skips a reminder already queued and a chat told of this version since, but not another lead or an older notice", async () => {
    await seedHearing(database, { date: "2026-03-10", version: 2 });
    const [queued, told, toldBefore, toldOlder, otherLead, fresh] = await seedSubscribers(database, 6, { leads: ["1d", "7d"] });
    const at = new Date(DUE);
    await seedDelivery(database, { chatId: queued!, subjectId: "h1", subjectVersion: 2, lead: "1d", dueAt: at });
    await seedDelivery(database, { chatId: told!, subjectId: "h1", subjectVersion: 2, kind: "hearing_changed", dueAt: at });
    await seedDelivery(database, { chatId: toldBefore!, subjectId: "h1", subjectVersion: 2, kind: "hearing_changed", dueAt: new Date(at.getTime() - 60_000) });
    await seedDelivery(database, { chatId: toldOlder!, subjectId: "h1", subjectVersion: 1, kind: "hearing_changed", dueAt: at });
    await seedDelivery(database, { chatId: otherLead!, subjectId: "h1", subjectVersion: 2, lead: "7d", dueAt: new Date("2026-03-03T03:00:00Z") });
    expect(await run(database.db)).toBe(4);
    const reminders = (await deliveryRows(database)).filter((r) => r.kind === "reminder" && r.lead === "1d" && r.due === "2026-03-09T03:00Z");
    expect(reminders.map((r) => r.chat_id).sort()).toEqual([queued, toldBefore, toldOlder, otherLead, fresh].sort());
  });

  it("inside a caller's transaction, leaves out the rows it already queued and inserts the rest", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    const [first] = await seedSubscribers(database, 5, { leads: ["1d"] });
    const n = await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into deliveries (chat_ref, kind, subject_id, lead, due_at, next_attempt_at)
        values (${refOf(database.db, first!)}, 'reminder', 'h1', '1d', ${DUE}::timestamptz, ${DUE}::timestamptz)`);
      return run(tx);
    });
    expect(n).toBe(4);
    expect(await run(database.db)).toBe(0);
    expect(new Set((await deliveryRows(database)).map((r) => r.chat_id)).size).toBe(5);
  });

  it("after migration 0012, keeps updates and notices in the subject index and reminders out of it", async () => {
    const [def] = await database.rows<{ indexdef: string }>(sql`select indexdef from pg_indexes where indexname = 'deliveries_subject_idx'`);
    expect(def?.indexdef).toMatch(/\(kind, subject_id\) WHERE \(kind <> 'reminder'::text\)$/);
  });

  it.runIf(kind === "postgres")("when another run writes some of the same rows meanwhile, waits for it and inserts the rest once", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    const [first] = await seedSubscribers(database, 5, { leads: ["1d"] });
    const n = await database.db.transaction(async (tx) => {
      // The other run's row, not committed yet: this run's insert meets it in the unique index.
      await tx.execute(sql`insert into deliveries (chat_ref, kind, subject_id, lead, due_at, next_attempt_at)
        values (${refOf(database.db, first!)}, 'reminder', 'h1', '1d', ${DUE}::timestamptz, ${DUE}::timestamptz)`);
      const racing = run(database.db);
      await waitForLockWait();
      return { racing };
    });
    expect(await n.racing).toBe(4);
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.chat_id)).size).toBe(5);
  });

  it.runIf(kind === "postgres")("inside a caller's transaction, skips what another run writes meanwhile instead of aborting the transaction", async () => {
    await seedHearing(database, { date: "2026-03-10" });
    const [first] = await seedSubscribers(database, 5, { leads: ["1d"] });
    let release!: () => void;
    let holding!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const inserted = new Promise<void>((r) => (holding = r));
    const other = database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into deliveries (chat_ref, kind, subject_id, lead, due_at, next_attempt_at)
        values (${refOf(database.db, first!)}, 'reminder', 'h1', '1d', ${DUE}::timestamptz, ${DUE}::timestamptz)`);
      holding();
      await held;
    });
    await inserted;
    const mine = database.db.transaction(async (tx) => {
      const n = await run(tx);
      // The transaction is still usable: an aborted one would refuse this.
      await tx.execute(sql`select 1`);
      return n;
    });
    await waitForLockWait();
    release();
    await other;
    expect(await mine).toBe(4);
    expect(await deliveryRows(database)).toHaveLength(5);
  });
});
