import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createFeedsRepo } from "../../../src/db/feeds.js";
import { buildTestBot, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { auditRows } from "../../support/rows.js";
import { press, textUpdate } from "../../support/updates.js";

const NOW = "2026-01-21T10:00:00Z";

describe.each(DB_KINDS)("/watch and the news buttons (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("adds, lists and removes feeds (audited); refuses a bad address and non-editors", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    await a.bot.handleUpdate(textUpdate("/watch add ftp://x.example.org/feed"));
    expect(sentTexts(a.calls).at(-1)).toBe("That is not a feed address I can use: it must start with https:// or http://.");
    await a.bot.handleUpdate(textUpdate("/watch add https://news.example.org/rss"));
    expect(sentTexts(a.calls).at(-1)).toBe("Watching feed 1, every 15 minutes: https://news.example.org/rss. New items that mention the case will be sent to the editors.");
    await a.bot.handleUpdate(textUpdate("/watch add https://news.example.org/rss"));
    expect(sentTexts(a.calls).at(-1)).toBe("That feed is already watched: https://news.example.org/rss");
    await a.bot.handleUpdate(textUpdate("/watch"));
    expect(sentTexts(a.calls).at(-1)).toContain("<b>1 feed watched:</b>\n1. https://news.example.org/rss (every 15 min)\n");
    await a.bot.handleUpdate(textUpdate("/watch remove 1"));
    expect(sentTexts(a.calls).at(-1)).toBe("Feed 1 is no longer watched: https://news.example.org/rss");
    await a.bot.handleUpdate(textUpdate("/watch remove 1"));
    expect(sentTexts(a.calls).at(-1)).toBe("There is no feed 1.");
    // Each feed its own interval, within bounds.
    await a.bot.handleUpdate(textUpdate("/watch add https://rights.example.org/feed.atom 2"));
    expect(sentTexts(a.calls).at(-1)).toBe("How often to read it: a whole number of minutes from 5 to 1440.");
    await a.bot.handleUpdate(textUpdate("/watch add https://rights.example.org/feed.atom 60"));
    expect(sentTexts(a.calls).at(-1)).toContain("Watching feed 3, every 60 minutes");
    expect((await createFeedsRepo(database.db).list()).map((f) => f.intervalMs)).toEqual([3_600_000]);
    expect((await auditRows(database)).map((r) => [r.actor_id, r.action, r.subject])).toEqual([
      [OWNER, "feed.add", "feed/1"],
      [OWNER, "feed.remove", "feed/1"],
      [OWNER, "feed.add", "feed/3"],
    ]);

    const before = a.calls.length;
    await a.bot.handleUpdate(textUpdate("/watch add https://evil.example.org/rss", { chatId: 555 }));
    expect(sentTexts(a.calls.slice(before)).join("\n")).not.toContain("Watching");
    expect((await createFeedsRepo(database.db).list()).map((f) => f.url)).toEqual(["https://rights.example.org/feed.atom"]);
  });

  it("“Draft an update from this” opens /publish_update with the item's link as its source; “Ignore” files it", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    const repo = createFeedsRepo(database.db);
    const feed = (await repo.add("https://news.example.org/rss", OWNER, new Date(NOW)))!;
    const [draft, ignore] = await repo.remember(
      feed.id,
      [
        { key: "a", title: "Атажурт", link: "https://news.example.org/101", publishedAt: null, status: "new" },
        { key: "b", title: "Atajurt", link: "https://news.example.org/102", publishedAt: null, status: "new" },
      ],
      new Date(NOW),
    );

    await a.bot.handleUpdate(press(`nw:i:${ignore!.id}`));
    expect(sentTexts(a.calls).at(-1)).toBe("Ignored. It will not be shown again.");
    expect(a.calls.some((c) => c.method === "editMessageReplyMarkup")).toBe(true);

    await a.bot.handleUpdate(press(`nw:d:${draft!.id}`));
    expect(sentTexts(a.calls).slice(-3)).toEqual([
      expect.stringContaining("Publish a case update"),
      "Drafting an update from: https://news.example.org/101\nThe link will be its source.",
      "The update in <b>English</b>:",
    ]);
    await a.bot.handleUpdate(textUpdate("The court moved the hearing."));
    await a.bot.handleUpdate(press("cv:skip:kk"));
    await a.bot.handleUpdate(press("cv:skip:ru"));
    // No link step: the preview comes next, with the item's link as the source.
    expect(sentTexts(a.calls).join("\n")).not.toContain("A link to the source");
    expect(sentTexts(a.calls).find((t) => t.startsWith("📰"))).toContain('<a href="https://news.example.org/101">');

    const statuses = await database.rows<{ key: string; status: string }>(sql`select key, status from feed_items order by key`);
    expect(statuses).toEqual([
      { key: "a", status: "drafted" },
      { key: "b", status: "ignored" },
    ]);
    expect((await auditRows(database)).map((r) => r.action)).toEqual(["news.ignore", "news.draft"]);
  });
});
