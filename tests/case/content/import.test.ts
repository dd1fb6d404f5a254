import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importCase } from "../../../src/case/content/import.js";
import { hearings, sources, topics } from "../../../src/db/schema.js";
import { caseFile } from "../../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../../support/db.js";

describe.each(DB_KINDS)("content import on %s", (kind) => {
  const { database } = useDatabase(kind);

  const count = async (table: string) =>
    Number((await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n);

  it("fills an empty store and is idempotent", async () => {
    const file = caseFile();
    const first = await importCase(database.db, file, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    const snapshot = async () => ({ t: await count("topics"), e: await count("events"), h: await count("hearings"), s: await count("sources") });
    const a = await snapshot();
    expect(a).toEqual({ t: file.topics.length, e: file.events.length, h: file.hearings.length, s: file.sources.length });
    const second = await importCase(database.db, file, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    expect(await snapshot()).toEqual(a);
    expect(second.revision).toBe(first.revision + 1);
    expect(second.hearingsChanged).toEqual([]);
    const [h] = await database.db.select().from(hearings).where(eq(hearings.id, "trial-opening"));
    expect(h!.version).toBe(1);
    // 23 January 2026, midnight in Almaty (UTC+5), is 19:00 UTC the day before.
    expect(h!.startsAt.toISOString()).toBe("2026-01-22T19:00:00.000Z");
  });

  it("bumps a hearing's version when its date moves, and tells the hook", async () => {
    const file = caseFile();
    await importCase(database.db, file, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    const moved = structuredClone(file);
    moved.hearings[0]!.date = "2026-01-30";
    const seen: Array<[string, string, number]> = [];
    const r = await importCase(database.db, moved, {
      timeZone: "Asia/Almaty",
      now: IMPORT_NOW,
      onHearingChange: async (_tx, before, after) => {
        seen.push([before?.date ?? "", after.date, after.version]);
      },
    });
    expect(r.hearingsChanged).toEqual([moved.hearings[0]!.id]);
    expect(seen).toEqual([["2026-01-23", "2026-01-30", 2]]);
  });

  it("changes nothing when the import fails half-way", async () => {
    const file = caseFile();
    await importCase(database.db, file, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    const changed = structuredClone(file);
    changed.topics[0]!.answer.en = "changed";
    changed.hearings[0]!.date = "2026-02-02";
    const failing = async () => {
      throw new Error("boom");
    };
    await expect(importCase(database.db, changed, { timeZone: "Asia/Almaty", now: IMPORT_NOW, onHearingChange: failing })).rejects.toThrow("boom");
    const [t] = await database.db.select().from(topics).where(eq(topics.id, file.topics[0]!.id));
    expect(t!.answer.en).toBe(file.topics[0]!.answer.en);
    const [h] = await database.db.select().from(hearings);
    expect(h!.date).toBe("2026-01-23");
  });

  it("removes topics the file no longer has", async () => {
    const file = caseFile();
    await importCase(database.db, file, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    const fewer = { ...file, topics: file.topics.slice(0, -1).map((t) => ({ ...t, related: t.related.filter((r) => r !== file.topics.at(-1)!.id) })) };
    await importCase(database.db, fewer, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    expect(await count("topics")).toBe(file.topics.length - 1);
  });

  it("keeps a source the file lacks while a hearing still cites it", async () => {
    const file = caseFile();
    await importCase(database.db, file, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    await database.db.insert(sources).values({ id: "court-notice", publisher: "Court", title: { en: "t", kk: "t", ru: "t" }, published: "2026-01" });
    await database.db.update(hearings).set({ sourceIds: ["court-notice"] });
    const withoutIt = { ...file, hearings: [] };
    await importCase(database.db, withoutIt, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    expect(await count("sources")).toBe(file.sources.length + 1);
    await database.db.update(hearings).set({ sourceIds: [file.sources[0]!.id] });
    await importCase(database.db, withoutIt, { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    expect(await count("sources")).toBe(file.sources.length);
  });
});
