import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import type { BotContext } from "../../../src/bot/context.js";
import { readerScript } from "../../../src/bot/middleware/script.js";
import { LOCAL_BOT_INFO } from "../../../src/cli/local-chat.js";
import { RLM } from "../../../src/render/script.js";
import { escapeHtml } from "../../../src/shared/html.js";
import { buildTestBot, buttons, caseFile, documentText, lastText, OWNER_ENV, sent, type ApiCall } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { seedChat } from "../../support/seed.js";
import { callbackUpdate, groupText, inlineQuery, textUpdate } from "../../support/updates.js";

const ARAB_QUESTION = "سوت قاشان باستالادى؟";
const LATN_QUESTION = "Sot qashan bastalady?";
const CYRL_QUESTION = "Сот қашан басталады?";

const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC = /\p{Script=Arabic}/u;
/** Latin letters an Arabic-script Kazakh answer keeps: the names and zone the content writes in Latin. */
const latinWords = (s: string) => (s.replace(/<[^>]*>/g, " ").match(/\p{Script=Latin}+/gu) ?? []).filter((w) => !["Amnesty", "International", "UTC", "Asia", "Almaty", "January"].includes(w));

/** A topic's label as the content file has it: the title its answer starts with. */
const label = (topic: string, lang: "kk" | "ru") => escapeHtml(caseFile().topics.find((t) => t.id === topic)!.label[lang]);
const labels = (call: ApiCall | undefined) => buttons(call).map((b) => b.text);
const trButton = (call: ApiCall | undefined) => buttons(call).find((b) => b.callback_data?.startsWith("tr:"));

