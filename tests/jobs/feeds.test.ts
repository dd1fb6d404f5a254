import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFeedsRepo, type FeedItemRow } from "../../src/db/feeds.js";
import type { TelegramPort } from "../../src/delivery/port.js";
import { createI18n } from "../../src/i18n.js";
import { backoff, pollDueFeeds, staffNotifier, startFeeds, type FeedsDeps } from "../../src/jobs/feeds.js";
import { mentionsMatcher } from "../../src/jobs/mentions.js";
import { createLogger } from "../../src/logger.js";
import { fixedClock } from "../../src/shared/time.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { atom, rss, startFeedServer, type FeedServer } from "../support/feed-server.js";
import { seedEditor } from "../support/seed.js";

const START = "2026-01-21T10:00:00Z";
const MIN = 60_000;

const RSS_ITEMS = [
  { guid: "news-101", title: "Суд над активистами «Атажурта» перенесён", link: "https://news.example.org/101", date: "2026-01-21T08:00:00Z", description: "Заседание в Талдыкоргане" },
  { guid: "news-102", title: "Weather in Almaty: snow", link: "https://news.example.org/102", date: "2026-01-21T07:00:00Z" },
  { guid: "news-103", title: "Рынок валют", link: "https://news.example.org/103", date: "2026-01-21T06:00:00Z", description: "Об освобождении Алимнура Турганбая пока не сообщалось" },
];
const ATOM_ENTRIES = [
  { id: "tag:rights.example.org,2026:1", title: "Kazakhstan: drop the charges against Atajurt activists", link: "https://rights.example.org/1", date: "2026-01-20T12:00:00Z" },
  { id: "tag:rights.example.org,2026:2", title: "Annual report", link: "https://rights.example.org/2", date: "2026-01-19T12:00:00Z", summary: "Nothing about the case" },
];

describe("what counts as mentioning the case", () => {
  const m = mentionsMatcher();
  it.each([
    ["«Атажұрт» белсенділерінің сот ісі", true],
    ["Суд над активистами «Атажурта»", true],
    ["ATAJURT activists in court", true],
    ["Atajūrt belsendılerınıñ sot ısı", true],
    ["اتاجۇرت بەلسەندىلەرى", true],
    ["Әлімнұр Тұрғанбайды босату", true],
    ["Weather in Almaty", false],
    ["Turganbay alone is not the case's full name", false],
  ])("%s → %s", (text, expected) => expect(m(text)).toBe(expected));
});

