import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hearings, sources } from "../../../src/db/schema.js";
import { parseLeads } from "../../../src/case/leads.js";
import { enqueueDueReminders } from "../../../src/delivery/scheduler.js";
import { type ApiCall, buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { outgoingTextProblems } from "../../support/telegram-html.js";
import { press, textUpdate } from "../../support/updates.js";
import { drainOutbox } from "../../support/delivery.js";
import { auditRows, deliveryRows, kvRowOf, kvRows, revision } from "../../support/rows.js";
import { seedSubscriber, seedSubscribers } from "../../support/seed.js";

const TZ = "Asia/Almaty";
const LEADS = parseLeads(["7d", "1d", "morning@08:00"]);
const AFTER_OPENING = "2026-01-25T06:00:00Z"; // the imported hearing (23 January) is past

const lastSent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage").at(-1);

/** Telegram shows an empty keyboard row as a gap, or refuses it: none in the editors' steps. */
const emptyRows = (calls: ApiCall[]) =>
  calls.filter((c) => ((c.payload.reply_markup as { inline_keyboard?: unknown[][] })?.inline_keyboard ?? []).some((row) => row.length === 0));

describe.each(DB_KINDS)("/add_hearing (%s)", (kind) => {
  const { database, fake } = useDatabase(kind, { fake: true });

  const hearingRow = async (id: string) => (await database.db.select().from(hearings).where(eq(hearings.id, id)))[0];

  it("add a hearing: date → time → place → title → new source → preview → save, across a restart; chats with reminders get one 'date set' notice", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING });
    await seedSubscribers(database, [
      { id: 501, lang: "en" },
      { id: 502, lang: "kk" },
      { id: 503, lang: "ru" },
      { id: 504, lang: "en", reminders: false },
      { id: 505, lang: "en", status: "blocked" },
    ]);
    const rev0 = await revision(database);

    await a.bot.handleUpdate(textUpdate("/add_hearing"));
    expect(sentTexts(a.calls).at(-2)).toContain("Dates and times are read in the case's time zone, Asia/Almaty");
    expect(sentTexts(a.calls).at(-1)).toContain("The date of the hearing");
    // Impossible and unreadable dates are refused with the reason, and asked again.
    await a.bot.handleUpdate(textUpdate("31.02.2026"));
    expect(sentTexts(a.calls).at(-1)).toBe("«31.02.2026» is not a real date: there is no such day in that month, or no such month. Please check it and send it again.");
    await a.bot.handleUpdate(textUpdate("next <Tuesday>"));
    expect(sentTexts(a.calls).at(-1)).toBe("I could not read «next &lt;Tuesday&gt;» as a date. Write it as 15.02.2026, 15/02/2026 or 2026-02-15.");
    await a.bot.handleUpdate(textUpdate("15.02.2062"));
    expect(sentTexts(a.calls).at(-1)).toContain("too far from today");
    await a.bot.handleUpdate(textUpdate("15/02/2026"));
    expect(sentTexts(a.calls).at(-1)).toContain("The starting time in Asia/Almaty");
    expect(buttons(lastSent(a.calls)).map((b) => b.callback_data)).toEqual(["cv:notime", "cv:cancel"]);
    await a.bot.handleUpdate(textUpdate("25:00"));
    expect(sentTexts(a.calls).at(-1)).toContain("«25:00» is not a time of day");
    await a.bot.handleUpdate(textUpdate("10.00"));
    // Echoed back unambiguously: weekday, date, time and zone.
    expect(sentTexts(a.calls).at(-2)).toBe("Read as: <b>Sunday, 15 February 2026, 10:00 (UTC+5, Almaty Time)</b>.");
    expect(sentTexts(a.calls).at(-1)).toContain("The place in <b>English</b>");
    expect(buttons(lastSent(a.calls)).map((b) => b.text)).toEqual(["📍 Same as before: Taldykorgan", "✖ Cancel"]);
    expect(await kvRows(database)).toEqual([kvRowOf(database, "conversation", OWNER)]);

    // "Restart": a new process on the same database continues at the same step.
    const b = await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING, importContent: false });
    await b.bot.handleUpdate(textUpdate("Taldykorgan"));
    expect(sentTexts(b.calls)).toEqual(["The place in <b>Kazakh</b>:"]);
    await b.bot.handleUpdate(textUpdate("Талдықорған"));
    await b.bot.handleUpdate(textUpdate("Талдыкорган"));
    expect(sentTexts(b.calls).at(-1)).toContain("title in <b>English</b>");
    await b.bot.handleUpdate(press("cv:preset"));
    expect(sentTexts(b.calls).at(-1)).toContain("Which published source gives this date?");
    expect(buttons(lastSent(b.calls)).map((x) => x.callback_data)).toEqual(["cv:src:0", "cv:src:new", "cv:cancel"]);
    await b.bot.handleUpdate(press("cv:src:new"));
    await b.bot.handleUpdate(textUpdate("example.org/news"));
    expect(sentTexts(b.calls).at(-1)).toContain("That is not a link I can use");
    await b.bot.handleUpdate(textUpdate("https://www.example.org/news/1"));
    await b.bot.handleUpdate(textUpdate("Example <News> & Co"));
    await b.bot.handleUpdate(textUpdate("Court sets the date"));
    await b.bot.handleUpdate(textUpdate("14 February 2026"));
    expect(sentTexts(b.calls).at(-1)).toBe("I could not read «14 February 2026» as a day or a month. Write it as 15.02.2026, or 02.2026 for a month.");
    await b.bot.handleUpdate(textUpdate("31.02.2026"));
    expect(sentTexts(b.calls).at(-1)).toBe("«31.02.2026» is not a real day or month. Please check it and send it again.");
    await b.bot.handleUpdate(textUpdate("14.02.2026"));

    const [preview, reach, notice, question] = sentTexts(b.calls).slice(-4);
    expect(preview).toBe(
      [
        "<b>Preview</b>",
        "📅 Sunday, 15 February 2026, 10:00 (UTC+5, Almaty Time)",
        "📍 en: Taldykorgan · kk: Талдықорған · ru: Талдыкорган",
        "🏷 en: Court hearing · kk: Сот отырысы · ru: Судебное заседание",
        "<i>Source: Example &lt;News&gt; &amp; Co, “Court sets the date” (14 February 2026) <a href=\"https://www.example.org/news/1\">https://www.example.org/news/1</a></i>",
      ].join("\n"),
    );
    expect(reach).toContain("Chats with reminders on (3)");
    expect(notice).toContain("📅 <b>A hearing date is set</b> · The trial of 19 Atajurt activists");
    expect(notice).toContain("The hearing is in 21 days; reminders will follow.");
    expect(notice).toContain("#Atajurt");
    expect(question).toBe("Add this hearing?");
    expect(await database.db.select().from(hearings)).toHaveLength(1); // nothing stored before the confirmation

    await b.bot.handleUpdate(press("cv:save"));
    expect(sentTexts(b.calls).at(-1)).toBe(
      "Added: <b>Sunday, 15 February 2026, 10:00 (UTC+5, Almaty Time)</b> (<code>hearing-2026-02-15</code>). Chats told now: 3; reminders follow at their times. Answers show it at once; the change is in /audit.",
    );
    const h = await hearingRow("hearing-2026-02-15");
    expect(h).toMatchObject({ date: "2026-02-15", time: "10:00", status: "scheduled", version: 1, sourceIds: ["example-org-2026-01-25"] });
    expect(h?.startsAt.toISOString()).toBe("2026-02-15T05:00:00.000Z");
    expect(h?.place).toEqual({ en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" });
    const [src] = await database.db.select().from(sources).where(eq(sources.id, "example-org-2026-01-25"));
    expect(src).toMatchObject({ publisher: "Example <News> & Co", url: "https://www.example.org/news/1", published: "2026-02-14" });
    expect(await revision(database)).toBe(rev0 + 1);
    expect((await auditRows(database)).map((r) => [r.actor_id, r.action, r.subject])).toEqual([
      [OWNER, "source.add", "example-org-2026-01-25"],
      [OWNER, "hearing.add", "hearing-2026-02-15"],
    ]);
    expect((await auditRows(database))[1]!.after).toMatchObject({ date: "2026-02-15", time: "10:00", status: "scheduled", notices: 3 });
    expect(await kvRows(database)).toEqual([]);
    const rows = await deliveryRows(database);
    expect(rows.map((r) => [r.chat_id, r.kind, r.subject_id, r.subject_version, r.status])).toEqual([
      [501, "hearing_changed", "hearing-2026-02-15", 1, "pending"],
      [502, "hearing_changed", "hearing-2026-02-15", 1, "pending"],
      [503, "hearing_changed", "hearing-2026-02-15", 1, "pending"],
    ]);
    expect(rows[0]!.payload).toEqual({ after: { date: "2026-02-15", time: "10:00", place: h!.place, status: "scheduled" } });

    // Answers see it at once, on the instance that saved and (from the revision) on the other.
    expect(await a.deps.content.refresh()).toBe(true);
    await a.bot.handleUpdate(textUpdate("when is the next hearing?", { chatId: 777 }));
    expect(sentTexts(a.calls).at(-1)).toContain("Sunday, 15 February 2026");

    // Through the outbox: exactly one message per chat, in its language, as the preview showed.
    await drainOutbox(database, fake, AFTER_OPENING);
    for (const id of [501, 502, 503]) expect(fake.messagesTo(id)).toHaveLength(1);
    expect(fake.messagesTo(501)[0]!.text).toBe(notice);
    expect(fake.messagesTo(502)[0]!.text).toContain("Сот отырысының күні белгіленді");
    expect(fake.messagesTo(503)[0]!.text).toContain("Назначена дата заседания");
    const markup = fake.messagesTo(503)[0]!.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, string>>> };
    expect(markup.inline_keyboard.flat()).toEqual([
      { text: "🔔 Следить за делом", url: "https://t.me/casebot_local_bot?start=subscribe" },
      { text: "↗️ Поделиться", switch_inline_query: "" },
    ]);
    expect(fake.messagesTo(504)).toEqual([]);
    expect(fake.messagesTo(505)).toEqual([]);

    // Reminders then come from the scheduler at their moments, and nothing at once on top of the notice.
    expect(await enqueueDueReminders(database.db, { now: new Date("2026-01-25T06:01:00Z"), timeZone: TZ, leads: LEADS })).toBe(0);
    expect(await enqueueDueReminders(database.db, { now: new Date("2026-02-14T05:00:00Z"), timeZone: TZ, leads: LEADS })).toBe(3);
    expect(emptyRows([...a.calls, ...b.calls])).toEqual([]);
    expect(outgoingTextProblems([...a.calls, ...b.calls])).toEqual([]);
  });

  it("a time not announced, a past date with a warning, an existing source: stored, and nobody notified", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING });
    await seedSubscriber(database, { id: 601, lang: "en" });
    await bot.handleUpdate(textUpdate("/add_hearing", { lang: "ru" }));
    expect(sentTexts(calls).at(-1)).toContain("Дата заседания");
    await bot.handleUpdate(textUpdate("2026-01-10", { lang: "ru" }));
    await bot.handleUpdate(press("cv:notime", { lang: "ru" }));
    expect(sentTexts(calls).at(-2)).toBe(
      "Понято так: <b>суббота, 10 января 2026 г., время не указано</b>.\n⚠️ Эта дата уже прошла: никто не получит уведомления.",
    );
    await bot.handleUpdate(press("cv:preset", { lang: "ru" }));
    for (const title of ["Preliminary hearing", "Алдын ала тыңдау", "Предварительное слушание"]) await bot.handleUpdate(textUpdate(title, { lang: "ru" }));
    await bot.handleUpdate(press("cv:src:0", { lang: "ru" }));
    expect(sentTexts(calls).at(-3)).toContain("Источник: Amnesty International");
    expect(sentTexts(calls).at(-2)).toBe("Дата уже прошла, поэтому уведомлений не будет.");
    await bot.handleUpdate(press("cv:save", { lang: "ru" }));
    expect(sentTexts(calls).at(-1)).toContain("Уведомлено чатов: 0");
    const h = await hearingRow("hearing-2026-01-10");
    expect(h).toMatchObject({ time: null, title: { en: "Preliminary hearing", kk: "Алдын ала тыңдау", ru: "Предварительное слушание" }, sourceIds: ["amnesty-2026-01"] });
    expect(h?.startsAt.toISOString()).toBe("2026-01-09T19:00:00.000Z"); // local midnight
    expect(await deliveryRows(database)).toEqual([]);
    expect((await auditRows(database)).map((r) => r.action)).toEqual(["hearing.add"]);
  });
});