describe.each(DB_KINDS)("the reply's script (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("answers Arabic-script Kazakh in Arabic script, buttons too, right to left, and remembers it", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(ARAB_QUESTION, { lang: "ru" }));
    const msg = sent(calls).at(-1)!;
    const text = String(msg.payload.text);
    expect(text).toMatch(ARABIC);
    expect(text).not.toMatch(CYRILLIC);
    expect(latinWords(text)).toEqual([]);
    expect(text.startsWith(`${RLM}<b>`)).toBe(true);
    for (const line of text.split("\n").filter((l) => ARABIC.test(l))) expect(line.startsWith(RLM)).toBe(true);
    expect(labels(msg).join(" ")).not.toMatch(CYRILLIC);
    expect(labels(msg).every((l) => ARABIC.test(l))).toBe(true);
    // Already in the question's script: no button offers it again.
    expect(trButton(msg)).toBeUndefined();
    expect(await deps.chats.get(42)).toMatchObject({ kkScript: "arab", kkScriptChosen: false, language: null });
  });

  it("then follows what the chat writes: Latin in Latin, Cyrillic in Cyrillic, Russian untouched", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(ARAB_QUESTION));
    await bot.handleUpdate(textUpdate(LATN_QUESTION));
    expect(lastText(calls)).toMatch(/Sot künı/);
    expect(lastText(calls)).not.toMatch(CYRILLIC);
    expect(labels(sent(calls).at(-1))).toContain("☰ Taqyryptar");
    expect((await deps.chats.get(42))?.kkScript).toBe("latn");
    // Russian is answered in Russian, whatever the chat's Kazakh script.
    await bot.handleUpdate(textUpdate("когда начнётся суд?"));
    expect(lastText(calls)).toContain(`<b>${label("next-hearing", "ru")}</b>`);
    expect(labels(sent(calls).at(-1))).toContain("☰ Темы");
    expect((await deps.chats.get(42))?.kkScript).toBe("latn");
    await bot.handleUpdate(textUpdate(CYRL_QUESTION));
    expect(lastText(calls)).toContain(`<b>${label("next-hearing", "kk")}</b>`);
    expect((await deps.chats.get(42))?.kkScript).toBe("cyrl");
  });

  it("keeps the script on a message with too few letters to tell", async () => {
    const { bot, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(ARAB_QUESTION, { lang: "kk" }));
    for (const t of ["19?", "ok", "👍"]) await bot.handleUpdate(textUpdate(t, { lang: "kk" }));
    expect((await deps.chats.get(42))?.kkScript).toBe("arab");
  });

  it("stores nothing for a chat that writes Kazakh in Cyrillic", async () => {
    const { bot, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(CYRL_QUESTION));
    expect(await deps.chats.get(42)).toBeUndefined();
  });

  it("every later Kazakh text comes in the chat's script: /start's menu, pop-ups, the language prompt", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(ARAB_QUESTION, { lang: "kk" }));
    await bot.handleUpdate(textUpdate("/start", { lang: "kk" }));
    expect(lastText(calls)).toMatch(new RegExp(`^${RLM}سالەمەتسىز بە!`));
    expect(labels(sent(calls).at(-1))).toContain(`${RLM}تاعىلعان ايىپ`);
    await bot.handleUpdate(callbackUpdate("t:no-such-topic:kk", { lang: "kk" }));
    const popup = calls.filter((c) => c.method === "answerCallbackQuery").at(-1)!;
    expect(String(popup.payload.text)).toMatch(ARABIC);
    expect(String(popup.payload.text)).toContain("/start");
    // A language's own name is never transliterated: the choice must show every script.
    await bot.handleUpdate(textUpdate("/language", { lang: "kk" }));
    expect(lastText(calls)).toMatch(ARABIC);
    expect(labels(sent(calls).at(-1))).toEqual(["English", "Русский", "Қазақша", "Qazaqşa", "قازاقشا"]);
  });

  it("a topic button answers in its own language, not transliterated", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(ARAB_QUESTION, { lang: "kk" }));
    await bot.handleUpdate(callbackUpdate("t:charges:ru", { lang: "kk" }));
    expect(lastText(calls)).toContain(`<b>${label("charges", "ru")}</b>`);
    await bot.handleUpdate(callbackUpdate("t:charges:kk", { lang: "kk" }));
    expect(lastText(calls)).toMatch(ARABIC);
    expect(lastText(calls)).not.toMatch(CYRILLIC);
  });

  it("a script chosen with /language sticks, whatever the chat writes next", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("lang:kk:arab"));
    expect(lastText(calls)).toMatch(ARABIC);
    expect(await deps.chats.get(42)).toMatchObject({ language: "kk", kkScript: "arab", kkScriptChosen: true });
    await bot.handleUpdate(textUpdate(LATN_QUESTION));
    const answer = sent(calls).at(-1);
    expect(String(answer?.payload.text)).toMatch(ARABIC);
    // The question's own script is one tap away.
    expect(trButton(answer)?.callback_data).toBe("tr:next-hearing:latn");
    await bot.handleUpdate(textUpdate(CYRL_QUESTION));
    expect(lastText(calls)).toMatch(ARABIC);
    expect((await deps.chats.get(42))?.kkScript).toBe("arab");
  });

  it("a chosen Cyrillic answers Arabic script in Cyrillic, with the Arabic one tap away", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("lang:kk:cyrl"));
    await bot.handleUpdate(textUpdate(ARAB_QUESTION));
    const answer = sent(calls).at(-1);
    expect(String(answer?.payload.text)).toContain(`<b>${label("next-hearing", "kk")}</b>`);
    expect(trButton(answer)?.callback_data).toBe("tr:next-hearing:arab");
    await bot.handleUpdate(callbackUpdate("tr:next-hearing:arab"));
    expect(lastText(calls)).toMatch(ARABIC);
    expect(lastText(calls)).not.toMatch(CYRILLIC);
    expect(await deps.chats.get(42)).toMatchObject({ kkScript: "cyrl", kkScriptChosen: true });
  });

  it("an old 'lang:kk' button sets the language and leaves the script as it was", async () => {
    const { bot, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate(LATN_QUESTION));
    await bot.handleUpdate(callbackUpdate("lang:kk"));
    expect(await deps.chats.get(42)).toMatchObject({ language: "kk", kkScript: "latn", kkScriptChosen: false });
  });

  it("/settings chooses the script too, and names the language in it", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/subscribe", { lang: "kk" }));
    await bot.handleUpdate(callbackUpdate("set:42:g", { lang: "kk" }));
    expect(labels(calls.filter((c) => c.method === "editMessageText").at(-1))).toContain("Qazaqşa");
    await bot.handleUpdate(callbackUpdate("set:42:g:kk:latn", { lang: "kk" }));
    expect(await deps.chats.get(42)).toMatchObject({ language: "kk", kkScript: "latn", kkScriptChosen: true });
    const menu = calls.filter((c) => c.method === "editMessageText").at(-1)!;
    expect(String(menu.payload.text)).not.toMatch(CYRILLIC);
    expect(labels(menu)).toContain("🌐 Tıl: Qazaqşa");
  });

  it("in a group, answers in the asker's script without changing the group's", async () => {
    const { bot, calls, deps } = await buildTestBot(database);
    await bot.handleUpdate(groupText(`/ask ${ARAB_QUESTION}`, -100_77, 5));
    expect(lastText(calls)).toMatch(ARABIC);
    expect(lastText(calls)).not.toMatch(CYRILLIC);
    expect(await deps.chats.get(-100_77)).toBeUndefined();
  });

  it("the editors' tools list what people wrote as they wrote it, whatever the editor's script", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(callbackUpdate("lang:kk:arab"));
    await bot.handleUpdate(textUpdate("Какая погода в Алматы?"));
    await bot.handleUpdate(textUpdate("/unanswered"));
    expect(lastText(calls)).toContain("Какая погода в Алматы?");
    expect(lastText(calls)).not.toMatch(ARABIC);
    // Not an editor: the refusal is the person's own Kazakh, in their script.
    await bot.handleUpdate(callbackUpdate("lang:kk:arab", { chatId: 77 }));
    await bot.handleUpdate(textUpdate("/unanswered", { chatId: 77 }));
    expect(lastText(calls)).toMatch(ARABIC);
  });

  it("inline cards and the calendar file come in the reader's script", async () => {
    await seedChat(database, { id: 7, language: "kk", kkScript: "arab", kkScriptChosen: true });
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(inlineQuery("", { userId: 7, lang: "en" }));
    const results = calls.find((c) => c.method === "answerInlineQuery")!.payload.results as Array<{ title: string; input_message_content: { message_text: string } }>;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.title).toMatch(ARABIC);
      expect(r.input_message_content.message_text).not.toMatch(CYRILLIC);
    }
    await bot.handleUpdate(textUpdate("/calendar", { chatId: 7 }));
    const doc = calls.find((c) => c.method === "sendDocument")!;
    expect(String(doc.payload.caption)).toMatch(ARABIC);
    const ics = await documentText(doc);
    expect(ics).toMatch(/SUMMARY:.*\p{Script=Arabic}/u);
    expect(ics).not.toMatch(CYRILLIC);
  });
});

