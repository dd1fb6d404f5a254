import type { Update } from "grammy/types";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_RATE_LIMIT } from "../../../src/bot/middleware/ratelimit.js";
import { buildTestBot, lastText, sent } from "../../support/bot.js";
import { callbackUpdate, textUpdate } from "../../support/updates.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const ERROR_TEXT = "something went wrong";

let nextId = 50_000;
const privateChat = { id: 42, type: "private", first_name: "T" };
const group = { id: -100_42, type: "supergroup", title: "G" };
const from = { id: 42, is_bot: false, first_name: "T", language_code: "en" };
const message = (extra: Record<string, unknown>, chat: object = privateChat): Update =>
  ({ update_id: nextId++, message: { message_id: nextId, date: 0, chat, from, ...extra } }) as unknown as Update;
const file = { file_id: "f", file_unique_id: "u" };

/** What the bot does with an update in a private chat: says something (this), nothing, or answers the button. */
type Handling = { reply: string } | "silence" | "button";

/** Updates no feature is written for, and what the bot should do with each in a private chat. */
const ODD: Array<[string, () => Update, Handling]> = [
  ["a sticker", () => message({ sticker: { ...file, type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }), { reply: "I can only read text" }],
  ["a photo with a caption", () => message({ photo: [{ ...file, width: 1, height: 1 }], caption: "<b>look</b> & see" }), { reply: "I can only read text" }],
  ["a voice message", () => message({ voice: { ...file, duration: 3 } }), { reply: "I can only read text" }],
  ["a contact", () => message({ contact: { phone_number: "+77010000000", first_name: "X" } }), { reply: "I can only read text" }],
  ["a location", () => message({ location: { latitude: 43.2, longitude: 76.9 } }), { reply: "I can only read text" }],
  ["an edited message", () => ({ update_id: nextId++, edited_message: { message_id: 1, date: 0, edit_date: 1, chat: privateChat, from, text: "edited" } }) as unknown as Update, "silence"],
  ["a channel post", () => ({ update_id: nextId++, channel_post: { message_id: 1, date: 0, chat: { id: -100_7, type: "channel", title: "C" }, text: "post" } }) as unknown as Update, "silence"],
  ["an inline query", () => ({ update_id: nextId++, inline_query: { id: "q", from, query: "hearing", offset: "" } }) as unknown as Update, "silence"],
  [
    "the bot being blocked",
    () =>
      ({
        update_id: nextId++,
        my_chat_member: { chat: privateChat, from, date: 0, old_chat_member: { status: "member", user: from }, new_chat_member: { status: "kicked", user: from, until_date: 0 } },
      }) as unknown as Update,
    "silence",
  ],
  ["unknown callback data", () => callbackUpdate("zzz-unknown"), "button"],
  ["an old button (topic without language)", () => callbackUpdate("t:charges"), "button"],
  ["an old button (removed topic)", () => callbackUpdate("t:verdict-2024:en"), "button"],
  ["an old button (unknown language)", () => callbackUpdate("lang:de"), "button"],
  ["empty callback data", () => callbackUpdate(""), "button"],
  ["a message over 4,096 characters", () => textUpdate("When is the hearing? ".repeat(200).slice(0, 4097)), { reply: "That message is too long for me" }],
  ["only emoji", () => textUpdate("🙂🙂🙂👍🏽🇰🇿"), { reply: "I don't have an answer to that" }],
  // A chat of its own: Arabic-script Kazakh is remembered as the chat's script.
  ["RTL text", () => textUpdate("سوت قاشان بولادى؟ מתי המשפט?", { chatId: 4201 }), { reply: "<b>سوت كۇنى مەن كەلەسى وتىرىس</b>" }],
  ["zero-width characters", () => textUpdate("\u200b\u200c\u200d\u2060\ufeff"), { reply: "I don't have an answer to that" }],
  ["control characters", () => textUpdate("\u0000\u0007\u001b[31mhearing\u007f\u0085"), { reply: "I don't have an answer to that" }],
  ["a right-to-left override", () => textUpdate("\u202etxet desrever\u202c when"), { reply: "I don't have an answer to that" }],
  ["a lone surrogate", () => textUpdate("hearing \ud800 date"), { reply: "<b>Trial date &amp; next hearing</b>" }],
  ["an unknown command", () => textUpdate("/nosuchcommand"), { reply: "I don't know that command" }],
  ["a command for another bot", () => textUpdate("/start@someone_else_bot"), { reply: "I don't know that command" }],
];

describe.each(DB_KINDS)("updates no feature is written for (%s)", (kind) => {
  // One bot for these: none of them changes what the next one sees.
  const { database } = useDatabase(kind, { empty: false });

  let t: Awaited<ReturnType<typeof buildTestBot>>;

  beforeAll(async () => {
    t = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
  });

  beforeEach(() => {
    t.calls.length = 0;
    // Out of the flood window, so every case is answered as a first message would be.
    t.clock.advance(DEFAULT_RATE_LIMIT.windowMs);
    vi.restoreAllMocks();
  });

  it.each(ODD)("%s: handled on purpose, never an exception", async (_name, make, expected) => {
    const { bot, calls, deps } = t;
    const errors = vi.spyOn(deps.logger, "error");
    await expect(bot.handleUpdate(make())).resolves.toBeUndefined();
    expect(errors).not.toHaveBeenCalled();
    const replies = sent(calls).map((c) => String(c.payload.text));
    const answers = calls.filter((c) => c.method === "answerCallbackQuery").map((c) => String(c.payload.text));
    if (typeof expected === "object") expect(replies).toEqual([expect.stringContaining(expected.reply)]);
    if (expected === "silence") expect(replies).toEqual([]);
    if (expected === "button") expect([replies, answers]).toEqual([[], [expect.stringContaining("out of date")]]);
    for (const t of [...replies, ...answers]) expect(t).not.toContain(ERROR_TEXT);
  });

  it.each(["a sticker", "a photo with a caption", "a voice message", "an unknown command"])("stays silent in a group on %s", async (name) => {
    const { bot, calls } = t;
    const make = ODD.find(([n]) => n === name)![1];
    const update = make();
    if (update.message) (update.message as { chat: object }).chat = group;
    await bot.handleUpdate(update);
    expect(sent(calls)).toEqual([]);
  });
});

describe("what no feature took", () => {
  const { database } = useDatabase();

  it("answers an old or forged button as out of date", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:no-such-topic:en"));
    await bot.handleUpdate(callbackUpdate("v0:whatever"));
    const answers = calls.filter((c) => c.method === "answerCallbackQuery");
    expect(answers).toHaveLength(2);
    for (const a of answers) expect(String(a.payload.text)).toContain("out of date");
  });

  it("answers a command it does not know with a pointer to /help", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/nosuchcommand", { lang: "ru" }));
    expect(lastText(calls)).toContain("Я не знаю такой команды");
    expect(lastText(calls)).toContain("/help");
  });

  it("answers a sticker politely in a private chat and stays silent in a group", async () => {
    const { bot, calls } = await buildTestBot(database);
    const sticker = (type: "private" | "group") =>
      ({
        update_id: 9000 + calls.length,
        message: {
          message_id: 1,
          date: 0,
          chat: type === "private" ? { id: 42, type, first_name: "T" } : { id: -5, type, title: "G" },
          from: { id: 42, is_bot: false, first_name: "T", language_code: "en" },
          sticker: { file_id: "x", file_unique_id: "y", type: "regular", width: 1, height: 1, is_animated: false, is_video: false },
        },
      }) as never;
    await bot.handleUpdate(sticker("private"));
    expect(lastText(calls)).toContain("I can only read text");
    const n = sent(calls).length;
    await bot.handleUpdate(sticker("group"));
    expect(sent(calls)).toHaveLength(n);
  });
});
