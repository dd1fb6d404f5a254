import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { importCase } from "../../src/case/content/import.js";
import { hearings } from "../../src/db/schema.js";
import { hearingChangeHook } from "../../src/editorial/notices.js";
import { fixedClock } from "../../src/shared/time.js";
import { caseFile } from "../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { deliveryRows } from "../support/rows.js";
import { seedSubscribers, TZ } from "../support/seed.js";

describe.each(DB_KINDS)("content:import's hearing hook (%s)", (kind) => {
  const { database } = useDatabase(kind);

  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
  });

  it("content:import's hook notifies subscribers inside the import's transaction", async () => {
    await seedSubscribers(database, 4, { leads: ["1d"] });
    const file = caseFile();
    const moved = { ...file, hearings: file.hearings.map((h) => (h.id === "trial-opening" ? { ...h, date: "2026-01-26", time: "10:00" } : h)) };
    const clock = fixedClock("2026-01-20T06:00:00Z");
    const report = await importCase(database.db, moved, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hearingChangeHook({ clock, timeZone: TZ }) });
    expect(report.hearingsChanged).toEqual(["trial-opening"]);
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.kind === "hearing_changed" && r.subject_version === 2)).toBe(true);
    // Importing the same file again changes nothing and notifies nobody.
    await importCase(database.db, moved, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hearingChangeHook({ clock, timeZone: TZ }) });
    expect(await deliveryRows(database)).toHaveLength(4);
    // A failing hook rolls the whole import back.
    const again = { ...moved, hearings: moved.hearings.map((h) => ({ ...h, date: "2026-01-28" })) };
    await expect(importCase(database.db, again, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: async () => Promise.reject(new Error("boom")) })).rejects.toThrow("boom");
    const [h] = await database.db.select().from(hearings).where(eq(hearings.id, "trial-opening"));
    expect(h?.date).toBe("2026-01-26");
  });

  it("content:import's hook announces a hearing the file adds, once, to chats with reminders on", async () => {
    await seedSubscribers(database, 3, { leads: ["1d"] });
    await seedSubscribers(database, 2, { first: 20, leads: ["1d"], reminders: false });
    const file = caseFile();
    const added = { ...file, hearings: [...file.hearings, { ...file.hearings[0]!, id: "second-hearing", date: "2026-02-10" }] };
    const clock = fixedClock("2026-01-25T06:00:00Z");
    const hook = hearingChangeHook({ clock, timeZone: TZ });
    await importCase(database.db, added, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hook });
    const rows = await deliveryRows(database);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.kind === "hearing_changed" && r.subject_id === "second-hearing")).toBe(true);
    await importCase(database.db, added, { timeZone: TZ, now: IMPORT_NOW, onHearingChange: hook });
    expect(await deliveryRows(database)).toHaveLength(3);
  });
});
