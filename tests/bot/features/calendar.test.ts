import { describe, expect, it } from "vitest";
import { importCase } from "../../../src/case/content/import.js";
import { buildTestBot, caseFile, documentText } from "../../support/bot.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../../support/db.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { parseIcs } from "../../support/ics.js";

describe.each(DB_KINDS)("/calendar and the Add to calendar button (%s)", (kind) => {
  const { database } = useDatabase(kind);

  const documents = (calls: Array<{ method: string; payload: Record<string, unknown> }>) => calls.filter((c) => c.method === "sendDocument");

  it("sends every hearing as an .ics file; a moved hearing keeps its UID with a higher SEQUENCE", async () => {
    const { bot, calls, config } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/calendar", { lang: "ru" }));
    const [doc] = documents(calls);
    expect((doc!.payload.document as { filename?: string }).filename).toBe("atajurt-hearings.ics");
    expect(String(doc!.payload.caption)).toContain("/calendar");
    const first = parseIcs(await documentText(doc!)).events;
    expect(first).toHaveLength(1);
    expect(first[0]!.uid).toBe("hearing-trial-opening@casebot");
    expect(first[0]!.sequence).toBe(1);
    expect(first[0]!.startDate.toString()).toBe("2026-01-23");
    expect(first[0]!.startDate.isDate).toBe(true);
    expect(first[0]!.summary).toBe("Суд над 19 активистами «Атажурта»: Начало судебного процесса");
    expect(first[0]!.location).toBe("Талдыкорган");
    expect(first[0]!.description).toContain("Источник: Amnesty International, «Казахстан: снимите обвинения с активистов „Атажурта“, которым грозит до 10 лет лишения свободы за мирный протест» (январь 2026 г.)");
    expect(first[0]!.description).toContain("#Atajurt");
    expect(first[0]!.description).toContain("https://t.me/casebot_local_bot?start=subscribe");

    // The hearing moves to 10 February, 10:00: the importer bumps its version.
    const file = caseFile();
    file.hearings[0] = { ...file.hearings[0]!, date: "2026-02-10", time: "10:00" };
    await importCase(database.db, file, { timeZone: config.timeZone, now: IMPORT_NOW });
    await bot.handleUpdate(textUpdate("/calendar", { lang: "en" }));
    const moved = parseIcs(await documentText(documents(calls)[1]!)).events;
    expect(moved[0]!.uid).toBe(first[0]!.uid);
    expect(moved[0]!.sequence).toBe(2);
    expect(moved[0]!.startDate.zone?.tzid).toBe("Asia/Almaty");
    expect(moved[0]!.startDate.toJSDate().toISOString()).toBe("2026-02-10T05:00:00.000Z");
    expect(moved[0]!.description).toContain("Starts at 10:00 (UTC+5, Almaty Time).");
  });

  it("puts Add to calendar and Share under hearing answers, and the button sends the next hearing alone", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:next-hearing:kk"));
    const answer = calls.filter((c) => c.method === "sendMessage").at(-1)!;
    const flat = (answer.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, string>>> }).inline_keyboard.flat();
    expect(flat.find((b) => b.callback_data === "cal:next")?.text).toBe("📅 Күнтізбеге қосу");
    expect(flat.find((b) => b.switch_inline_query !== undefined)?.text).toBe("↗️ Бөлісу");

    await bot.handleUpdate(callbackUpdate("t:charges:en"));
    const charges = calls.filter((c) => c.method === "sendMessage").at(-1)!;
    const cflat = (charges.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, string>>> }).inline_keyboard.flat();
    expect(cflat.some((b) => b.callback_data === "cal:next")).toBe(false);
    expect(cflat.some((b) => b.switch_inline_query === "")).toBe(true);

    await bot.handleUpdate(callbackUpdate("cal:next", { lang: "kk" }));
    const doc = documents(calls).at(-1)!;
    expect((doc.payload.document as { filename?: string }).filename).toBe("hearing-2026-01-23.ics");
    const { events } = parseIcs(await documentText(doc));
    expect(events.map((e) => e.uid)).toEqual(["hearing-trial-opening@casebot"]);
    expect(events[0]!.summary).toContain("Сот процесінің басталуы");
  });

  it("after the last hearing the button says so instead of sending an old date", async () => {
    const { bot, calls } = await buildTestBot(database, { now: "2026-06-01T06:00:00Z" });
    await bot.handleUpdate(callbackUpdate("cal:next"));
    expect(documents(calls)).toHaveLength(0);
    expect(String(calls.at(-1)?.payload.text)).toContain("No upcoming hearing");
    // A past hearing's own button still sends that hearing.
    await bot.handleUpdate(callbackUpdate("cal:h:trial-opening"));
    const [doc] = documents(calls);
    expect((doc!.payload.document as { filename?: string }).filename).toBe("hearing-2026-01-23.ics");
    expect(parseIcs(await documentText(doc!)).events.map((e) => e.uid)).toEqual(["hearing-trial-opening@casebot"]);
  });
});
