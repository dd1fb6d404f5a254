import { XMLParser } from "fast-xml-parser";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { kkCyrlToArab } from "../../src/answers/transliterate.js";
import { changeHearing } from "../../src/editorial/hearings.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { parseIcs } from "../support/ics.js";
import { seedUpdate } from "../support/seed.js";
import { buildTestSite, SITE_URL } from "../support/web.js";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe.each(DB_KINDS)("the feeds (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("Atom per version with every published update, read by a feed reader and valid per RFC 4287", async () => {
    const { get } = await buildTestSite(database);
    const older = await seedUpdate(database, { body: { en: "First & <early>", ru: "Первое" }, publishedAt: new Date("2026-01-10T08:00:00Z") });
    const newer = await seedUpdate(database, { body: { en: "Second", ru: "Второе" }, sourceUrl: "https://example.org/2", publishedAt: new Date("2026-01-19T10:00:00Z") });

    const res = await get("/ru/feed.atom");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    const feed = await new Parser().parseString(xml);
    expect(feed.title).toBe("Суд над 19 активистами «Атажурта»: новости");
    expect(feed.items.map((i) => i.link)).toEqual([`${SITE_URL}/ru/u/${newer.id}`, `${SITE_URL}/ru/u/${older.id}`]);
    expect(feed.items[0]!.title).toBe("Обновление: понедельник, 19 января 2026 г.");
    expect(feed.items[0]!.content).toContain('<a href="https://example.org/2" rel="noreferrer">');
    expect(feed.items[1]!.content).toContain("Первое");

    // RFC 4287 4.1: feed and entries each have one id (an IRI), title and updated (RFC 3339); the feed an author and a self link.
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml) as { feed: Record<string, unknown> };
    const f = doc.feed as { id: string; title: unknown; updated: string; author: { name: string }; link: Array<{ rel: string; href: string }>; entry: unknown };
    expect(f.id).toBe(`${SITE_URL}/ru/`);
    expect(f.updated).toMatch(RFC3339);
    expect(f.updated).toBe("2026-01-19T10:00:00.000Z");
    expect(f.author.name).toBeTruthy();
    expect(f.link.find((l) => l.rel === "self")?.href).toBe(`${SITE_URL}/ru/feed.atom`);
    const entries = list(f.entry as Array<{ id: string; title: unknown; updated: string; link: { href: string } }>);
    expect(entries).toHaveLength(2);
    expect(new Set(entries.map((e) => e.id)).size).toBe(2);
    for (const e of entries) {
      expect(e.id).toMatch(/^https:\/\//);
      expect(e.title).toBeTruthy();
      expect(e.updated).toMatch(RFC3339);
    }
    // An untranslated update reads in English in the Kazakh feed, escaped.
    const kk = await new Parser().parseString(await (await get("/kk/feed.atom")).text());
    expect(kk.items[1]!.contentSnippet).toContain("First & <early>");
    expect(kk.items[1]!.content).toContain("First &amp; &lt;early&gt;");
  });

  it("the calendar keeps each hearing's UID and raises SEQUENCE when it moves, so a subscribed calendar follows", async () => {
    const { get, clock } = await buildTestSite(database);
    const before = parseIcs(await (await get("/en/calendar.ics")).text()).events;
    expect(before).toHaveLength(1);
    expect(before[0]!.uid).toBe("hearing-trial-opening@casebot");
    expect(before[0]!.sequence).toBe(1);
    expect(before[0]!.startDate.toString()).toBe("2026-01-23");
    expect(before[0]!.component.getFirstPropertyValue("url")).toBe(`${SITE_URL}/en/h/trial-opening`);

    clock.set("2026-01-21T00:00:00Z");
    await changeHearing({ database, clock, timeZone: "Asia/Almaty" }, "trial-opening", { date: "2026-02-10", time: "10:00" });
    const res = await get("/en/calendar.ics");
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const after = parseIcs(await res.text()).events;
    expect(after[0]!.uid).toBe(before[0]!.uid);
    expect(after[0]!.sequence).toBe(2);
    expect(after[0]!.startDate.toJSDate().toISOString()).toBe("2026-02-10T05:00:00.000Z");
    // DTSTAMP is when the record last changed: the same file, byte for byte, until it changes again.
    expect(after[0]!.component.getFirstPropertyValue("dtstamp")?.toString()).toBe("2026-01-21T00:00:00Z");
    expect(await (await get("/en/calendar.ics")).text()).toBe(await (await get("/en/calendar.ics")).text());
  });

  it("/calendar.ics speaks the language the phone asks for; /kk-arab/ writes it in the Arabic script; one hearing has its own file", async () => {
    const { get } = await buildTestSite(database);
    const ru = await get("/calendar.ics", { "accept-language": "ru" });
    expect(ru.headers.get("vary")).toContain("Accept-Language");
    expect(parseIcs(await ru.text()).events[0]!.summary).toBe("Суд над 19 активистами «Атажурта»: Начало судебного процесса");
    expect(parseIcs(await (await get("/calendar.ics")).text()).events[0]!.summary).toBe("The trial of 19 Atajurt activists: Opening of the trial");
    const arab = parseIcs(await (await get("/kk-arab/calendar.ics")).text()).events[0]!;
    expect(arab.summary).toBe(kkCyrlToArab("«Атажұрт» ұйымының 19 белсендісінің сот ісі: Сот процесінің басталуы"));
    expect(arab.location).toBe(kkCyrlToArab("Талдықорған"));
    const one = parseIcs(await (await get("/kk/h/trial-opening/calendar.ics")).text()).events;
    expect(one.map((e) => e.uid)).toEqual(["hearing-trial-opening@casebot"]);
    expect((await get("/kk/h/nope/calendar.ics")).status).toBe(404);
  });
});
