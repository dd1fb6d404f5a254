import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addHearing, changeHearing } from "../../src/editorial/hearings.js";
import { toKeyboard } from "../../src/bot/keyboards.js";
import { parseDateInput, parseTimeInput } from "../../src/bot/conversations/hearing-input.js";
import { createContentStore } from "../../src/case/content/store.js";
import { hearings, sources } from "../../src/db/schema.js";
import { parseLeads } from "../../src/case/leads.js";
import { renderHearingChanged, renderReminder } from "../../src/render/notices.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { createI18n } from "../../src/i18n.js";
import { fixedClock } from "../../src/shared/time.js";
import { type ApiCall, buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { outgoingTextProblems } from "../support/telegram-html.js";
import { press, textUpdate } from "../support/updates.js";
import { drainOutbox } from "../support/delivery.js";
import { auditRows, deliveryRows, kvRows, revision } from "../support/rows.js";
import { seedSubscribers, seedSubscriber } from "../support/seed.js";

const TZ = "Asia/Almaty";
const LEADS = parseLeads(["7d", "1d", "morning@08:00"]);
const AFTER_OPENING = "2026-01-25T06:00:00Z"; // the imported hearing (23 January) is past
const BEFORE_OPENING = "2026-01-20T06:00:00Z"; // …and here still ahead

const lastSent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage").at(-1);

/** Telegram shows an empty keyboard row as a gap, or refuses it: none in the editors' steps. */
const emptyRows = (calls: ApiCall[]) =>
  calls.filter((c) => ((c.payload.reply_markup as { inline_keyboard?: unknown[][] })?.inline_keyboard ?? []).some((row) => row.length === 0));

describe("dates and times as editors type them", () => {
  it("reads ISO and day-first dates, and refuses impossible ones", () => {
    expect(parseDateInput("2026-02-15")).toEqual({ date: "2026-02-15" });
    expect(parseDateInput("15.02.2026")).toEqual({ date: "2026-02-15" });
    expect(parseDateInput(" 15/02/2026 ")).toEqual({ date: "2026-02-15" });
    expect(parseDateInput("5.2.2026")).toEqual({ date: "2026-02-05" });
    expect(parseDateInput("29.02.2028")).toEqual({ date: "2028-02-29" });
    expect(parseDateInput("29.02.2026")).toEqual({ error: "impossible" });
    expect(parseDateInput("31.04.2026")).toEqual({ error: "impossible" });
    expect(parseDateInput("2026-13-01")).toEqual({ error: "impossible" });
    expect(parseDateInput("00.01.2026")).toEqual({ error: "impossible" });
    expect(parseDateInput("15.02/2026")).toEqual({ error: "unreadable" });
    expect(parseDateInput("15 February")).toEqual({ error: "unreadable" });
    expect(parseDateInput("15.02.26")).toEqual({ error: "unreadable" });
  });

  it("reads 10:00 and 10.00 on the 24-hour clock, and refuses impossible times", () => {
    expect(parseTimeInput("10:00")).toEqual({ time: "10:00" });
    expect(parseTimeInput("10.00")).toEqual({ time: "10:00" });
    expect(parseTimeInput("9:30")).toEqual({ time: "09:30" });
    expect(parseTimeInput("23:59")).toEqual({ time: "23:59" });
    expect(parseTimeInput("24:00")).toEqual({ error: "impossible" });
    expect(parseTimeInput("10:60")).toEqual({ error: "impossible" });
    expect(parseTimeInput("10am")).toEqual({ error: "unreadable" });
    expect(parseTimeInput("1000")).toEqual({ error: "unreadable" });
  });
});

describe.each(DB_KINDS)("hearing conversations (%s)", (kind) => {
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
    expect(sentTexts(a.calls).at(-2)).toBe("Read as: <b>Sunday, 15 February 2026, 10:00 (UTC+5, Asia/Almaty)</b>.");
    expect(sentTexts(a.calls).at(-1)).toContain("The place in <b>English</b>");
    expect(buttons(lastSent(a.calls)).map((b) => b.text)).toEqual(["📍 Same as before: Taldykorgan", "✖ Cancel"]);
    expect(await kvRows(database)).toHaveLength(1);

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

    const [preview, reach, notice, question] = sentTexts(b.calls).slice(-4);
    expect(preview).toBe(
      [
        "<b>Preview</b>",
        "📅 Sunday, 15 February 2026, 10:00 (UTC+5, Asia/Almaty)",
        "📍 en: Taldykorgan · kk: Талдықорған · ru: Талдыкорган",
        "🏷 en: Court hearing · kk: Сот отырысы · ru: Судебное заседание",
        '<i>Source: Example &lt;News&gt; &amp; Co, «<a href="https://www.example.org/news/1">Court sets the date</a>» (14 February 2026)</i>',
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
      "Added: <b>Sunday, 15 February 2026, 10:00 (UTC+5, Asia/Almaty)</b> (<code>hearing-2026-02-15</code>). Chats told now: 3; reminders follow at their times. Answers show it at once; the change is in /audit.",
    );
    const h = await hearingRow("hearing-2026-02-15");
    expect(h).toMatchObject({ date: "2026-02-15", time: "10:00", status: "scheduled", version: 1, sourceIds: ["example-org-2026-01-25"] });
    expect(h?.startsAt.toISOString()).toBe("2026-02-15T05:00:00.000Z");
    expect(h?.place).toEqual({ en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" });
    const [src] = await database.db.select().from(sources).where(eq(sources.id, "example-org-2026-01-25"));
    expect(src).toMatchObject({ publisher: "Example <News> & Co", url: "https://www.example.org/news/1", published: "14 February 2026" });
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
      "Понято так: <b>суббота, 10 января 2026 г., время не объявлено (даты по времени UTC+5, Asia/Almaty)</b>.\n⚠️ Эта дата уже прошла: никто не получит уведомления.",
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

  it("change a hearing's date: pick → what → date → (restart) → time → source → preview → save; one notice per chat through the outbox", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV, now: BEFORE_OPENING });
    await seedSubscribers(database, [
      { id: 701, lang: "en" },
      { id: 702, lang: "kk", reminders: false },
      { id: 703, lang: "ru" },
      { id: 704, lang: "en", reminders: false, updates: false },
      { id: 705, lang: "en", status: "left", type: "group" },
    ]);
    // Reminders of the old date already queued: the change cancels them.
    expect(await enqueueDueReminders(database.db, { now: new Date("2026-01-22T03:00:00Z"), timeZone: TZ, leads: LEADS })).toBe(2);

    await a.bot.handleUpdate(textUpdate("/change_hearing"));
    expect(buttons(lastSent(a.calls)).map((x) => [x.text, x.callback_data])).toEqual([
      ["23.01.2026 · Opening of the trial (scheduled)", "cv:h:0"],
      ["✖ Cancel", "cv:cancel"],
    ]);
    await a.bot.handleUpdate(press("cv:h:0"));
    expect(sentTexts(a.calls).at(-2)).toBe(
      "<b>Opening of the trial</b>\n📅 Friday, 23 January 2026, time not announced (dates in UTC+5, Asia/Almaty)\n📍 Taldykorgan\nStatus: scheduled",
    );
    expect(buttons(lastSent(a.calls)).map((x) => x.callback_data)).toEqual([
      "cv:what:date",
      "cv:what:place",
      "cv:what:postponed",
      "cv:what:cancelled",
      "cv:what:held",
      "cv:cancel",
    ]);
    // The same date and time as recorded is no change: asked again.
    await a.bot.handleUpdate(press("cv:what:date"));
    await a.bot.handleUpdate(textUpdate("23.01.2026"));
    await a.bot.handleUpdate(press("cv:notime"));
    expect(sentTexts(a.calls).slice(-2)).toEqual(["That is what is recorded already: nothing to change. Choose again, or send /cancel.", "What has changed?"]);
    await a.bot.handleUpdate(press("cv:what:date"));
    await a.bot.handleUpdate(textUpdate("30.01.2026"));

    const b = await buildTestBot(database, { env: OWNER_ENV, now: BEFORE_OPENING, importContent: false });
    await b.bot.handleUpdate(textUpdate("10:30"));
    expect(sentTexts(b.calls)[0]).toBe("Read as: <b>Friday, 30 January 2026, 10:30 (UTC+5, Asia/Almaty)</b>.");
    await b.bot.handleUpdate(press("cv:src:0"));
    const [reach, notice, question] = sentTexts(b.calls).slice(-3);
    expect(reach).toContain("Chats subscribed to reminders or updates (3)");
    expect(notice).toContain("⚠️ <b>The hearing has changed</b> · The trial of 19 Atajurt activists");
    expect(notice).toContain("Was: Friday, 23 January 2026, time not announced (dates in UTC+5, Asia/Almaty), Taldykorgan");
    expect(notice).toContain("Now: Friday, 30 January 2026, 10:30 (UTC+5, Asia/Almaty), Taldykorgan");
    expect(question).toBe("Save this change to «Opening of the trial»?");
    expect((await hearingRow("trial-opening"))?.version).toBe(1);

    await b.bot.handleUpdate(press("cv:save"));
    expect(sentTexts(b.calls).at(-1)).toBe("Saved: «Opening of the trial» is now at version 2. Chats told: 3. The change is in /audit.");
    const h = await hearingRow("trial-opening");
    expect(h).toMatchObject({ date: "2026-01-30", time: "10:30", status: "scheduled", version: 2 });
    expect(h?.startsAt.toISOString()).toBe("2026-01-30T05:30:00.000Z");
    const rows = await deliveryRows(database);
    expect(rows.filter((r) => r.kind === "reminder").map((r) => [r.chat_id, r.status])).toEqual([
      [701, "cancelled"],
      [703, "cancelled"],
    ]);
    expect(rows.filter((r) => r.kind === "hearing_changed").map((r) => [r.chat_id, r.subject_version, r.status])).toEqual([
      [701, 2, "pending"],
      [702, 2, "pending"],
      [703, 2, "pending"],
    ]);
    const audit = await auditRows(database);
    expect(audit.map((r) => [r.actor_id, r.action, r.subject])).toEqual([[OWNER, "hearing.change", "trial-opening"]]);
    expect(audit[0]!.before).toMatchObject({ date: "2026-01-23", time: null, version: 1 });
    expect(audit[0]!.after).toMatchObject({ date: "2026-01-30", time: "10:30", version: 2, notices: 3 });
    expect(await kvRows(database)).toEqual([]);

    await drainOutbox(database, fake, BEFORE_OPENING);
    expect(fake.messagesTo(701).map((m) => m.text)).toEqual([notice]);
    expect(fake.messagesTo(702).map((m) => m.text)).toEqual([expect.stringContaining("Сот отырысы өзгерді")]);
    expect(fake.messagesTo(703).map((m) => m.text)).toEqual([expect.stringContaining("Заседание изменилось")]);
    expect(fake.messagesTo(704)).toEqual([]);
    expect(fake.messagesTo(705)).toEqual([]);
    expect(emptyRows([...a.calls, ...b.calls])).toEqual([]);
  });

  it("mark a past hearing held with its outcome in three languages: stored, audited, nobody notified", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING });
    await seedSubscriber(database, { id: 801, lang: "en" });
    await bot.handleUpdate(textUpdate("/change_hearing"));
    await bot.handleUpdate(press("cv:h:0"));
    await bot.handleUpdate(press("cv:what:held"));
    expect(sentTexts(calls).at(-1)).toContain("The outcome in <b>English</b>");
    const outcome = { en: "The court heard the defence.\nThe next date is <not> set.", kk: "Сот қорғауды тыңдады.", ru: "Суд заслушал защиту." };
    await bot.handleUpdate(textUpdate(outcome.en));
    await bot.handleUpdate(textUpdate(outcome.kk));
    await bot.handleUpdate(textUpdate(outcome.ru));
    await bot.handleUpdate(press("cv:src:0"));
    const texts = sentTexts(calls);
    expect(texts.at(-3)).toBe(
      "<b>Outcome</b> (shown with the hearing):\nen: The court heard the defence.\nThe next date is &lt;not&gt; set. · kk: Сот қорғауды тыңдады. · ru: Суд заслушал защиту.",
    );
    expect(texts.at(-2)).toContain("was and stays in the past, so nobody is notified");
    await bot.handleUpdate(press("cv:save"));
    expect(sentTexts(calls).slice(-2)).toEqual([
      "Saved: «Opening of the trial» is now at version 2. Chats told: 0. The change is in /audit.",
      "To tell subscribers what happened, publish an update with /publish_update.",
    ]);
    expect(await hearingRow("trial-opening")).toMatchObject({ status: "held", outcome, version: 2 });
    expect(await deliveryRows(database)).toEqual([]);
    expect((await auditRows(database)).map((r) => [r.action, (r.after as { outcome?: unknown }).outcome])).toEqual([["hearing.change", outcome]]);

    // Held is no longer offered for a held hearing; "scheduled again" is.
    await bot.handleUpdate(textUpdate("/change_hearing"));
    await bot.handleUpdate(press("cv:h:0"));
    expect(buttons(lastSent(calls)).map((x) => x.callback_data)).toEqual([
      "cv:what:date",
      "cv:what:place",
      "cv:what:postponed",
      "cv:what:cancelled",
      "cv:what:scheduled",
      "cv:cancel",
    ]);
  });

  it("saves nothing when someone else changed the hearing meanwhile", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: BEFORE_OPENING });
    await bot.handleUpdate(textUpdate("/change_hearing"));
    await bot.handleUpdate(press("cv:h:0"));
    await bot.handleUpdate(press("cv:what:postponed"));
    await bot.handleUpdate(press("cv:src:0"));
    await changeHearing({ database, clock: fixedClock(BEFORE_OPENING), timeZone: TZ }, "trial-opening", { date: "2026-01-24" });
    await bot.handleUpdate(press("cv:save"));
    expect(sentTexts(calls).at(-1)).toContain("Someone else changed this hearing while you were working on it");
    expect(await hearingRow("trial-opening")).toMatchObject({ date: "2026-01-24", status: "scheduled", version: 2 });
    expect(await auditRows(database)).toEqual([]);
  });

  it("a new hearing changed before its notice went: one notice with the latest facts; cancelled before it went: none", async () => {
    await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING });
    await seedSubscribers(database, [
      { id: 901, lang: "en" },
      { id: 902, lang: "ru" },
    ]);
    const now = new Date(AFTER_OPENING);
    const clock = fixedClock(now);
    const base = {
      time: null,
      place: { en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" },
      title: { en: "Court hearing", kk: "Сот отырысы", ru: "Судебное заседание" },
      source: { id: "amnesty-2026-01" },
    };
    const added = await addHearing({ database, clock, timeZone: TZ }, { ...base, date: "2026-02-10" }, OWNER);
    expect(added.notices).toBe(2);
    await changeHearing({ database, clock, timeZone: TZ }, added.hearing.id, { date: "2026-02-12", time: "11:00" });
    const rows = await deliveryRows(database);
    expect(rows.map((r) => [r.chat_id, r.subject_version, r.status])).toEqual([
      [901, 1, "cancelled"],
      [902, 1, "cancelled"],
      [901, 2, "pending"],
      [902, 2, "pending"],
    ]);
    // Still a "date set" notice (nobody heard of the first date), with what is true now.
    expect(rows[2]!.payload).toEqual({ after: { date: "2026-02-12", time: "11:00", place: base.place, status: "scheduled" } });
    await drainOutbox(database, fake, AFTER_OPENING);
    expect(fake.messagesTo(901).map((m) => m.text)).toEqual([expect.stringContaining("A hearing date is set")]);
    expect(fake.messagesTo(901)[0]!.text).toContain("Thursday, 12 February 2026, 11:00 (UTC+5, Asia/Almaty)");

    // Once it went, a change is a change, from the date they were told.
    await changeHearing({ database, clock, timeZone: TZ }, added.hearing.id, { status: "postponed" });
    const again = (await deliveryRows(database)).filter((r) => r.subject_version === 3);
    expect(again[0]!.payload).toMatchObject({ before: { date: "2026-02-12", status: "scheduled" }, after: { status: "postponed" } });

    // Added and cancelled before anything went: nothing is sent.
    fake.reset();
    const other = await addHearing({ database, clock, timeZone: TZ }, { ...base, date: "2026-03-03" }, OWNER);
    await changeHearing({ database, clock, timeZone: TZ }, other.hearing.id, { status: "cancelled" });
    await database.db.execute(sql`update deliveries set status = 'cancelled' where subject_id = ${added.hearing.id}`);
    await drainOutbox(database, fake, AFTER_OPENING);
    expect(fake.accepted).toBe(0);
    expect((await deliveryRows(database)).filter((r) => r.subject_id === other.hearing.id && r.subject_version === 2).map((r) => r.status)).toEqual([
      "cancelled",
      "cancelled",
    ]);
  });

  it("refuses non-editors, works only in private, and /cancel leaves with nothing stored", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: AFTER_OPENING });
    for (const command of ["/add_hearing", "/change_hearing", "/publish_update"]) {
      await bot.handleUpdate(textUpdate(command, { chatId: 77 }));
      expect(sentTexts(calls).at(-1)).toContain("only for the editors");
      await bot.handleUpdate(textUpdate(command, { chatId: -100555, chatType: "supergroup", userId: OWNER }));
      expect(sentTexts(calls).at(-1)).toContain("Editor tools work only in a private chat");
    }
    await bot.handleUpdate(press("cv:what:held", { chatId: 77 }));
    expect(await kvRows(database)).toEqual([]);

    await bot.handleUpdate(textUpdate("/add_hearing"));
    await bot.handleUpdate(textUpdate("15.02.2026"));
    await bot.handleUpdate(textUpdate("/cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    await bot.handleUpdate(textUpdate("10:00"));
    expect(await database.db.select().from(hearings)).toHaveLength(1);
    expect(await auditRows(database)).toEqual([]);
    expect(await kvRows(database)).toEqual([]);
  });

  it("reminders and change notices carry the case, #Atajurt, the bot and Follow and Share buttons", async () => {
    await buildTestBot(database, { env: OWNER_ENV, now: BEFORE_OPENING });
    const [h] = await database.db.select().from(hearings);
    const ctx = {
      i18n: createI18n(),
      snapshot: (await createContentStore(database.db)).current(),
      timeZone: TZ,
      botUsername: "casebot_test_bot",
      now: new Date(BEFORE_OPENING),
    };
    const payload = { before: { date: "2026-01-22", time: null, place: h!.place, status: "scheduled" }, after: { date: h!.date, time: null, place: h!.place, status: "scheduled" } };
    for (const lang of ["en", "kk", "ru"] as const) {
      const name = ctx.snapshot.meta!.name[lang];
      for (const r of [renderReminder(ctx, { subjectVersion: 1 }, h, lang), renderHearingChanged(ctx, { subjectVersion: 1, payload }, h, lang)]) {
        if (!("html" in r)) throw new Error(r.skip);
        expect(r.html).toContain(name);
        expect(r.html).toContain("#Atajurt");
        expect(r.html).toContain("@casebot_test_bot");
        expect(r.html).toContain("UTC+5, Asia/Almaty");
        expect(JSON.parse(JSON.stringify(toKeyboard(r.buttons))).inline_keyboard.flat()).toEqual([
          { text: createI18n().t(lang)("passing.subscribe_button"), url: "https://t.me/casebot_test_bot?start=subscribe" },
          { text: createI18n().t(lang)("passing.share_button"), switch_inline_query: "" },
        ]);
      }
    }
  });
});
