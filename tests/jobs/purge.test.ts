import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seenUpdates } from "../../src/db/schema.js";
import { purgeExpired, startPurge } from "../../src/jobs/purge.js";
import { createLogger } from "../../src/logger.js";
import { fixedClock } from "../../src/shared/time.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { seedUnanswered } from "../support/seed.js";

const DAY = 86_400_000;

describe.each(DB_KINDS)("the purge (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("purges unanswered questions after 30 days and seen update ids after a day", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    const ago = (ms: number) => new Date(now.getTime() - ms);
    await seedUnanswered(database, { text: "old question", createdAt: ago(30 * DAY + 60_000) });
    await seedUnanswered(database, { text: "recent question", lang: "ru", createdAt: ago(29 * DAY) });
    await database.db.insert(seenUpdates).values([
      { updateId: 1, seenAt: ago(DAY + 60_000) },
      { updateId: 2, seenAt: ago(60_000) },
    ]);
    expect(await purgeExpired(database, now)).toEqual({ unanswered: 1, seenUpdates: 1 });
    expect((await database.rows<{ text: string }>(sql`select text from unanswered`)).map((r) => r.text)).toEqual(["recent question"]);
    expect((await database.rows<{ update_id: number }>(sql`select update_id from seen_updates`)).map((r) => Number(r.update_id))).toEqual([2]);
    expect(await purgeExpired(database, now)).toEqual({ unanswered: 0, seenUpdates: 0 });
  });

  it("runs the purge as a job: once at start, then on its interval, until stopped", async () => {
    const clock = fixedClock("2026-03-01T12:00:00Z");
    await seedUnanswered(database, { text: "old", createdAt: new Date(clock.now().getTime() - 31 * DAY) });
    const job = startPurge({ database, clock, logger: createLogger("silent") }, 50);
    await new Promise((r) => setTimeout(r, 20));
    expect(await database.rows(sql`select 1 from unanswered`)).toHaveLength(0);
    clock.advance(40 * DAY);
    await seedUnanswered(database, { text: "later", createdAt: new Date("2026-03-02T00:00:00Z") });
    await new Promise((r) => setTimeout(r, 150));
    expect(await database.rows(sql`select 1 from unanswered`)).toHaveLength(0);
    await job.stop();
    await seedUnanswered(database, { text: "after stop", createdAt: new Date("2026-03-02T00:00:00Z") });
    await new Promise((r) => setTimeout(r, 120));
    // Old enough to go, but the job has stopped: it stays, even when asked to run.
    const left = async () => (await database.rows<{ text: string }>(sql`select text from unanswered`)).map((r) => r.text);
    expect(await left()).toEqual(["after stop"]);
    expect(await job.runOnce()).toBeUndefined();
    expect(await left()).toEqual(["after stop"]);
  });
});
