import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { exportCase, formatFor, serializeCase } from "../../../src/case/content/export.js";
import { importCase } from "../../../src/case/content/import.js";
import { parseCaseFile } from "../../../src/case/content/load.js";
import { caseFile } from "../../support/bot.js";
import { DB_KINDS, truncateAll, IMPORT_NOW, useDatabase } from "../../support/db.js";
import { seedHearing } from "../../support/seed.js";

const TZ = "Asia/Almaty";
const CONTENT_TABLES = ["case_meta", "sources", "events", "hearings", "topics"] as const;

describe.each(DB_KINDS)("content:export (%s)", (kind) => {
  const { database } = useDatabase(kind);

  /** The store's content, without the bookkeeping that any import changes (revision, version, times). */
  async function dump(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const table of CONTENT_TABLES) {
      const rows = await database.rows<Record<string, unknown>>(sql.raw(`select * from ${table} order by id`));
      out[table] = rows.map(({ revision: _r, version: _v, updated_at: _u, starts_at, ...rest }) => ({
        ...rest,
        ...(starts_at === undefined ? {} : { starts_at: new Date(starts_at as string).toISOString() }),
      }));
    }
    return out;
  }

  /** The case as imported, plus a hearing an editor added from Telegram (it is in no file). */
  async function seed(): Promise<void> {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
    await seedHearing(database, {
      id: "second-hearing",
      date: "2026-02-10",
      time: "10:00",
      title: { en: "Second hearing", kk: "Екінші отырыс", ru: "Второе заседание" },
      place: { en: "Taldykorgan: city court", kk: "Талдықорған: қалалық сот", ru: "Талдыкорган, городской суд" },
      status: "held",
      outcome: { en: "Adjourned; 10:30", kk: "Кейінге қалдырылды", ru: "Отложено" },
      version: 3,
    });
  }

  it.each(["yaml", "json"] as const)("export → parse → import gives back the same store (%s)", async (format) => {
    await seed();
    const before = await dump();
    const text = serializeCase(await exportCase(database.db), format, "test export");
    const file = parseCaseFile(text, `case.${format}`);
    expect(file.hearings.map((h) => h.id)).toEqual(["trial-opening", "second-hearing"]);

    // Into the same store: nothing moves, no hearing counts as changed.
    const again = await importCase(database.db, file, { timeZone: TZ, now: IMPORT_NOW });
    expect(again.hearingsChanged).toEqual([]);
    expect(await dump()).toEqual(before);

    // Into an empty store: the same content.
    await truncateAll(database);
    await importCase(database.db, file, { timeZone: TZ, now: IMPORT_NOW });
    expect(await dump()).toEqual(before);
  });

  it("writes YAML a YAML 1.1 reader cannot misread, with the note on top, and JSON for .json names", async () => {
    await seed();
    const yaml = serializeCase(await exportCase(database.db), "yaml", "exported for a test");
    expect(yaml.startsWith("# exported for a test\n")).toBe(true);
    expect(yaml).toContain('date: "2026-02-10"');
    expect(yaml).toContain('time: "10:00"');
    expect(formatFor("x.JSON")).toBe("json");
    expect(formatFor("x.yml")).toBe("yaml");
    // The exported file is the content file: same case, same topics, same sample questions.
    const original = caseFile();
    const exported = parseCaseFile(yaml);
    expect(exported.case).toEqual(original.case);
    expect(exported.topics).toEqual(original.topics);
    expect(exported.events).toEqual(original.events);
  });
});
