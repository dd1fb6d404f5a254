import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { correctUpdate, copies, retractUpdate, translateUpdate, untranslated } from "../../src/editorial/corrections.js";
import { enqueueUpdate } from "../../src/editorial/updates.js";
import { readStats } from "../../src/db/stats.js";
import { createI18n } from "../../src/i18n.js";
import { statsText } from "../../src/render/editorial.js";
import { fixedClock } from "../../src/shared/time.js";
import { drainOutbox, importContent } from "../support/delivery.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { auditRows, chatIs, deliveryRows } from "../support/rows.js";
import { seedSubscribers, seedUpdate, TZ } from "../support/seed.js";

const NOW = "2026-01-25T06:00:00Z";
const LATER = "2026-01-25T07:30:00Z";

describe.each(DB_KINDS)("corrections, later translations and retractions through the outbox (%s)", (kind) => {
  const { database, fake } = useDatabase(kind, { fake: true });
  const deps = (at = LATER) => ({ database, clock: fixedClock(at), timeZone: TZ });

  /** An update in English only, delivered to four chats (en, en by default, kk, ru), and one copy still queued. */
  async function delivered() {
    await importContent(database);
    await seedSubscribers(database, [
      { id: 1001, lang: "en" },
      { id: 1002, lang: null },
      { id: 1003, lang: "kk" },
      { id: 1004, lang: "ru" },
    ]);
    const u = await seedUpdate(database, { body: { en: "The hearing is on 30 January." }, publishedAt: new Date(NOW), createdBy: 42 });
    await enqueueUpdate(database.db, u.id, new Date(NOW));
    await drainOutbox(database, fake, NOW);
    expect(fake.callsOf("sendMessage")).toHaveLength(4);
    // A chat that subscribed meanwhile: its copy is still queued.
    await seedSubscribers(database, [{ id: 1005, lang: "ru" }]);
    await enqueueUpdate(database.db, u.id, new Date(NOW));
    fake.reset();
    return u;
  }
  const editsTo = () => fake.callsOf("editMessageText").map((c) => ({ chat: Number(c.payload.chat_id), id: Number(c.payload.message_id), text: String(c.payload.text) }));

  it("a correction edits every delivered copy in place, marked corrected with the time; the queued copy goes out corrected; a copy that can't be edited is counted, not retried", async () => {
    const u = await delivered();
    const deliveredRows = await deliveryRows(database);
    const sentIds = new Map(
      (await database.rows<{ d: number; mid: unknown }>(sql`select id::float8 as d, telegram_message_id as mid from deliveries where status = 'sent'`)).map((r) => [
        (deliveredRows.find((x) => x.id === Number(r.d)) ?? { chat_id: 0 }).chat_id,
        Number(r.mid),
      ]),
    );
    expect(sentIds.size).toBe(4);
    expect(await copies(deps(), u.id)).toEqual({ delivered: 4, queued: 1 });
    fake.fail(1004, { code: 400, description: "Bad Request: message can't be edited" });

    const r = await correctUpdate(deps(), { updateId: u.id, body: { en: "The hearing is on 31 January." } }, 42);
    expect(r).toEqual({ revision: 2, changed: 4, queued: 1 });
    await drainOutbox(database, fake, LATER);

    const edits = editsTo();
    expect(edits.map((e) => e.chat).sort()).toEqual([1001, 1002, 1003, 1004]);
    for (const e of edits) expect(e.id).toBe(sentIds.get(e.chat));
    for (const e of edits.filter((x) => x.chat !== 1004)) {
      expect(e.text).toContain("The hearing is on 31 January.");
      expect(e.text).not.toContain("30 January");
    }
    expect(edits.find((e) => e.chat === 1001)!.text).toContain("<i>✏️ Corrected Sunday, 25 January 2026, 12:30 (UTC+5, Almaty Time)</i>");
    expect(edits.find((e) => e.chat === 1003)!.text).toContain("✏️ Түзетілді");
    // The copy that was still queued went out once, already corrected.
    const late = fake.callsOf("sendMessage");
    expect(late.map((c) => Number(c.payload.chat_id))).toEqual([1005]);
    expect(String(late[0]!.payload.text)).toContain("The hearing is on 31 January.");
    expect(String(late[0]!.payload.text)).toContain("✏️ Исправлено");

    const rows = await deliveryRows(database);
    const edit = rows.filter((x) => x.kind === "update_edit");
    expect(edit.filter((x) => x.status === "sent")).toHaveLength(3);
    const refused = edit.find((x) => x.chat_id === 1004)!;
    expect(refused).toMatchObject({ status: "dead", attempts: 1 });
    expect(refused.last_error).toContain("message can't be edited");
    expect((await auditRows(database)).map((a) => [a.actor_id, a.action, a.subject])).toEqual([[42, "update.correct", `update/${u.id}`]]);
    // /stats counts the copy Telegram would not let the bot edit.
    const stats = await readStats(database.db, new Date("2026-01-25T07:40:00Z"), new Date(NOW));
    expect(stats.edits).toEqual({ edited: 3, refused: 1, pending: 0 });
    expect(statsText(createI18n().t("en"), stats)).toContain("<b>3</b> copies edited, <b>1</b> that Telegram no longer lets me edit");

    // A second correction edits each copy once more, never the copy that Telegram refused twice over.
    fake.reset();
    const r2 = await correctUpdate(deps("2026-01-25T08:00:00Z"), { updateId: u.id, body: { en: "The hearing is on 2 February." } }, 42);
    expect(r2.changed).toBe(5);
    await drainOutbox(database, fake, "2026-01-25T08:00:00Z");
    expect(editsTo().map((e) => e.chat).sort()).toEqual([1001, 1002, 1003, 1004, 1005]);
  });

  it("a copy still being sent when the correction is made is edited once its send is recorded, with the message id it got", async () => {
    const u = await delivered();
    // Chat 1005's copy is in flight: claimed, no message id yet.
    await database.db.execute(sql`update deliveries set status = 'sending', lease_until = ${"2026-01-25T07:31:00Z"}::timestamptz where ${chatIs(database, 1005)} and kind = 'update'`);
    const r = await correctUpdate(deps(), { updateId: u.id, body: { en: "The hearing is on 31 January." } }, 42);
    expect(r.changed).toBe(5);
    const waiting = (await deliveryRows(database)).find((x) => x.kind === "update_edit" && x.chat_id === 1005)!;
    expect(waiting.payload).toMatchObject({ messageId: null });
    // Its send is recorded meanwhile, as message 777.
    await database.db.execute(sql`update deliveries set status = 'sent', telegram_message_id = 777, lease_until = null where ${chatIs(database, 1005)} and kind = 'update'`);
    await drainOutbox(database, fake, "2026-01-25T07:32:00Z");
    expect(editsTo().find((e) => e.chat === 1005)).toMatchObject({ id: 777 });
    expect(fake.callsOf("sendMessage")).toEqual([]);
  });

  it("a translation added later edits exactly the copies of that language's readers, and /pending's list shrinks", async () => {
    const u = await delivered();
    expect((await untranslated(deps())).map((x) => [x.update.id, x.missing])).toEqual([[u.id, ["kk", "ru"]]]);
    const r = await translateUpdate(deps(), { updateId: u.id, lang: "ru", text: "Заседание 30 января." }, 42);
    expect(r).toEqual({ revision: 2, changed: 1, queued: 1 });
    await drainOutbox(database, fake, LATER);
    const edits = editsTo();
    expect(edits.map((e) => e.chat)).toEqual([1004]);
    expect(edits[0]!.text).toContain("Заседание 30 января.");
    expect(edits[0]!.text).not.toContain("не переведено");
    expect(edits[0]!.text).not.toContain("Исправлено");
    // The queued Russian copy went out translated, not as a second message to anyone.
    expect(fake.callsOf("sendMessage").map((c) => [Number(c.payload.chat_id), String(c.payload.text).includes("Заседание 30 января.")])).toEqual([[1005, true]]);
    expect((await untranslated(deps())).map((x) => x.missing)).toEqual([["kk"]]);
    expect((await auditRows(database)).map((a) => a.action)).toEqual(["update.translate"]);
  });

  it("a retraction deletes what it can, leaves a notice in the reader's language where it cannot, and drops the queued copy", async () => {
    const u = await delivered();
    fake.on("deleteMessage", (p) =>
      Number(p.chat_id) === 1003 ? { ok: false, error_code: 400, description: "Bad Request: message can't be deleted for everyone" } : undefined,
    );
    const r = await retractUpdate(deps(), { updateId: u.id, reason: "wrong date" }, 42);
    expect(r).toEqual({ revision: 2, changed: 4, queued: 1 });
    await drainOutbox(database, fake, LATER);
    expect(fake.callsOf("deleteMessage").map((c) => Number(c.payload.chat_id)).sort()).toEqual([1001, 1002, 1003, 1004]);
    const notices = fake.callsOf("sendMessage");
    expect(notices.map((c) => Number(c.payload.chat_id))).toEqual([1003]);
    expect(String(notices[0]!.payload.text)).toContain("редакторлар кері қайтарып алды");
    const rows = await deliveryRows(database);
    expect(rows.find((x) => x.kind === "update" && x.chat_id === 1005)).toMatchObject({ status: "cancelled" });
    expect(rows.filter((x) => x.kind === "update_delete").every((x) => x.status === "sent")).toBe(true);
    expect((await auditRows(database)).map((a) => [a.action, (a.after as { reason: string }).reason])).toEqual([["update.retract", "wrong date"]]);
    await expect(correctUpdate(deps(), { updateId: u.id, body: { en: "x" } }, 42)).rejects.toThrow(/retracted/);
  });
});