describe.each(DB_KINDS)("the feed watcher (%s)", (kind) => {
  const { database } = useDatabase(kind);
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.feeds.clear();
    server.requests.length = 0;
  });

  function job(clock = fixedClock(START)) {
    const sent: FeedItemRow[] = [];
    const deps: FeedsDeps = { database, clock, logger: createLogger("silent"), notify: async (item) => void sent.push(item) };
    return { deps, sent, clock };
  }
  const addFeed = (path: string) => createFeedsRepo(database.db).add(server.url(path), 42, new Date(START));
  const feedRow = async (id: number) => (await createFeedsRepo(database.db).list()).find((f) => f.id === id)!;

  it("reads RSS and Atom, sends each item that mentions the case once, honours ETag with a 304, and sends only what a grown feed adds", async () => {
    server.feeds.set("/rss", { body: rss(RSS_ITEMS), validators: true });
    server.feeds.set("/atom", { body: atom(ATOM_ENTRIES), type: "application/atom+xml" });
    const rssFeed = (await addFeed("/rss"))!;
    await addFeed("/atom");
    const j = job();

    expect(await pollDueFeeds(j.deps)).toEqual({ changed: 2, unchanged: 0, failed: 0 });
    expect(j.sent.map((i) => i.key).sort()).toEqual(["news-101", "news-103", "tag:rights.example.org,2026:1"]);
    expect(j.sent.find((i) => i.key === "news-101")).toMatchObject({ title: "Суд над активистами «Атажурта» перенесён", link: "https://news.example.org/101" });
    expect(j.sent.find((i) => i.key === "news-101")!.publishedAt!.toISOString()).toBe("2026-01-21T08:00:00.000Z");

    // Not due yet: nothing is fetched.
    j.clock.advance(5 * MIN);
    expect(await pollDueFeeds(j.deps)).toEqual({ changed: 0, unchanged: 0, failed: 0 });
    // Due, unchanged: the RSS site answers 304 to the validators it gave.
    j.clock.advance(15 * MIN);
    expect(await pollDueFeeds(j.deps)).toEqual({ changed: 1, unchanged: 1, failed: 0 });
    const conditional = server.requests.filter((r) => r.path === "/rss").at(-1)!;
    expect(conditional).toMatchObject({ status: 304, ifModifiedSince: "Wed, 21 Jan 2026 10:00:00 GMT" });
    expect(conditional.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    expect(j.sent).toHaveLength(3);

    // The feed grows: only the new item is sent.
    const grown = [{ guid: "news-104", title: "Атажұрт белсенділері: сот 30 қаңтарда", link: "https://news.example.org/104", date: "2026-01-21T11:00:00Z" }, ...RSS_ITEMS];
    server.feeds.set("/rss", { body: rss(grown), validators: true });
    j.clock.advance(16 * MIN);
    await pollDueFeeds(j.deps);
    expect(j.sent.map((i) => i.key).slice(3)).toEqual(["news-104"]);
    expect(await feedRow(rssFeed.id)).toMatchObject({ failures: 0, lastError: null });
  });

  it("backs off after a 500 and after a malformed feed, doubling the wait each time, and recovers", async () => {
    server.feeds.set("/down", { body: "", status: 500 });
    server.feeds.set("/broken", { body: "<html><body>Not a feed</body></html>", type: "text/html" });
    const down = (await addFeed("/down"))!;
    const broken = (await addFeed("/broken"))!;
    const j = job();

    expect(await pollDueFeeds(j.deps)).toEqual({ changed: 0, unchanged: 0, failed: 2 });
    const d1 = await feedRow(down.id);
    expect(d1).toMatchObject({ failures: 1, lastError: "HTTP 500" });
    expect(d1.nextPollAt.getTime() - new Date(START).getTime()).toBe(backoff(900_000, 1));
    expect(backoff(900_000, 1)).toBe(30 * MIN);
    expect((await feedRow(broken.id)).lastError).toMatch(/could not be parsed as a feed/);

    j.clock.advance(30 * MIN);
    await pollDueFeeds(j.deps);
    const d2 = await feedRow(down.id);
    expect(d2.failures).toBe(2);
    expect(d2.nextPollAt.getTime() - j.clock.now().getTime()).toBe(60 * MIN);

    server.feeds.set("/down", { body: rss(RSS_ITEMS.slice(0, 1)) });
    j.clock.advance(60 * MIN);
    await pollDueFeeds(j.deps);
    expect(await feedRow(down.id)).toMatchObject({ failures: 0, lastError: null });
    expect(j.sent.map((i) => i.key)).toEqual(["news-101"]);
    expect(backoff(900_000, 10)).toBe(24 * 60 * MIN);
  });

  it("never sends the same item twice across a restart, even when the site ignores the validators", async () => {
    server.feeds.set("/rss", { body: rss(RSS_ITEMS) });
    await addFeed("/rss");
    const first = job();
    await pollDueFeeds(first.deps);
    expect(first.sent).toHaveLength(2);

    // A new process: a new job over the same store, the same feed served in full again.
    const second = job(fixedClock("2026-01-21T11:00:00Z"));
    await pollDueFeeds(second.deps);
    expect(server.requests.filter((r) => r.status === 200)).toHaveLength(2);
    expect(second.sent).toEqual([]);
    const items = await database.rows<{ key: string; status: string }>(sql`select key, status from feed_items order by key`);
    expect(items).toEqual([
      { key: "news-101", status: "sent" },
      { key: "news-102", status: "skipped" },
      { key: "news-103", status: "sent" },
    ]);
  });

  it("a feed read for the first time sends only its 3 newest matches; the older ones are remembered, never sent", async () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ guid: `old-${i}`, title: `Atajurt ${i}`, link: `https://news.example.org/old/${i}`, date: `2026-01-1${i}T08:00:00Z` }));
    server.feeds.set("/rss", { body: rss(many) });
    await addFeed("/rss");
    const j = job();
    await pollDueFeeds(j.deps);
    expect(j.sent.map((i) => i.key).sort()).toEqual(["old-3", "old-4", "old-5"]);
    // Later polls send what is new only, however old the feed's back catalogue.
    server.feeds.set("/rss", { body: rss([{ guid: "new-1", title: "Atajurt again", link: "https://news.example.org/new/1", date: "2026-01-21T09:00:00Z" }, ...many]) });
    j.clock.advance(16 * MIN);
    await pollDueFeeds(j.deps);
    expect(j.sent.map((i) => i.key).slice(3)).toEqual(["new-1"]);
  });

  it("the job polls at start (or, told so, from its first tick), and stop waits for the run in progress", async () => {
    server.feeds.set("/rss", { body: rss(RSS_ITEMS.slice(0, 1)) });
    await addFeed("/rss");
    const later = job();
    const quiet = startFeeds(later.deps, { tickMs: 3_600_000, immediate: false });
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toEqual([]);
    await quiet.stop();
    const j = job();
    const running = startFeeds(j.deps, { tickMs: 3_600_000 });
    await running.stop();
    expect(j.sent.map((i) => i.key)).toEqual(["news-101"]);
    expect(await running.runOnce()).toBeUndefined();
  });

  it("an item whose send failed is sent on the next run, not lost", async () => {
    server.feeds.set("/rss", { body: rss(RSS_ITEMS.slice(0, 1)) });
    await addFeed("/rss");
    const j = job();
    let fail = true;
    j.deps.notify = async (item) => {
      if (fail) throw new Error("telegram down");
      j.sent.push(item);
    };
    await expect(pollDueFeeds(j.deps)).rejects.toThrow("telegram down");
    fail = false;
    j.clock.advance(16 * MIN);
    await pollDueFeeds(j.deps);
    expect(j.sent.map((i) => i.key)).toEqual(["news-101"]);
  });

  it("the notifier sends each item to every owner and editor in their language, with the two buttons", async () => {
    await seedEditor(database, { userId: 7001 });
    const calls: Array<{ chatId: number; html: string; buttons?: unknown }> = [];
    const port: TelegramPort = {
      sendMessage: async (m) => (calls.push(m), { messageId: 1 }),
      editMessage: async () => {},
    };
    server.feeds.set("/rss", { body: rss(RSS_ITEMS.slice(0, 1)) });
    await addFeed("/rss");
    const j = job();
    j.deps.notify = staffNotifier({ database, i18n: createI18n(), port, ownerIds: [42], logger: createLogger("silent") });
    await pollDueFeeds(j.deps);
    expect(calls.map((c) => c.chatId).sort()).toEqual([42, 7001]);
    const [item] = await database.rows<{ id: string }>(sql`select id from feed_items`);
    expect(calls[0]!.html).toBe(
      [
        "🔎 <b>News that may be about the case</b>",
        "<b>Суд над активистами «Атажурта» перенесён</b>",
        '<a href="https://news.example.org/101">https://news.example.org/101</a>',
        "Published: 2026-01-21 08:00 UTC",
        `From the feed: ${server.url("/rss")}`,
      ].join("\n"),
    );
    expect(calls[0]!.buttons).toEqual([
      [
        { text: "📝 Draft an update from this", action: { kind: "news", item: Number(item!.id), verb: "draft" } },
        { text: "Ignore", action: { kind: "news", item: Number(item!.id), verb: "ignore" } },
      ],
    ]);
  });
});
