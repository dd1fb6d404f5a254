import { getTableColumns, sql } from "drizzle-orm";
import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/client.js";
import { auditLog, chats, deliveries, editors, kvState, subscriptions, unanswered } from "../../../src/db/schema.js";
import { createI18n } from "../../../src/i18n.js";
import { LANGS } from "../../../src/shared/lang.js";
import { telegramHtmlProblems } from "../../support/telegram-html.js";
import { buildTestBot, lastText, sent } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
/** Every text-like value stored anywhere in the public schema, one string per row. */
async function everythingStored(database: Database): Promise<string[]> {
  const tables = await database.rows<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
  const out: string[] = [];
  for (const { tablename } of tables) {
    const rows = await database.rows<{ r: string }>(sql`select t::text as r from ${sql.identifier(tablename)} t`);
    for (const { r } of rows) out.push(`${tablename}: ${r}`);
  }
  return out;
}

describe.each(DB_KINDS)("privacy (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it.each([
    ["en", "What this bot stores", "Never stored", "30 days"],
    ["kk", "Бот осы чат туралы не сақтайды", "Ешқашан сақталмайды", "30 күннен"],
    ["ru", "Что бот хранит", "Никогда не хранится", "30 дней"],
  ])("/privacy says in %s what is stored, why, for how long and how to delete it", async (lang, header, never, days) => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/privacy", { lang }));
    const msg = sent(calls).at(-1)!;
    const text = String(msg.payload.text);
    expect(text).toContain(header);
    expect(text).toContain(never);
    expect(text).toContain(days);
    expect(text).toContain("/forget");
    expect(text).toContain("/language");
    expect(msg.payload.parse_mode).toBe("HTML");
    expect(telegramHtmlProblems(text)).toEqual([]);
  });

  it("stores no name, username, phone number or message text, whatever people send", async () => {
    const { bot } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    const person = { id: 5_550_001, is_bot: false, first_name: "Zhanargul", last_name: "Kassymova", username: "zh_kassymova", language_code: "kk" };
    const chat = { id: 5_550_001, type: "private", first_name: "Zhanargul", last_name: "Kassymova", username: "zh_kassymova" };
    const message = (id: number, extra: Record<string, unknown>) =>
      ({ update_id: 90_000 + id, message: { message_id: id, date: 0, chat, from: person, ...extra } }) as unknown as Update;
    await bot.handleUpdate(message(1, { text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] }));
    await bot.handleUpdate(message(2, { text: "my cousin Yerlan zqxmarker vanished, what can I do +7 701 987 0199" }));
    await bot.handleUpdate(message(3, { contact: { phone_number: "+77019870199", first_name: "Yerlan", user_id: 5_550_002 } }));
    await bot.handleUpdate(message(4, { text: "/language", entities: [{ type: "bot_command", offset: 0, length: 9 }] }));
    const cb = callbackUpdate("lang:kk", { chatId: 5_550_001 });
    Object.assign(cb.callback_query!.from, { first_name: "Zhanargul", username: "zh_kassymova" });
    await bot.handleUpdate(cb);

    const stored = (await everythingStored(database)).filter((r) => !r.startsWith("unanswered:"));
    for (const secret of ["Zhanargul", "Kassymova", "zh_kassymova", "Yerlan", "0199", "zqxmarker"])
      for (const row of stored) expect(row, `${secret} stored`).not.toContain(secret);
    // The chat itself is stored, with its chosen language and nothing else: its id only sealed.
    expect(stored.some((r) => r.startsWith("chats:") && r.includes("kk"))).toBe(true);
    expect(stored.filter((r) => r.includes("5550001"))).toEqual([]);
    // An unanswered question keeps its text, with no id of any kind beside it.
    const logs = await database.rows<Record<string, unknown>>(sql`select * from unanswered`);
    expect(logs.map((l) => Object.keys(l).sort())).toEqual([["created_at", "id", "lang", "text"]]);
    expect(logs[0]!.text).toBe("my cousin Yerlan zqxmarker vanished, what can I do +7 701 987 0199");
  });

  it("keeps working after /privacy: it is a text, and stores nothing", async () => {
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    await bot.handleUpdate(textUpdate("/privacy", { chatId: 77 }));
    expect(lastText(calls)).toContain("/forget");
    expect(await database.rows(sql`select 1 from chats`)).toHaveLength(0);
  });

  it("the privacy topic's answer is /privacy's text, in every language", async () => {
    const { bot, calls } = await buildTestBot(database);
    for (const lang of LANGS) {
      await bot.handleUpdate(textUpdate("/privacy", { lang }));
      const command = lastText(calls);
      await bot.handleUpdate(callbackUpdate(`t:privacy:${lang}`));
      const topic = lastText(calls);
      expect(command).toBe(createI18n().t(lang)("privacy.text"));
      expect(topic).toContain(command);
      // A statement about the bot itself: nothing to cite.
      expect(topic).not.toContain("Amnesty");
    }
  });
});

