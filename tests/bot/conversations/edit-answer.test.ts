import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/shared/html.js";
import { buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { callbackUpdate, press, textUpdate } from "../../support/updates.js";
import { auditRows, kvRowOf, kvRows, revision } from "../../support/rows.js";

describe.each(DB_KINDS)("/edit_answer (%s)", (kind) => {
  const { database } = useDatabase(kind);

  const answerOf = async (topic: string) =>
    (await database.rows<{ answer: Record<string, string> }>(sql`select answer from topics where id = ${topic}`))[0]!.answer;

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

    // The state is in Postgres, under the chat's ref and with the ref /forget deletes by (never its id).
    expect(await kvRows(database)).toEqual([kvRowOf(database, "conversation", OWNER)]);

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
    expect(sentTexts(calls).at(-1)).toBe("I don't know the placeholder {{date}}. The ones I know are {{hearing}}, {{privacy}}.");
    // A slot the other languages lack would make this one show facts they do not.
    await bot.handleUpdate(textUpdate("{{hearing}} {{privacy}}"));
    expect(sentTexts(calls).at(-1)).toContain("{{privacy}} is not in this answer's other languages");
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
    expect(sentTexts(calls).at(-2)).toContain("First try. Next hearing: Opening of the trial, <b>Friday, 23 January 2026</b>, no time given, Taldykorgan: in 3 days.");
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
});
