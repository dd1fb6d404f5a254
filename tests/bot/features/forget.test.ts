import { sql } from "drizzle-orm";
import { audit } from "../../../src/db/audit.js";
import { describe, expect, it } from "vitest";
import { cb } from "../../../src/bot/callback-data.js";
import { buildTestBot, buttons, lastText, sent } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { seedEditor, seedEverythingAbout, seedUnanswered } from "../../support/seed.js";
import { chatIs, mentionsOf, rowsAbout } from "../../support/rows.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const ME = 7_001_234_567;
const OTHER = 7_009_876_543;
const GROUP = -1_001_234_567_890;

/** What seedEverythingAbout leaves about a chat: a row in each table that holds a chat id, two in the outbox. */
const EVERYTHING = ["chats.ref: 1", "chats.sealed: 1", "deliveries.chat_ref: 2", "kv_state.chat_ref: 1", "kv_state.chat_sealed: 1", "subscriptions.chat_ref: 1"];

describe.each(DB_KINDS)("/forget (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("asks first, in the chat's language, and deletes nothing when told no", async () => {
    await seedEverythingAbout(database, ME);
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    await bot.handleUpdate(textUpdate("/forget", { chatId: ME }));
    const ask = sent(calls).at(-1)!;
    expect(String(ask.payload.text)).toContain("Удалить всё");
    expect(buttons(ask).map((b) => b.callback_data)).toEqual([cb.forgetYes, cb.forgetNo]);
    expect(await rowsAbout(database, ME)).toEqual(EVERYTHING);

    await bot.handleUpdate(callbackUpdate(cb.forgetNo, { chatId: ME }));
    expect(calls.at(-1)).toMatchObject({ method: "editMessageText", payload: { text: "Ничего не удалено." } });
    expect(await rowsAbout(database, ME)).toEqual(EVERYTHING);
  });

  it("deletes everything about the chat on yes, confirms, and leaves other chats and the anonymous log alone", async () => {
    await seedEverythingAbout(database, ME);
    await seedEverythingAbout(database, OTHER);
    await seedUnanswered(database, { text: "when is the verdict?" });
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    await bot.handleUpdate(textUpdate("/forget", { chatId: ME }));
    await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId: ME }));

    expect(await rowsAbout(database, ME)).toEqual([]);
    expect(await rowsAbout(database, OTHER)).toEqual(EVERYTHING);
    expect(await database.rows(sql`select 1 from unanswered`)).toHaveLength(1);
    // Confirmed in the language the chat had chosen, by replacing the question and its buttons.
    expect(calls.at(-1)).toMatchObject({ method: "editMessageText", payload: { parse_mode: "HTML" } });
    expect(String(calls.at(-1)!.payload.text)).toContain("удалено");
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);

    // Afterwards the bot still answers, and stores nothing by answering.
    await bot.handleUpdate(textUpdate("/start", { chatId: ME, lang: "en" }));
    expect(lastText(calls)).toContain("Hello!");
    expect(await rowsAbout(database, ME)).toEqual([]);
  });

  it("confirms with a new message when the question can no longer be edited", async () => {
    await seedEverythingAbout(database, ME);
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "editMessageText") throw new Error("message can't be edited");
      return prev(method, payload, signal);
    });
    await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId: ME }));
    expect(await rowsAbout(database, ME)).toEqual([]);
    expect(lastText(calls)).toContain("удалено");
  });

  it("in a group, lets only administrators delete the group's data", async () => {
    await seedEverythingAbout(database, GROUP, "supergroup");
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const admins = new Set([111]);
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "getChatMember") {
        const p = payload as { user_id: number };
        return { ok: true, result: { status: admins.has(p.user_id) ? "administrator" : "member", user: { id: p.user_id } } } as never;
      }
      return prev(method, payload, signal);
    });
    const groupCallback = (userId: number) => {
      const u = callbackUpdate(cb.forgetYes, { chatId: GROUP });
      const q = u.callback_query! as unknown as { from: { id: number }; message: { chat: unknown } };
      q.from.id = userId;
      q.message.chat = { id: GROUP, type: "supergroup", title: "G" };
      return u;
    };

    await bot.handleUpdate(textUpdate("/forget", { chatId: GROUP, chatType: "supergroup", userId: 222 }));
    expect(lastText(calls)).toContain("только её администраторы");
    await bot.handleUpdate(groupCallback(222));
    expect(calls.at(-1)).toMatchObject({ method: "answerCallbackQuery" });
    expect(String(calls.at(-1)!.payload.text)).toContain("администраторы");
    expect(await rowsAbout(database, GROUP)).toEqual(EVERYTHING);

    await bot.handleUpdate(textUpdate("/forget", { chatId: GROUP, chatType: "supergroup", userId: 111 }));
    expect(buttons(sent(calls).at(-1)).map((b) => b.callback_data)).toEqual([cb.forgetYes, cb.forgetNo]);
    await bot.handleUpdate(groupCallback(111));
    expect(await rowsAbout(database, GROUP)).toEqual([]);
  });

  /** For an editor or owner the seeded `conversation:` row would be read as a conversation: their rows, without it. */
  async function seedStaff(id: number) {
    await seedEverythingAbout(database, id);
    await database.db.execute(sql`delete from kv_state where ${chatIs(database, id)}`);
  }

  it("an editor who forgets themselves loses the role at once, and is told so", async () => {
    await seedStaff(ME);
    await seedEditor(database, { userId: ME });
    const { bot, calls, deps } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    expect(await deps.editors.isEditor(ME)).toBe(true); // now cached
    await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId: ME, lang: "en" }));
    expect(await mentionsOf(database, ME)).toEqual([]);
    expect(await deps.editors.isEditor(ME)).toBe(false);
    const done = String(calls.at(-1)!.payload.text);
    expect(done).toContain("удалено");
    expect(done).toContain("больше не редактор");
    expect(done).not.toContain("ADMIN_IDS");
  });

  it("an owner is told the role is in ADMIN_IDS, which /forget cannot delete", async () => {
    await seedStaff(ME);
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN, ADMIN_IDS: String(ME) } });
    await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId: ME }));
    expect(await mentionsOf(database, ME)).toEqual([]);
    const done = String(calls.at(-1)!.payload.text);
    expect(done).toContain("ADMIN_IDS");
    expect(done).not.toContain("больше не редактор");
  });

  it("after an editor and an owner forget themselves, /audit and /editors show what was done, by no one who can be named", async () => {
    const EDITOR = 7_001_111_111;
    const LATER = 7_002_222_222;
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN, ADMIN_IDS: String(ME) } });
    await bot.handleUpdate(textUpdate(`/editors add ${EDITOR}`, { chatId: ME, lang: "en" }));
    await bot.handleUpdate(textUpdate(`/editors add ${LATER}`, { chatId: ME, lang: "en" }));
    await audit(database.db, { actorId: EDITOR, action: "topic.answer", subject: "verdict/en", after: { text: "A text" }, at: new Date("2026-01-20T06:00:00Z") });
    await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId: EDITOR, lang: "en" }));
    await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId: ME, lang: "en" }));
    expect(await mentionsOf(database, EDITOR)).toEqual([]);
    expect(await mentionsOf(database, ME)).toEqual([]);

    // The owner role comes from ADMIN_IDS, so the tools still open for ME.
    await bot.handleUpdate(textUpdate("/audit", { chatId: ME, lang: "en" }));
    const shown = lastText(calls);
    expect(shown).toContain("<b>topic.answer</b>");
    expect(shown).toContain("<b>editor.add</b>");
    expect(shown).not.toContain(String(EDITOR));
    expect(shown).not.toContain(String(ME));
    expect(shown.match(/forgotten-[0-9a-f]{12}/g)!.length).toBeGreaterThanOrEqual(3);
    await bot.handleUpdate(textUpdate("/editors", { chatId: ME, lang: "en" }));
    expect(lastText(calls)).toContain(`• <code>${LATER}</code>, added by <code>—</code>`);
  });
});