/**
 * What /privacy says, against what the schema stores about a chat: every column of the tables that
 * hold a chat id (and of the unanswered questions) is named by some words of the text. A column
 * added to one of these tables fails here until the text says it is stored.
 */
describe("the privacy text names everything the code stores about a chat", () => {
  const text = createI18n().t("en")("privacy.text");
  const NAMED: Record<string, Record<string, string>> = {
    chats: {
      ref: "a keyed fingerprint of it",
      sealed: "Telegram id, encrypted",
      type: "and its type",
      language: "Its language",
      kkScript: "the script (Cyrillic, Latin or Arabic)",
      kkScriptChosen: "chosen or last written in",
      status: "has blocked the bot",
      createdAt: "when this record was created",
      updatedAt: "last changed",
    },
    subscriptions: {
      chatRef: "Reminder and update choices",
      reminders: "Reminder and update choices",
      updates: "Reminder and update choices",
      leadTimes: "Reminder and update choices",
      createdAt: "Reminder and update choices",
      updatedAt: "Reminder and update choices",
    },
    deliveries: Object.fromEntries(
      Object.keys(getTableColumns(deliveries)).map((c) => [c, c === "telegramMessageId" ? "the sent message's number" : c === "sentAt" ? "when they were sent" : "queued for or sent to this chat"]),
    ),
    kvState: { key: "unfinished dialogue", chatRef: "unfinished dialogue", chatSealed: "unfinished dialogue", value: "an editor's current step, or what the last question was about", updatedAt: "unfinished dialogue" },
    unanswered: { id: "nothing that links them to you", text: "Their text", lang: "and language", createdAt: "deleted after 30 days" },
    // The people who run it: editors, and what they did (the audit log), until they use /forget.
    editors: {
      userRef: "with its keyed fingerprint",
      sealed: "An editor's user id (encrypted",
      addedByRef: "who added them",
      addedBySealed: "who added them",
      createdAt: "who added them and when",
    },
    auditLog: {
      id: "the audit log",
      actorRef: "what they changed and when",
      actorSealed: "what they changed and when",
      actorToken: "a different random token",
      action: "what was done",
      subject: "what they changed",
      subjectSealed: "who added them and when",
      before: "what they changed",
      after: "what they changed",
      at: "what was done and when",
    },
  };
  const tables = { chats, subscriptions, deliveries, kvState, unanswered, editors, auditLog };

  it.each(Object.keys(tables) as Array<keyof typeof tables>)("%s", (name) => {
    const columns = Object.keys(getTableColumns(tables[name]));
    expect(columns.length).toBeGreaterThan(2);
    for (const c of columns) {
      const words = NAMED[name]![c];
      expect(words, `${name}.${c} is not named in the privacy text`).toBeDefined();
      expect(text, `${name}.${c}`).toContain(words);
    }
  });
});
