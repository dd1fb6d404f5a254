import { uniformStorage } from "@grammyjs/conversations";
import { sql } from "drizzle-orm";
import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/shared/html.js";
import { conversationKey, conversationStorage, CONVERSATION_STATE_VERSION } from "../../src/bot/conversations/storage.js";
import { systemClock } from "../../src/shared/time.js";
import { createKvStore } from "../../src/db/kv.js";
import { buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { callbackUpdate, press, textUpdate } from "../support/updates.js";
import { auditRows, kvRows, revision } from "../support/rows.js";

describe.each(DB_KINDS)("editor conversations (%s)", (kind) => {
  const { database } = useDatabase(kind);

  const answerOf = async (topic: string) =>
    (await database.rows<{ answer: Record<string, string> }>(sql`select answer from topics where id = ${topic}`))[0]!.answer;
  const questionsOf = async (topic: string) =>
    (await database.rows<{ questions: Record<string, string[]> }>(sql`select questions from topics where id = ${topic}`))[0]!.questions;

  it("edit an FAQ answer: topic → language → text → preview → save, resumed by a second bot after a restart", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV });
    const before = await answerOf("charges");
    const rev0 = await revision(database);

    await a.bot.handleUpdate(textUpdate("/edit_answer"));
    const topicPrompt = a.calls.filter((c) => c.method === "sendMessage").at(-1);
    expect(String(topicPrompt?.payload.text)).toContain("Which topic?");
    const data = buttons(topicPrompt).map((b) => b.callback_data);
    expect(data).toContain("cv:topic:charges");
    expect(data.at(-1)).toBe("cv:cancel");

    await a.bot.handleUpdate(press("cv:topic:charges"));
    expect(sentTexts(a.calls).at(-1)).toContain("«The charges»: which language");
    expect(buttons(a.calls.filter((c) => c.method === "sendMessage").at(-1)).map((b) => b.callback_data)).toEqual([
      "cv:lang:en",
      "cv:lang:kk",
      "cv:lang:ru",
      "cv:cancel",
    ]);

    // The state is in Postgres, with the chat id that /forget deletes by.
    expect((await kvRows(database)).map((r) => [r.key, Number(r.chat_id)])).toEqual([[conversationKey(OWNER), OWNER]]);

    // "Restart": a new process, a new bot, the same database.
    const b = await buildTestBot(database, { env: OWNER_ENV, importContent: false });
    await b.bot.handleUpdate(press("cv:lang:ru"));
    const afterRestart = sentTexts(b.calls);
    // Replay does not send the earlier steps again: only what comes after the language.
    expect(afterRestart.some((t) => t.includes("Which topic?"))).toBe(false);
    expect(afterRestart[0]).toContain("current answer to «The charges» (Русский)");
    expect(afterRestart[1]).toBe(escapeHtml(before.ru!));
    expect(afterRestart[2]).toContain("Send the new answer to «The charges» (Русский)");

    const newText = "Всем 19 активистам предъявили обвинение по статье 174 <УК> & так далее.";
    await b.bot.handleUpdate(textUpdate(newText));
    const [previewHeader, preview, question] = sentTexts(b.calls).slice(3);
    expect(previewHeader).toContain("Preview");
    // Exactly what a Russian reader gets: the label, the new text escaped, and the source in Russian.
    expect(preview).toContain("<b>Обвинения</b>");
    expect(preview).toContain("статье 174 &lt;УК&gt; &amp; так далее.");
    expect(preview).toContain("Источник: Amnesty International");
    expect(question).toContain("Save this as the answer to «The charges» (Русский)?");
    expect(await answerOf("charges")).toEqual(before); // nothing stored before the confirmation

    await b.bot.handleUpdate(press("cv:save"));
    expect(sentTexts(b.calls).at(-1)).toContain(`content revision ${rev0 + 1}`);
    expect(await answerOf("charges")).toEqual({ ...before, ru: newText });
    expect(await revision(database)).toBe(rev0 + 1);
    const audit = await auditRows(database);
    expect(audit).toHaveLength(1);
    expect(Number(audit[0]!.actor_id)).toBe(OWNER);
    expect(audit[0]).toMatchObject({ action: "topic.answer", subject: "charges/ru", before: { text: before.ru }, after: { text: newText } });
    expect(await kvRows(database)).toEqual([]);

    // The saving instance already serves the new text; the other picks it up from the revision.
    await b.bot.handleUpdate(callbackUpdate("t:charges:ru"));
    expect(sentTexts(b.calls).at(-1)).toContain("&lt;УК&gt;");
    expect(await a.deps.content.refresh()).toBe(true);
    expect(a.deps.content.current().topicById.get("charges")?.answer.ru).toBe(newText);
  });

  it("checks the new text, lets the editor write again, and leaves other commands and buttons to the rest of the bot", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:topic:next-hearing"));
    await bot.handleUpdate(press("cv:lang:en"));
    expect(sentTexts(calls).at(-1)).toContain("Keep {{hearing}}");

    await bot.handleUpdate(textUpdate("The trial starts soon."));
    expect(sentTexts(calls).at(-1)).toContain("Keep {{hearing}} in the text");
    await bot.handleUpdate(textUpdate("Soon. {{hearing}} {{date}}"));
    expect(sentTexts(calls).at(-1)).toContain("I don't know the placeholder {{date}}");
    await bot.handleUpdate(textUpdate("x".repeat(3001)));
    expect(sentTexts(calls).at(-1)).toContain("That is 3001 characters; at most 3000 fit");
    // A button of an earlier step is not an answer here.
    await bot.handleUpdate(press("cv:topic:summary"));
    expect(sentTexts(calls).at(-1)).toContain("send the text as a message");

    // A command goes on to its feature; the conversation keeps waiting.
    const n = calls.length;
    await bot.handleUpdate(textUpdate("/timeline"));
    expect(sentTexts(calls.slice(n))[0]).toContain("step by step");

    await bot.handleUpdate(textUpdate("First try. {{hearing}}"));
    expect(sentTexts(calls).at(-2)).toContain("First try. Next hearing: <b>Friday, 23 January 2026</b>");
    await bot.handleUpdate(press("cv:again"));
    expect(sentTexts(calls).at(-1)).toContain("Send the new answer to «Trial date &amp; next hearing» (English)");
    await bot.handleUpdate(textUpdate("Second try. {{hearing}}"));
    await bot.handleUpdate(press("cv:save"));
    expect((await answerOf("next-hearing")).en).toBe("Second try. {{hearing}}");
    expect((await auditRows(database)).map((r) => r.subject)).toEqual(["next-hearing/en"]);
  });

  it("saves nothing when someone else changed the answer meanwhile", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:topic:charges"));
    await bot.handleUpdate(press("cv:lang:kk"));
    await database.db.execute(sql`update topics set answer = jsonb_set(answer, '{kk}', '"Басқа редактордың мәтіні"') where id = 'charges'`);
    await bot.handleUpdate(textUpdate("Менің мәтінім"));
    await bot.handleUpdate(press("cv:save"));
    expect(sentTexts(calls).at(-1)).toContain("Someone else changed this answer");
    expect((await answerOf("charges")).kk).toBe("Басқа редактордың мәтіні");
    expect(await auditRows(database)).toEqual([]);
    expect(await kvRows(database)).toEqual([]);
  });

  it("add a paraphrase: topic → script → text → confirm, across a restart, refusing the wrong script and a duplicate", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV });
    const rev0 = await revision(database);
    await a.bot.handleUpdate(textUpdate("/add_paraphrase", { lang: "ru" }));
    expect(sentTexts(a.calls).at(-1)).toContain("Добавить пример вопроса.");
    await a.bot.handleUpdate(press("cv:topic:charges", { lang: "ru" }));
    const keys = buttons(a.calls.filter((c) => c.method === "sendMessage").at(-1)).map((b) => b.callback_data);
    expect(keys).toEqual(["cv:key:en", "cv:key:ru", "cv:key:ru_latn", "cv:key:kk", "cv:key:kk_plain", "cv:key:kk_latn", "cv:key:kk_arab", "cv:cancel"]);

    const b = await buildTestBot(database, { env: OWNER_ENV, importContent: false });
    await b.bot.handleUpdate(press("cv:key:kk_latn", { lang: "ru" }));
    expect(sentTexts(b.calls)[0]).toContain("Belsendılerge qandai aiyp tağyldy?");
    expect(sentTexts(b.calls)[1]).toContain("Казахский, латиница");

    await b.bot.handleUpdate(textUpdate("қандай айып тағылды", { lang: "ru" }));
    expect(sentTexts(b.calls).at(-1)).toContain("Это не похоже на вариант «Казахский, латиница»");
    await b.bot.handleUpdate(textUpdate("Sot qashan bastalady", { lang: "ru" }));
    await b.bot.handleUpdate(press("cv:save", { lang: "ru" }));
    expect(sentTexts(b.calls).at(-2)).toContain("уже есть в теме «Дата суда и заседания»");
    expect(await revision(database)).toBe(rev0);

    await b.bot.handleUpdate(textUpdate("aiyp ne ushin tagyldy", { lang: "ru" }));
    expect(sentTexts(b.calls).at(-1)).toContain("Добавить «aiyp ne ushin tagyldy» к теме «Обвинения» (Казахский, латиница)?");
    await b.bot.handleUpdate(press("cv:save", { lang: "ru" }));
    expect(sentTexts(b.calls).at(-1)).toContain("добавлен к теме «Обвинения»");
    expect((await questionsOf("charges")).kk_latn?.at(-1)).toBe("aiyp ne ushin tagyldy");
    expect(await revision(database)).toBe(rev0 + 1);
    const audit = await auditRows(database);
    expect(audit.map((r) => [Number(r.actor_id), r.action, r.subject, r.after])).toEqual([
      [OWNER, "topic.paraphrase", "charges/kk_latn", { text: "aiyp ne ushin tagyldy" }],
    ]);
    expect(b.deps.content.current().topicById.get("charges")?.questions.kk_latn).toContain("aiyp ne ushin tagyldy");
  });

  it("/cancel (or its button) leaves any conversation, and the next message is an ordinary one again", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/add_paraphrase"));
    await bot.handleUpdate(press("cv:topic:summary"));
    expect(await kvRows(database)).toHaveLength(1);
    await bot.handleUpdate(textUpdate("/cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    expect(await kvRows(database)).toEqual([]);
    await bot.handleUpdate(press("cv:key:en"));
    expect(calls.at(-1)?.method).toBe("answerCallbackQuery"); // an old button, answered as out of date
    expect(await kvRows(database)).toEqual([]);
    await bot.handleUpdate(textUpdate("/cancel"));
    expect(sentTexts(calls).at(-1)).toBe("There is nothing to cancel.");

    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    expect(await kvRows(database)).toEqual([]);
    expect(await auditRows(database)).toEqual([]);
  });

  it("/forget mid-conversation leaves it, so no conversation state is written back for the chat", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:topic:charges"));
    expect(await kvRows(database)).toHaveLength(1);
    const n = calls.length;
    await bot.handleUpdate(textUpdate("/forget"));
    expect(calls.length).toBeGreaterThan(n); // the privacy feature answered
    expect(await kvRows(database)).toEqual([]);
    await bot.handleUpdate(press("cv:lang:en"));
    expect(await kvRows(database)).toEqual([]);
  });

  it("a new editing command replaces the open conversation", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/edit_answer"));
    await bot.handleUpdate(press("cv:topic:summary"));
    await bot.handleUpdate(textUpdate("/add_paraphrase"));
    expect(sentTexts(calls).at(-1)).toContain("Add a sample question.");
    await bot.handleUpdate(press("cv:topic:summary"));
    expect(sentTexts(calls).at(-1)).toContain("in which language and script");
  });

  it("refuses non-editors and stores no conversation state for them", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    for (const command of ["/edit_answer", "/add_paraphrase"]) {
      await bot.handleUpdate(textUpdate(command, { chatId: 77 }));
      expect(sentTexts(calls).at(-1)).toContain("only for the editors");
    }
    await bot.handleUpdate(press("cv:topic:charges", { chatId: 77 }));
    await bot.handleUpdate(textUpdate("/cancel", { chatId: 77 }));
    expect(sentTexts(calls).at(-1)).toBe("There is nothing to cancel.");
    expect(await kvRows(database)).toEqual([]);
  });

  it("drops state written under another storage version instead of replaying it into the wrong step", async () => {
    const ctx = { chatId: 5 } as Context;
    await uniformStorage(conversationStorage(createKvStore(database.db), systemClock, CONVERSATION_STATE_VERSION))(ctx).write({ x: [] });
    expect(await uniformStorage(conversationStorage(createKvStore(database.db), systemClock, CONVERSATION_STATE_VERSION))(ctx).read()).toEqual({ x: [] });
    expect(await uniformStorage(conversationStorage(createKvStore(database.db), systemClock, CONVERSATION_STATE_VERSION + 1))(ctx).read()).toBeUndefined();
  });
});
