import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { LOCAL_BOT_INFO } from "../../../src/cli/local-chat.js";
import { escapeHtml } from "../../../src/shared/html.js";
import { buildTestBot, sent, sentTexts } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { outgoingTextProblems } from "../../support/telegram-html.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const BOT = `@${LOCAL_BOT_INFO.username}`;
/** An editor (ADMIN_IDS) in a private chat of their own. */
const EDITOR = 43;

/** What people (or attackers) type that HTML would take for markup. */
const HOSTILE = [
  "<b>bold</b>",
  "<script>alert(1)</script>",
  "Tom & Jerry &amp; &lt;x&gt; &nbsp;",
  "<i>never closed",
  "stray </b> close",
  '<a href="javascript:alert(1)">click</a>',
  "a < b > c",
  "<tg-spoiler>x",
  "sot qashan <b>bolady</b>?",
  "когда суд <u>&",
];

/** Every way text from outside reaches the bot. */
function paths(payload: string): Update[] {
  const group = { chatId: -100_500, chatType: "supergroup" as const, userId: 77 };
  const replyToBot = textUpdate(payload, group);
  Object.assign(replyToBot.message!, { reply_to_message: { message_id: 1, date: 0, chat: { id: -100_500, type: "supergroup", title: "G" }, from: LOCAL_BOT_INFO, text: "…" } });
  const photo = textUpdate("x");
  const m = photo.message as unknown as Record<string, unknown>;
  delete m.text;
  Object.assign(m, { photo: [{ file_id: "f", file_unique_id: "u", width: 1, height: 1 }], caption: payload });
  return [
    textUpdate(payload),
    textUpdate(payload, { lang: "kk" }),
    textUpdate(payload, { lang: "ru" }),
    textUpdate(`/ask ${payload}`),
    textUpdate(`/ask ${payload}`, group),
    textUpdate(`${BOT} ${payload}`, group),
    replyToBot,
    textUpdate(`/start ${payload}`),
    textUpdate(`/help ${payload}`),
    textUpdate(`/language ${payload}`),
    textUpdate(`/sources ${payload}`),
    textUpdate(`/privacy ${payload}`),
    textUpdate(`/forget ${payload}`),
    callbackUpdate(payload),
    callbackUpdate(`t:${payload}:en`),
    callbackUpdate(`tr:${payload}:latn`),
    photo,
  ];
}

describe.each(DB_KINDS)("HTML everywhere, user text always escaped (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it.each(HOSTILE)("%s: every reply is valid Telegram HTML, and none carries it as markup", async (payload) => {
    const { bot, calls, clock } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN, ADMIN_IDS: String(EDITOR) } });
    for (const update of paths(payload)) {
      clock.advance(60_000);
      await bot.handleUpdate(update);
    }
    // Follow the buttons the replies offered too: topic answers, transliterations, menus.
    const offered = sent(calls).flatMap((c) =>
      ((c.payload.reply_markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> })?.inline_keyboard ?? []).flat(),
    );
    for (const data of new Set(offered.map((b) => b.callback_data).filter(Boolean))) {
      clock.advance(60_000);
      await bot.handleUpdate(callbackUpdate(data!));
    }
    // An editor's input comes back in a reply (here, as a date the bot cannot read): the payload itself, escaped.
    for (const text of ["/add_hearing", payload, "/cancel"]) {
      clock.advance(60_000);
      await bot.handleUpdate(textUpdate(text, { chatId: EDITOR }));
    }
    expect(sentTexts(calls)).toContainEqual(expect.stringContaining(`«${escapeHtml(payload)}»`));
    expect(sent(calls).length).toBeGreaterThan(10);
    expect(outgoingTextProblems(calls)).toEqual([]);
    // A tag of the payload with the text after it, as sent: markup that came from outside.
    const raw = payload.match(/<\/?[a-z-]+[^>]*>\s*[^<\s]+/g) ?? [];
    for (const c of calls) for (const r of raw) expect(String(c.payload.text ?? ""), c.method).not.toContain(r);
  });

  it("treats every message as HTML by default, even a reply that does not ask for it", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    // Last in the tree, so reached only where no feature answers: a group command nobody knows.
    bot.command("plain", (ctx) => ctx.reply("1 < 2 would break HTML, so nothing may send it unescaped"));
    await bot.handleUpdate(textUpdate("/language"));
    await bot.handleUpdate(textUpdate("/plain", { chatId: -100_9, chatType: "supergroup" }));
    expect(sent(calls).map((c) => c.payload.parse_mode)).toEqual(["HTML", "HTML"]);
    expect(outgoingTextProblems(calls.slice(0, 1))).toEqual([]);
    expect(outgoingTextProblems(calls.slice(1))).toEqual([expect.stringContaining('bare "<"')]);
  });
});
