import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { press, textUpdate } from "../../support/updates.js";
import { auditRows, revision } from "../../support/rows.js";

describe.each(DB_KINDS)("/add_paraphrase (%s)", (kind) => {
  const { database } = useDatabase(kind);

  const questionsOf = async (topic: string) =>
    (await database.rows<{ questions: Record<string, string[]> }>(sql`select questions from topics where id = ${topic}`))[0]!.questions;

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
});
