import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { LOCKS, openDatabase, type Database } from "../../src/db/client.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import type { DeliveryHandle } from "../../src/delivery/index.js";
import { appFor, drained, importContent, LEADS, runningClock, statusCounts } from "../support/delivery.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { waitFor } from "../support/net.js";
import { createClusterDatabase, findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from "../support/pg-cluster.js";
import { seedHearing, seedSubscribers, TZ } from "../support/seed.js";
import { testKeyring } from "../support/db.js";

const RATE = 10;
const SUBSCRIBERS = 160;
const FENCE = { tickMs: 250, fenceMs: 750 };
const bin = findPgBin();
if (!bin) console.warn(PG_SKIP_REASON);

/** The most messages the fake accepted in any window of `ms`. */
function peak(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/**
 * Issue 11, item 3: two instances on one Postgres server of the test's own, the sender's lock cut
 * from under its holder twice: its backend terminated, then the whole server restarted.
 */
describe.skipIf(!bin)("the sender's lock across a lost connection and a Postgres restart (private cluster)", () => {
  let cluster: PgCluster;
  let url: string;
  let a: Database;
  let b: Database;
  let fake: FakeTelegram;
  beforeAll(async () => {
    cluster = await startPgCluster(bin);
    url = await createClusterDatabase(cluster, "casebot_lock");
    a = await openDatabase({ ring: testKeyring(), url, max: 4 });
    await a.migrate();
    b = await openDatabase({ ring: testKeyring(), url, max: 4 });
    fake = await FakeTelegram.start();
  }, 120_000);
  afterAll(async () => {
    await fake?.stop();
    await Promise.all([a?.close({ force: true }), b?.close({ force: true })]);
    await cluster?.destroy();
  });

  it("never runs two senders, and together they never send faster than SEND_RATE and one second's burst", async () => {
    await importContent(a);
    await seedHearing(a, { date: "2026-03-10" });
    await seedSubscribers(a, SUBSCRIBERS, { leads: ["1d"] });
    const start = "2026-03-09T03:00:00Z";
    await enqueueDueReminders(a.db, { now: new Date(start), timeZone: TZ, leads: LEADS });

    const options = { standbyRetryMs: 200, fence: FENCE, scheduler: { intervalMs: 3_600_000 }, sender: { idleMs: 30, flushMs: 30, backoffBaseMs: 40, backoffMaxMs: 200 } };
    const instances: DeliveryHandle[] = [];
    for (const db of [a, b]) instances.push((await appFor(db, fake, runningClock(start), { SEND_RATE: String(RATE) })).startDelivery(options));
    // Sampled far more often than the fence: both sending at once would show.
    let both = 0;
    let holders = new Set<number>();
    const sampler = setInterval(() => {
      const sending = instances.map((d) => d.status().sending);
      if (sending.every(Boolean)) both++;
      sending.forEach((s, i) => s && holders.add(i));
    }, 10);
    const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
    try {
      await waitFor(() => (fake.accepted >= 25 ? true : undefined), 30_000);
      const first = new Set(holders);
      holders = new Set();
      // The lock's backend killed: the holder's connection, and with it the lock, are gone.
      const killed = await admin`select pg_terminate_backend(pid) as ok from pg_locks where locktype = 'advisory' and objid = ${LOCKS.sender} and granted`;
      expect(killed).toHaveLength(1);
      await waitFor(() => (fake.accepted >= 60 ? true : undefined), 30_000);
      // Then the whole server, every connection of both instances with it.
      await admin.end();
      await cluster.restart();
      await waitFor(() => (fake.accepted >= 95 ? true : undefined), 60_000);
      const counts = await drained(a, 60_000);
      expect(counts).toEqual({ sent: SUBSCRIBERS });
      expect(first.size).toBe(1);
    } finally {
      clearInterval(sampler);
      await Promise.all(instances.map((d) => d.stop()));
      await admin.end().catch(() => {});
    }

    expect(both).toBe(0);
    const times = fake.messages.map((m) => m.at).sort((x, y) => x - y);
    const rates = [1_000, 2_000, 3_000].map((ms) => ({ ms, peak: peak(times, ms), allowed: (RATE * ms) / 1_000 + RATE }));
    console.log(JSON.stringify({ check: "sender lock", accepted: fake.accepted, duplicates: fake.summary().duplicates, rates }));
    for (const r of rates) expect(r.peak).toBeLessThanOrEqual(r.allowed);
    expect(await statusCounts(a)).toEqual({ sent: SUBSCRIBERS });
  }, 180_000);
});
