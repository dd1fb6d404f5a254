import { beforeEach, describe, expect, it } from "vitest";
import { importCase } from "../../src/case/content/import.js";
import { createContentStore } from "../../src/case/content/store.js";
import { createI18n } from "../../src/i18n.js";
import { buildCards } from "../../src/render/cards.js";
import { pageLine, pageUrl, sitePath } from "../../src/render/links.js";
import { renderHearingChanged, renderReminder, renderUpdate, type NoticeContext } from "../../src/render/notices.js";
import { caseFile } from "../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { seedHearing, seedUpdate, TZ } from "../support/seed.js";

const SITE = "https://atajurt.example.org";
const i18n = createI18n();

describe("the site's addresses", () => {
  it("names every page by version and id, the same for the bot's links and the site's routes", () => {
    expect(sitePath("en", { kind: "case" })).toBe("/en/");
    expect(sitePath("kk-arab", { kind: "update", id: 12 })).toBe("/kk-arab/u/12");
    expect(sitePath("ru", { kind: "hearing", id: "a b/c" })).toBe("/ru/h/a%20b%2Fc");
    expect(pageUrl(SITE, "kk", { kind: "update", id: 3 })).toBe(`${SITE}/kk/u/3`);
  });

  it("writes the address out as the link's text, escaped, so it survives being copied out of Telegram", () => {
    expect(pageLine(i18n.t("en"), undefined, "en", { kind: "case" })).toBeNull();
    expect(pageLine(i18n.t("ru"), 'https://x.org/"a"&b', "ru", { kind: "update", id: 1 })).toBe(
      '🌐 На сайте: <a href="https://x.org/&quot;a&quot;&amp;b/ru/u/1">https://x.org/&quot;a&quot;&amp;b/ru/u/1</a>',
    );
  });
});

describe.each(DB_KINDS)("web links in what the bot sends (%s)", (kind) => {
  const { database } = useDatabase(kind);
  let ctx: NoticeContext;

  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
    ctx = { i18n, snapshot: (await createContentStore(database.db)).current(), timeZone: TZ, botUsername: "casebot_test_bot", now: new Date("2026-03-01T00:00:00Z") };
  });

  const html = (r: ReturnType<typeof renderUpdate>) => {
    if (!("html" in r)) throw new Error(r.skip);
    return r.html;
  };

  it("an update links to its page in the reader's language, just above the footer; without PUBLIC_URL it does not", async () => {
    const u = await seedUpdate(database, { body: { en: "News", kk: "Жаңалық" }, publishedAt: new Date("2026-02-01T10:00:00Z") });
    const without = html(renderUpdate(ctx, u, "kk"));
    const lines = html(renderUpdate({ ...ctx, publicUrl: SITE }, u, "kk")).split("\n");
    expect(lines.at(-3)).toBe(`🌐 Сайтта: <a href="${SITE}/kk/u/${u.id}">${SITE}/kk/u/${u.id}</a>`);
    expect(lines.at(-1)).toContain("@casebot_test_bot");
    // The same message with that one line taken out.
    expect(lines.filter((_, i) => i !== lines.length - 3).join("\n")).toBe(without);
    expect(without).not.toContain(SITE);
  });

  it("reminders and change notices link to the hearing's page", async () => {
    const h = await seedHearing(database, { id: "h-march", date: "2026-03-10" });
    const withSite = { ...ctx, publicUrl: SITE };
    const url = `${SITE}/en/h/h-march`;
    expect(html(renderReminder(withSite, { subjectVersion: 1 }, h, "en"))).toContain(`🌐 On the web: <a href="${url}">${url}</a>`);
    const payload = { before: { date: "2026-03-05", time: null, place: h.place, status: "scheduled" }, after: { date: h.date, time: null, place: h.place, status: "scheduled" } };
    expect(html(renderHearingChanged(withSite, { subjectVersion: 1, payload }, h, "en"))).toContain(url);
    expect(html(renderHearingChanged(withSite, { subjectVersion: 1, payload: { after: payload.after } }, h, "en"))).toContain(url);
    expect(html(renderReminder(ctx, { subjectVersion: 1 }, h, "en"))).not.toContain("🌐");
  });

  it("every inline card links to its page and names it for the link preview", async () => {
    const u = await seedUpdate(database, { body: { en: "News" } });
    const live = { hearings: {}, now: ctx.now, timeZone: TZ };
    const input = { snapshot: ctx.snapshot, live, latestUpdate: u, botUsername: "casebot_test_bot" };
    const plain = buildCards(i18n, "ru", input);
    const cards = buildCards(i18n, "ru", { ...input, publicUrl: SITE });
    expect(cards.map((c) => [c.id, c.url])).toEqual([
      ["summary", `${SITE}/ru/`],
      ["update", `${SITE}/ru/u/${u.id}`],
      ["charges", `${SITE}/ru/`],
    ]);
    for (const c of cards) expect(c.html).toContain(`<a href="${c.url}">${c.url}</a>`);
    expect(plain.every((c) => c.url === undefined && !c.html.includes(SITE))).toBe(true);
  });
});
