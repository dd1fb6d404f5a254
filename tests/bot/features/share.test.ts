import type { InlineQueryResultArticle } from "grammy/types";
import { describe, expect, it } from "vitest";
import { setCommandMenus } from "../../../src/bot/commands.js";
import { buildTestBot, documentText } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { parseIcs } from "../../support/ics.js";
import { inlineQuery, textUpdate } from "../../support/updates.js";

const SITE = { PUBLIC_URL: "https://atajurt.example.org/" };

describe.each(DB_KINDS)("the site's links from the bot, with PUBLIC_URL (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("/share gives the case page's address with its preview, and the Follow and Share buttons", async () => {
    const { bot, calls } = await buildTestBot(database, { env: SITE });
    await bot.handleUpdate(textUpdate("/share", { lang: "kk" }));
    const reply = calls.find((c) => c.method === "sendMessage")!.payload;
    expect(reply.text).toContain('<a href="https://atajurt.example.org/kk/">https://atajurt.example.org/kk/</a>');
    expect(reply.text).toContain("«Атажұрт» ұйымының 19 белсендісінің сот ісі");
    expect(reply.link_preview_options).toEqual({ url: "https://atajurt.example.org/kk/", prefer_large_media: true });
    const buttons = (reply.reply_markup as { inline_keyboard: Array<Array<Record<string, unknown>>> }).inline_keyboard.flat();
    expect(buttons.map((b) => Object.keys(b).filter((k) => k !== "text"))).toEqual([["url"], ["switch_inline_query"]]);
  });

  it("without PUBLIC_URL, /share is an unknown command as before and the menus leave it out", async () => {
    const { bot, deps, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/share"));
    expect(calls.find((c) => c.method === "sendMessage")!.payload.text).toContain("I don't know that command");
    await setCommandMenus(bot.api, deps);
    const commands = (calls.find((c) => c.method === "setMyCommands")!.payload.commands as Array<{ command: string }>).map((c) => c.command);
    expect(commands).not.toContain("share");

    const site = await buildTestBot(database, { env: SITE, importContent: false });
    await setCommandMenus(site.bot.api, site.deps);
    const ru = site.calls.find((c) => c.method === "setMyCommands" && c.payload.language_code === "ru")!.payload.commands as Array<{ command: string; description: string }>;
    expect(ru.at(-1)).toEqual({ command: "share", description: "Страница дела на сайте, чтобы поделиться" });
  });

  it("inline cards preview their page instead of carrying no preview", async () => {
    const { bot, calls } = await buildTestBot(database, { env: SITE });
    await bot.handleUpdate(inlineQuery("", { lang: "en" }));
    const results = calls.find((c) => c.method === "answerInlineQuery")!.payload.results as InlineQueryResultArticle[];
    const previews = results.map((r) => (r.input_message_content as { link_preview_options?: unknown }).link_preview_options);
    expect(previews).toEqual([
      { url: "https://atajurt.example.org/en/", prefer_large_media: true },
      { url: "https://atajurt.example.org/en/h/trial-opening", prefer_large_media: true },
      { url: "https://atajurt.example.org/en/", prefer_large_media: true },
    ]);
  });

  it("each calendar event links to its hearing's page", async () => {
    const { bot, calls } = await buildTestBot(database, { env: SITE });
    await bot.handleUpdate(textUpdate("/calendar", { lang: "ru" }));
    const [event] = parseIcs(await documentText(calls.find((c) => c.method === "sendDocument")!)).events;
    expect(event!.component.getFirstPropertyValue("url")).toBe("https://atajurt.example.org/ru/h/trial-opening");
  });
});