describe("the script transformer", () => {
  /** A bot with only the transformer, its chat reading Kazakh in Arabic script. */
  async function run(handler: (ctx: BotContext) => Promise<unknown>, lang: "kk" | "ru" = "kk") {
    const bot = new Bot<BotContext>("1:x", { botInfo: LOCAL_BOT_INFO });
    const calls: ApiCall[] = [];
    bot.api.config.use(async (_prev, method, payload) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: 42, type: "private" } } : true } as never;
    });
    bot.use((ctx, next) => {
      Object.assign(ctx, { lang, kkScript: "arab", kkScriptChosen: false, replyLang: undefined });
      return next();
    });
    bot.use(readerScript());
    bot.on("message", handler);
    await bot.handleUpdate(textUpdate("x"));
    return calls;
  }

  it("leaves a message to another chat, text given with entities, and Markdown as they are", async () => {
    const calls = await run(async (ctx) => {
      await ctx.api.sendMessage(99, "сот");
      await ctx.reply("сот", { entities: [{ type: "bold", offset: 0, length: 3 }] });
      await ctx.reply("*сот*", { parse_mode: "MarkdownV2" });
      await ctx.reply("сот");
    });
    expect(calls.map((c) => c.payload.text)).toEqual(["сот", "сот", "*сот*", `${RLM}سوت`]);
  });

  it("leaves every text alone when the update does not speak Kazakh", async () => {
    const calls = await run((ctx) => ctx.reply("суд", { reply_markup: { inline_keyboard: [[{ text: "суд", callback_data: "x" }]] } }), "ru");
    expect(calls[0]!.payload.text).toBe("суд");
    expect(buttons(calls[0])[0]!.text).toBe("суд");
  });

  it("sends a text as written when its transliteration would pass Telegram's limit", async () => {
    const long = "щ".repeat(3000);
    const calls = await run((ctx) => ctx.reply(long));
    expect(calls[0]!.payload.text).toBe(long);
  });

  it("transliterates captions and reply-keyboard labels", async () => {
    const calls = await run(async (ctx) => {
      await ctx.replyWithDocument("file-id", { caption: "сот" });
      await ctx.reply("сот", { reply_markup: { keyboard: [[{ text: "иә" }]], input_field_placeholder: "сұрақ" } });
    });
    expect(calls[0]!.payload.caption).toBe(`${RLM}سوت`);
    expect(calls[1]!.payload.reply_markup).toMatchObject({ keyboard: [[{ text: `${RLM}ءيا` }]], input_field_placeholder: `${RLM}سۇراق` });
  });
});
