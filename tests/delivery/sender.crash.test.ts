import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { LOCKS } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { useDatabase } from "../support/db.js";
import { waitFor } from "../support/net.js";
import { drained, importContent, LEADS, runningClock, senderKit, statusCounts } from "../support/delivery.js";
import { seedHearing, seedSubscribers, TZ } from "../support/seed.js";

/** A real crash: the sender's process is killed with SIGKILL mid-broadcast (Postgres only: PGlite lives in one process). */
describe.runIf(process.env.TEST_DATABASE_URL)("a sender process killed mid-broadcast, on postgres", () => {
  const { database, fake } = useDatabase("postgres", { fake: true });

  it("loses nothing: its lock is freed, its leases end, another sender delivers the rest", async () => {
    await importContent(database);
    await seedHearing(database, { date: "2026-03-10" });
    const ids = await seedSubscribers(database, 120, { leads: ["1d"] });
    const start = "2026-03-09T03:00:00Z";
    await enqueueDueReminders(database.db, { now: new Date(start), timeZone: TZ, leads: LEADS });
    const [db] = await query<{ name: string }>(database.db, sql`select current_database() as name`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${db!.name}`;

    const script = fileURLToPath(new URL("../support/sender-process.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script, url.toString(), fake.url, start], { stdio: ["ignore", "pipe", "inherit"] });
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once("line", resolve));
    expect(first).toBe("sending");
    await waitFor(() => (fake.accepted >= 40 ? true : undefined), 20_000);
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    const atCrash = await statusCounts(database);
    expect(atCrash.sending ?? 0).toBeGreaterThan(0);

    // The dead process's session lock went with its connection.
    const lock = await waitFor(async () => {
      const r = await database.withTryLock(LOCKS.sender, async () => true);
      return r.ok ? r : undefined;
    });
    expect(lock.ok).toBe(true);

    const clock = runningClock(start);
    clock.advance(31_000); // past the dead sender's leases
    const kit = await senderKit(database, fake, clock);
    const sender = kit.make();
    const running = sender.run();
    await drained(database);
    await sender.stop();
    await running;

    expect(await statusCounts(database)).toEqual({ sent: 120 });
    for (const id of ids) expect(fake.perChat.get(id) ?? 0).toBeGreaterThanOrEqual(1);
    const dup = [...fake.duplicates().values()].reduce((s, n) => s + n - 1, 0);
    expect(dup).toBeLessThanOrEqual(atCrash.sending ?? 0);
  });
});
