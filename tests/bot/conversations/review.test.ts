import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts, type ApiCall } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { auditRows, deliveryRows } from "../../support/rows.js";
import { enqueueUpdate } from "../../../src/editorial/updates.js";
import { seedEditor, seedSubscribers, seedUpdate } from "../../support/seed.js";
import { press, textUpdate } from "../../support/updates.js";
import { markSent } from "../../support/rows.js";

const NOW = "2026-01-25T06:00:00Z";
const EDITOR = 7001;
const to = (calls: ApiCall[], chat: number) => calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === chat).map((c) => String(c.payload.text));

describe.each(DB_KINDS)("REVIEW=required: four eyes on every broadcast (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function setUp(env: Record<string, string> = { REVIEW: "required" }) {
    await seedEditor(database, { userId: EDITOR, addedBy: OWNER });
    await seedSubscribers(database, [
      { id: 1001, lang: "en" },
      { id: 1002, lang: "ru" },
    ]);
    return buildTestBot(database, { env: { ...OWNER_ENV, ...env }, now: NOW });
  }

  /** The editor writes an update to the end and confirms it. */
  async function editorPublishes(a: Awaited<ReturnType<typeof setUp>>, text: string) {
    const as = { chatId: EDITOR };
    await a.bot.handleUpdate(textUpdate("/publish_update", as));
    await a.bot.handleUpdate(textUpdate(text, as));
    await a.bot.handleUpdate(press("cv:skip:kk", as));
    await a.bot.handleUpdate(press("cv:skip:ru", as));
    await a.bot.handleUpdate(press("cv:nolink", as));
    await a.bot.handleUpdate(press("cv:publish", as));
  }
  const outbox = async () => (await deliveryRows(database)).length;
  const updatesCount = async () => Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from updates`))[0]!.n);

  it("nothing reaches the outbox before approval; the reviewer gets the exact preview and the buttons; a rejection's reason reaches the author", async () => {
    const a = await setUp();
    await editorPublishes(a, "The court set the next hearing for 2 February.");
    expect(to(a.calls, EDITOR).at(-1)).toBe("⏳ Held for review #1: nothing goes out until another editor approves it. You will hear the decision here.");
    expect(await outbox()).toBe(0);
    expect(await updatesCount()).toBe(0);

    const owner = to(a.calls, OWNER);
    expect(owner[0]).toBe(`🔎 <b>Review #1</b>: editor <code>${EDITOR}</code> wants to publish a new update. Below is exactly what readers will get.`);
    expect(owner.filter((t) => t.startsWith("📰") && t.includes("2 February"))).toHaveLength(3);
    const decide = a.calls.filter((c) => c.method === "sendMessage" && Number(c.payload.chat_id) === OWNER).at(-1);
    expect(buttons(decide).map((b) => [b.text, b.callback_data])).toEqual([
      ["✅ Approve", "rv:a:1"],
      ["✖ Reject", "rv:r:1"],
    ]);

    // The author cannot approve their own broadcast.
    await a.bot.handleUpdate(press("rv:a:1", { chatId: EDITOR }));
    expect(to(a.calls, EDITOR).at(-1)).toContain("Review #1 is your own: another editor must approve it.");
    expect(await outbox()).toBe(0);

    await a.bot.handleUpdate(press("rv:r:1"));
    expect(sentTexts(a.calls).at(-1)).toBe("Why do you reject review #1? Its author will get your answer.");
    await a.bot.handleUpdate(textUpdate("The source does not confirm the date."));
    expect(to(a.calls, OWNER).at(-1)).toBe("Review #1 is rejected; its author has your reason.");
    expect(to(a.calls, EDITOR).at(-1)).toBe(`✖ Review #1 was rejected by <code>${OWNER}</code>. Reason: The source does not confirm the date.`);
    expect(await outbox()).toBe(0);
    // Decided once: a late approval does nothing.
    await a.bot.handleUpdate(press("rv:a:1"));
    expect(to(a.calls, OWNER).at(-1)).toBe("Review #1 has been decided already.");
    expect(await outbox()).toBe(0);
  });

  it("an approval by another editor sends it, as its author; an owner's override of their own broadcast is audited with its reason", async () => {
    const a = await setUp();
    await editorPublishes(a, "The hearing is on 2 February.");
    await a.bot.handleUpdate(press("rv:a:1"));
    expect(await updatesCount()).toBe(1);
    expect(await outbox()).toBe(2);
    expect(to(a.calls, EDITOR).at(-1)).toBe(`✅ Review #1 was approved by <code>${OWNER}</code> and is going out.`);

    // The owner publishes too: held like anyone's, then sent by override.
    await a.bot.handleUpdate(textUpdate("/publish_update"));
    await a.bot.handleUpdate(textUpdate("A second update."));
    await a.bot.handleUpdate(press("cv:skip:kk"));
    await a.bot.handleUpdate(press("cv:skip:ru"));
    await a.bot.handleUpdate(press("cv:nolink"));
    await a.bot.handleUpdate(press("cv:publish"));
    expect(await updatesCount()).toBe(1);
    expect(to(a.calls, EDITOR).some((t) => t.startsWith("🔎 <b>Review #2</b>"))).toBe(true);
    await a.bot.handleUpdate(textUpdate("/override 2"));
    expect(sentTexts(a.calls).at(-1)).toContain("/override N reason");
    await a.bot.handleUpdate(textUpdate("/override 2 The court changed the date an hour ago."));
    expect(await updatesCount()).toBe(2);
    // An editor cannot override.
    await a.bot.handleUpdate(textUpdate("/override 2 x", { chatId: EDITOR }));
    expect(to(a.calls, EDITOR).at(-1)).toBe("Only an owner can override a review.");

    expect((await auditRows(database)).map((r) => [r.actor_id, r.action, r.subject])).toEqual([
      [EDITOR, "review.submit", "review/1"],
      [OWNER, "review.approve", "review/1"],
      [EDITOR, "update.publish", "update/1"],
      [OWNER, "review.submit", "review/2"],
      [OWNER, "review.override", "review/2"],
      [OWNER, "update.publish", "update/2"],
    ]);
    expect((await auditRows(database))[4]!.after).toMatchObject({ reason: "The court changed the date an hour ago." });
  });

  it("a correction is held too: no edit is queued before approval, then one per delivered copy", async () => {
    const a = await setUp();
    const u = await seedUpdate(database, { body: { en: "The hearing is on 30 January." }, publishedAt: new Date(NOW), createdBy: OWNER });
    await enqueueUpdate(database.db, u.id, new Date(NOW));
    await markSent(database, (r) => r.kind === "update", (r) => r.chat_id - 900);
    const as = { chatId: EDITOR };
    await a.bot.handleUpdate(textUpdate("/correct_update", as));
    await a.bot.handleUpdate(press(`cv:u:${u.id}`, as));
    await a.bot.handleUpdate(press("cv:lang:en", as));
    await a.bot.handleUpdate(textUpdate("The hearing is on 31 January.", as));
    await a.bot.handleUpdate(press("cv:go", as));
    expect(to(a.calls, EDITOR).at(-1)).toContain("Held for review #1");
    const edits = async () => (await deliveryRows(database)).filter((r) => r.kind === "update_edit").length;
    expect(await edits()).toBe(0);
    expect((await a.deps.updates.get(u.id))!.body.en).toBe("The hearing is on 30 January.");
    expect(to(a.calls, OWNER)[0]).toContain(`wants to correct update #${u.id}`);
    expect(to(a.calls, OWNER).some((t) => t.includes("31 January") && t.includes("✏️ Corrected"))).toBe(true);
    await a.bot.handleUpdate(press("rv:a:1"));
    expect(await edits()).toBe(2);
    expect((await a.deps.updates.get(u.id))!.body.en).toBe("The hearing is on 31 January.");
    expect((await auditRows(database)).map((r) => [r.actor_id, r.action])).toEqual([
      [EDITOR, "review.submit"],
      [OWNER, "review.approve"],
      [EDITOR, "update.correct"],
    ]);
  });

  it("a hearing change is held too: the reviewer gets each language's notice, and approval makes the change and queues the notices", async () => {
    await seedEditor(database, { userId: EDITOR, addedBy: OWNER });
    await seedSubscribers(database, [{ id: 1001, lang: "en" }]);
    const a = await buildTestBot(database, { env: { ...OWNER_ENV, REVIEW: "required" }, now: "2026-01-20T06:00:00Z" });
    const as = { chatId: EDITOR };
    await a.bot.handleUpdate(textUpdate("/change_hearing", as));
    await a.bot.handleUpdate(press("cv:h:0", as));
    await a.bot.handleUpdate(press("cv:what:date", as));
    await a.bot.handleUpdate(textUpdate("30.01.2026", as));
    await a.bot.handleUpdate(textUpdate("10:30", as));
    await a.bot.handleUpdate(press("cv:src:0", as));
    await a.bot.handleUpdate(press("cv:save", as));
    expect(to(a.calls, EDITOR).at(-1)).toContain("Held for review #1");
    const version = async () => Number((await database.rows<{ v: number }>(sql`select version as v from hearings where id = 'trial-opening'`))[0]!.v);
    expect(await version()).toBe(1);
    expect((await deliveryRows(database)).filter((r) => r.kind === "hearing_changed")).toEqual([]);
    const owner = to(a.calls, OWNER);
    expect(owner[0]).toContain("wants to change the hearing “Opening of the trial”");
    expect(owner.filter((t) => t.includes("30 January 2026") || t.includes("30 қаңтар") || t.includes("30 января"))).toHaveLength(3);

    await a.bot.handleUpdate(press("rv:a:1"));
    expect(await version()).toBe(2);
    expect((await deliveryRows(database)).filter((r) => r.kind === "hearing_changed").map((r) => r.chat_id)).toEqual([1001]);
    expect(to(a.calls, OWNER).at(-1)).toContain("is now at version 2");
    expect((await auditRows(database)).map((r) => [r.actor_id, r.action])).toEqual([
      [EDITOR, "review.submit"],
      [OWNER, "review.approve"],
      [EDITOR, "hearing.change"],
    ]);
  });

  it("REVIEW=off (the default): an editor's update goes straight to the outbox", async () => {
    const a = await setUp({});
    await editorPublishes(a, "The hearing is on 2 February.");
    expect(await outbox()).toBe(2);
    expect(to(a.calls, OWNER)).toEqual([]);
  });
});
