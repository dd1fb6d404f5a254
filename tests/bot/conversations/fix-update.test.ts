import { describe, expect, it } from "vitest";
import { enqueueUpdate } from "../../../src/editorial/updates.js";
import { buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts, type ApiCall } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { auditRows, deliveryRows } from "../../support/rows.js";
import { seedSubscribers, seedUpdate } from "../../support/seed.js";
import { press, textUpdate } from "../../support/updates.js";
import { markSent } from "../../support/rows.js";

const NOW = "2026-01-25T06:00:00Z";
const LATER = "2026-01-25T08:00:00Z";
const lastSent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage").at(-1);

describe.each(DB_KINDS)("/correct_update, /translate_update, /retract_update and /pending (%s)", (kind) => {
  const { database } = useDatabase(kind);

  /** An English-only update delivered to three chats (en, kk, ru) and still queued for a fourth. */
  async function delivered() {
    await seedSubscribers(database, [
      { id: 1001, lang: "en" },
      { id: 1002, lang: "kk" },
      { id: 1003, lang: "ru" },
      { id: 1004, lang: "ru" },
    ]);
    const u = await seedUpdate(database, { body: { en: "The hearing is on 30 January." }, publishedAt: new Date(NOW), createdBy: OWNER });
    await enqueueUpdate(database.db, u.id, new Date(NOW));
    await markSent(database, (r) => r.chat_id !== 1004, (r) => r.chat_id - 900);
    return u;
  }

  it("/correct_update: pick, language, new text, the exact preview, a confirmation naming the copies, then one edit per delivered copy in the outbox", async () => {
    const u = await delivered();
    const a = await buildTestBot(database, { env: OWNER_ENV, now: LATER });
    await a.bot.handleUpdate(textUpdate("/correct_update"));
    expect(sentTexts(a.calls).at(-1)).toBe("Which update do you want to correct?");
    expect(buttons(lastSent(a.calls))[0]).toMatchObject({ text: "#1 · 2026-01-25 · The hearing is on 30 January.", callback_data: `cv:u:${u.id}` });
    await a.bot.handleUpdate(press(`cv:u:${u.id}`));
    expect(sentTexts(a.calls).at(-1)).toBe("Update #1: which language's text do you want to change?");
    await a.bot.handleUpdate(press("cv:lang:en"));
    expect(sentTexts(a.calls).slice(-2)).toEqual(["Its <b>English</b> text now:\nThe hearing is on 30 January.", "The new text in <b>English</b>:"]);
    await a.bot.handleUpdate(textUpdate("The hearing is on 31 January."));

    const shown = sentTexts(a.calls);
    const preview = shown.find((t) => t.startsWith("📰") && t.includes("31 January"))!;
    expect(preview).toContain("<i>✏️ Corrected Sunday, 25 January 2026, 13:00 (UTC+5, Almaty Time)</i>");
    expect(shown.at(-1)).toBe(
      "Correct update #1? <b>3</b> delivered copies will be edited in place and marked corrected; 1 not yet sent will go out corrected.",
    );
    expect(buttons(lastSent(a.calls)).map((b) => b.callback_data)).toEqual(["cv:go", "cv:again", "cv:cancel"]);
    expect((await deliveryRows(database)).filter((r) => r.kind !== "update")).toEqual([]);

    await a.bot.handleUpdate(press("cv:go"));
    expect(sentTexts(a.calls).at(-1)).toBe("✏️ Update #1 is corrected.\nCopies edited so far: 0 of 3.");
    const edits = (await deliveryRows(database)).filter((r) => r.kind === "update_edit");
    expect(edits.map((r) => [r.chat_id, r.subject_version, r.payload?.messageId])).toEqual([
      [1001, 2, 101],
      [1002, 2, 102],
      [1003, 2, 103],
    ]);
    expect((await auditRows(database)).map((r) => [r.actor_id, r.action])).toEqual([[OWNER, "update.correct"]]);
  });

  it("/pending lists what lacks a language; /translate_update offers only the missing ones and edits only that language's copies", async () => {
    const u = await delivered();
    const a = await buildTestBot(database, { env: OWNER_ENV, now: LATER });
    await a.bot.handleUpdate(textUpdate("/pending"));
    expect(sentTexts(a.calls).at(-1)).toContain("<b>1 update lacks a translation:</b>\n#1 · 2026-01-25 · The hearing is on 30 January.\n   missing: Қазақша, Русский");

    await a.bot.handleUpdate(textUpdate("/translate_update"));
    await a.bot.handleUpdate(press(`cv:u:${u.id}`));
    expect(buttons(lastSent(a.calls)).map((b) => b.callback_data)).toEqual(["cv:lang:kk", "cv:lang:ru", "cv:cancel"]);
    await a.bot.handleUpdate(press("cv:lang:ru"));
    await a.bot.handleUpdate(textUpdate("Заседание 30 января."));
    const shown = sentTexts(a.calls);
    expect(shown.filter((t) => t.startsWith("📰"))).toHaveLength(1);
    expect(shown.at(-1)).toBe(
      "Add this translation to update #1? <b>1</b> delivered copies in that language will be edited into it; 1 not yet sent will go out translated.",
    );
    await a.bot.handleUpdate(press("cv:go"));
    expect((await deliveryRows(database)).filter((r) => r.kind === "update_edit").map((r) => r.chat_id)).toEqual([1003]);
    await a.bot.handleUpdate(textUpdate("/pending"));
    expect(sentTexts(a.calls).at(-1)).toContain("missing: Қазақша");
    expect(sentTexts(a.calls).at(-1)).not.toContain("Русский");
  });

  it("/retract_update asks a reason, confirms with the copies and queues deletes; the site and the lists no longer show it", async () => {
    const u = await delivered();
    const a = await buildTestBot(database, { env: OWNER_ENV, now: LATER });
    await a.bot.handleUpdate(textUpdate("/retract_update"));
    await a.bot.handleUpdate(press(`cv:u:${u.id}`));
    await a.bot.handleUpdate(textUpdate("The date was wrong."));
    expect(sentTexts(a.calls).filter((t) => t.includes("has been withdrawn by the editors"))).toHaveLength(1);
    expect(sentTexts(a.calls).at(-1)).toContain("Retract update #1? <b>3</b> delivered copies will be deleted");
    await a.bot.handleUpdate(press("cv:go"));
    const rows = await deliveryRows(database);
    expect(rows.filter((r) => r.kind === "update_delete").map((r) => r.chat_id)).toEqual([1001, 1002, 1003]);
    expect(rows.find((r) => r.kind === "update" && r.chat_id === 1004)!.status).toBe("cancelled");
    expect(await a.deps.updates.published()).toEqual([]);
    await a.bot.handleUpdate(textUpdate("/correct_update"));
    expect(sentTexts(a.calls).at(-1)).toBe("There is no published update to correct.");
  });
});
