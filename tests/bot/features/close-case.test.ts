import { describe, expect, it } from "vitest";
import { cb } from "../../../src/bot/callback-data.js";
import { buildTestBot, buttons, sent, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { deliveryRows } from "../../support/rows.js";
import { seedSubscribers } from "../../support/seed.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const OWNER = 5_001;

describe.each(DB_KINDS)("/close_case (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("previews the last notice in every language with its reach, and closes the case only on confirmation", async () => {
    await seedSubscribers(database, [
      { id: 101, lang: "en" },
      { id: 102, lang: "kk" },
      { id: 103, lang: "ru" },
    ]);
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN, ADMIN_IDS: String(OWNER), CASE_END_GRACE_DAYS: "10" } });
    await bot.handleUpdate(textUpdate("/close_case", { chatId: OWNER, lang: "en" }));
    const texts = sentTexts(calls);
    expect(texts[0]).toContain("Close the case");
    expect(texts[0]).toContain("30 January 2026"); // the test clock's day + 10
    expect(texts.some((t) => t.includes("This case is closed in this bot"))).toBe(true);
    expect(texts.some((t) => t.includes("Бұл іс осы ботта жабылды"))).toBe(true);
    expect(texts.some((t) => t.includes("Это дело в боте закрыто"))).toBe(true);
    const confirm = sent(calls).at(-1)!;
    expect(String(confirm.payload.text)).toContain("<b>3</b>");
    expect(buttons(confirm).map((b) => b.callback_data)).toEqual([cb.caseClose, cb.caseKeep]);
    expect(await deliveryRows(database)).toEqual([]);

    await bot.handleUpdate(callbackUpdate(cb.caseKeep, { chatId: OWNER, lang: "en" }));
    expect(await deliveryRows(database)).toEqual([]);

    await bot.handleUpdate(callbackUpdate(cb.caseClose, { chatId: OWNER, lang: "en" }));
    expect(calls.at(-1)).toMatchObject({ method: "editMessageText" });
    expect(String(calls.at(-1)!.payload.text)).toContain("The case is closed");
    expect((await deliveryRows(database)).map((d) => [d.chat_id, d.kind])).toEqual([[101, "update"], [102, "update"], [103, "update"]]);

    await bot.handleUpdate(textUpdate("/close_case", { chatId: OWNER, lang: "en" }));
    expect(sentTexts(calls).at(-1)).toContain("already closed");
    await bot.handleUpdate(callbackUpdate(cb.caseClose, { chatId: OWNER, lang: "en" }));
    expect(await deliveryRows(database)).toHaveLength(3);
  });

  it("is refused to anyone who is not an editor", async () => {
    await seedSubscribers(database, [{ id: 101, lang: "en" }]);
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN, ADMIN_IDS: String(OWNER) } });
    await bot.handleUpdate(textUpdate("/close_case", { chatId: 777, lang: "en" }));
    expect(sentTexts(calls).join("\n")).not.toContain("Close the case");
    await bot.handleUpdate(callbackUpdate(cb.caseClose, { chatId: 777, lang: "en" }));
    expect(await deliveryRows(database)).toEqual([]);
  });
});
