import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DB_KINDS } from "../support/db.js";
import { migrateFrom, useOlderStores } from "../support/migrations.js";

describe.each(DB_KINDS)("migration 0003 on %s", (kind) => {
  const older = useOlderStores(kind);

  it("turns free-text publication dates into days and months, and leaves null what it cannot read", async () => {
    const { database, dir, all } = await older(3);
    const typed: Array<[string, string]> = [
      ["amnesty", "January 2026"],
      ["day-month-year", "15 February 2026"],
      ["lowercase-spaced", " 3 march 2026 "],
      ["dotted", "15.02.2026"],
      ["slashed", "5/3/2026"],
      ["iso-day", "2026-01-20"],
      ["iso-month", "2026-01"],
      ["no-such-day", "31 February 2026"],
      ["no-such-iso-day", "2026-02-30"],
      ["words", "early spring"],
    ];
    for (const [id, published] of typed) {
      await database.db.execute(sql`insert into sources (id, publisher, title, published, file) values (${id}, 'P', '{"en":"t","kk":"t","ru":"t"}'::jsonb, ${published}, 'x.txt')`);
    }
    all();
    await migrateFrom(database, dir);
    const rows = await database.rows<{ id: string; published: string | null }>(sql`select id, published from sources order by id`);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.published]))).toEqual({
      amnesty: "2026-01",
      "day-month-year": "2026-02-15",
      "lowercase-spaced": "2026-03-03",
      dotted: "2026-02-15",
      slashed: "2026-03-05",
      "iso-day": "2026-01-20",
      "iso-month": "2026-01",
      "no-such-day": null,
      "no-such-iso-day": null,
      words: null,
    });
    const columns = await database.rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'sources'`);
    expect(columns.map((c) => c.column_name)).not.toContain("file");
  });
});
