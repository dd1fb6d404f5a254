import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeHearing } from "../../../src/editorial/hearings.js";
import { hearings } from "../../../src/db/schema.js";
import { parseLeads } from "../../../src/case/leads.js";
import { enqueueDueReminders } from "../../../src/delivery/scheduler.js";
import { fixedClock } from "../../../src/shared/time.js";
import { type ApiCall, buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { press, textUpdate } from "../../support/updates.js";
import { drainOutbox } from "../../support/delivery.js";
import { auditRows, deliveryRows, kvRows } from "../../support/rows.js";
import { seedSubscriber, seedSubscribers } from "../../support/seed.js";

const TZ = "Asia/Almaty";
const LEADS = parseLeads(["7d", "1d", "morning@08:00"]);
const AFTER_OPENING = "2026-01-25T06:00:00Z"; // the imported hearing (23 January) is past
const BEFORE_OPENING = "2026-01-20T06:00:00Z"; // …and here still ahead

const lastSent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage").at(-1);

/** Telegram shows an empty keyboard row as a gap, or refuses it: none in the editors' steps. */
const emptyRows = (calls: ApiCall[]) =>
  calls.filter((c) => ((c.payload.reply_markup as { inline_keyboard?: unknown[][] })?.inline_keyboard ?? []).some((row) => row.length === 0));

describe.each(DB_KINDS)("/change_hearing (%s)", (kind) => {
  const { database, fake } = useDatabase(kind, { fake: true });

  const hearingRow = async (id: string) => (await database.db.select().from(hearings).where(eq(hearings.id, id)))[0];

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
      "<b>Opening of the trial</b>\n📅 Friday, 23 January 2026, no time given\n📍 Taldykorgan\nStatus: scheduled",
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
    expect(sentTexts(b.calls)[0]).toBe("Read as: <b>Friday, 30 January 2026, 10:30 (UTC+5, Almaty Time)</b>.");
    await b.bot.handleUpdate(press("cv:src:0"));
    const [reach, notice, question] = sentTexts(b.calls).slice(-3);
    expect(reach).toContain("Chats subscribed to reminders or updates (3)");
    expect(notice).toContain("⚠️ <b>The hearing has changed</b> · The trial of 19 Atajurt activists");
    expect(notice).toContain("Was: Friday, 23 January 2026, no time given, Taldykorgan");
    expect(notice).toContain("Now: Friday, 30 January 2026, 10:30 (UTC+5, Almaty Time), Taldykorgan");
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
});
