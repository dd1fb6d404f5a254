import fc from "fast-check";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";
import { DEFAULT_RATE_LIMIT } from "../../src/bot/middleware/ratelimit.js";
import { LANGS } from "../../src/shared/lang.js";
import { createI18n } from "../../src/i18n.js";
import { type ApiCall, buildTestBot } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { outgoingTextProblems } from "../support/telegram-html.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const ERROR_TEXT = LANGS.map((l) => createI18n().t(l)("error"));

type ChatType = "private" | "group" | "supergroup";

/** Any text: every Unicode code point (lone surrogates too), or text close to what the bot expects. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 300 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
  fc.string({ unit: fc.constantFrom("<", ">", "&", "/", "@", " ", "\u200b", "\u202e", "\u0000", "b", "i", "a", "я", "ә", "ق", "🙂"), minLength: 1, maxLength: 60 }),
  fc.constantFrom("когда суд", "сот қашан", "sot qashan", "when is the hearing", "what is atajurt", "статья 174", "x".repeat(4096), " ", "\n"),
  fc.tuple(fc.constantFrom("/start", "/help", "/language", "/sources", "/privacy", "/forget", "/ask", "/subscribe", "/settings", "/x", "/start@other_bot", `/help@${LOCAL_BOT_INFO.username}`), fc.string({ maxLength: 40 })).map(([c, rest]) => `${c} ${rest}`),
  fc.string({ maxLength: 40 }).map((s) => `@${LOCAL_BOT_INFO.username} ${s}`),
);

/** Callback data as any client may send: current shapes with odd parts, old shapes, or noise. */
const anyData = fc.oneof(
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.tuple(fc.constantFrom("t:", "m:", "lang:", "tr:", "forget:", "sub:", "set:", "v1:", ""), fc.string({ maxLength: 30 }), fc.constantFrom("", ":en", ":kk", ":ru", ":latn", ":arab", ":de")).map(([a, b, c]) => `${a}${b}${c}`),
  fc.constantFrom("t:charges:en", "t:next-hearing:kk", "m:ru", "lang:kk", "tr:charges:latn", "forget:no", "forget:yes"),
);

const anyLang = fc.option(fc.oneof(fc.constantFrom("en", "kk", "ru", "de", "kk-KZ", "ru-RU", "uk", "zh-hans"), fc.string({ maxLength: 8 })), { nil: undefined });
const anyChatType = fc.constantFrom<ChatType>("private", "private", "group", "supergroup");

const file = { file_id: "f", file_unique_id: "u" };
const media = fc.constantFrom<Record<string, unknown>>(
  { sticker: { ...file, type: "regular", width: 1, height: 1, is_animated: false, is_video: false } },
  { photo: [{ ...file, width: 1, height: 1 }] },
  { voice: { ...file, duration: 1 } },
  { document: { ...file, file_name: "a.pdf" } },
  { location: { latitude: 1, longitude: 2 } },
  { contact: { phone_number: "+70000000000", first_name: "X" } },
  { poll: { id: "p", question: "q", options: [], total_voter_count: 0, is_closed: false, is_anonymous: true, type: "regular", allows_multiple_answers: false } },
  { new_chat_members: [{ id: 5, is_bot: false, first_name: "N" }] },
);

interface Spec {
  kind: "text" | "media" | "caption" | "edited" | "callback" | "inline" | "member" | "channel";
  chatType: ChatType;
  chatSeed: number;
  lang: string | undefined;
  text: string;
  data: string;
  media: Record<string, unknown>;
  replyToBot: boolean;
}

const anySpec: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom<Spec["kind"]>("text", "text", "text", "text", "media", "caption", "edited", "callback", "callback", "inline", "member", "channel"),
  chatType: anyChatType,
  chatSeed: fc.integer({ min: 1, max: 50 }),
  lang: anyLang,
  text: anyText,
  data: anyData,
  media,
  replyToBot: fc.boolean(),
});

let updateId = 1_000_000;
function build(s: Spec): Update {
  const chatId = s.chatType === "private" ? 10_000 + s.chatSeed : -100_000 - s.chatSeed;
  const chat = s.chatType === "private" ? { id: chatId, type: "private", first_name: "P" } : { id: chatId, type: s.chatType, title: "G" };
  const from = { id: 10_000 + s.chatSeed, is_bot: false, first_name: "P", ...(s.lang !== undefined ? { language_code: s.lang } : {}) };
  const base = { message_id: updateId, date: 0, chat, from };
  const command = /^\/\S+/.exec(s.text);
  const textMessage = {
    ...base,
    text: s.text,
    ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    ...(s.replyToBot ? { reply_to_message: { message_id: 1, date: 0, chat, from: LOCAL_BOT_INFO, text: "…" } } : {}),
  };
  const id = updateId++;
  switch (s.kind) {
    case "text":
      return { update_id: id, message: textMessage } as unknown as Update;
    case "media":
      return { update_id: id, message: { ...base, ...s.media } } as unknown as Update;
    case "caption":
      return { update_id: id, message: { ...base, photo: [{ ...file, width: 1, height: 1 }], caption: s.text } } as unknown as Update;
    case "edited":
      return { update_id: id, edited_message: { ...textMessage, edit_date: 1 } } as unknown as Update;
    case "callback":
      return { update_id: id, callback_query: { id: String(id), chat_instance: "c", from, data: s.data, message: { ...base, text: "…" } } } as unknown as Update;
    case "inline":
      return { update_id: id, inline_query: { id: String(id), from, query: s.text.slice(0, 256), offset: "" } } as unknown as Update;
    case "member":
      return {
        update_id: id,
        my_chat_member: { chat, from, date: 0, old_chat_member: { status: "member", user: from }, new_chat_member: { status: s.replyToBot ? "kicked" : "member", user: from, until_date: 0 } },
      } as unknown as Update;
    case "channel":
      return { update_id: id, channel_post: { message_id: id, date: 0, chat: { id: -1_000_000 - s.chatSeed, type: "channel", title: "C" }, text: s.text } } as unknown as Update;
  }
}

describe.each(DB_KINDS)("random updates through the whole bot (%s)", (kind) => {
  const { database } = useDatabase(kind, { empty: false });
  let t: Awaited<ReturnType<typeof buildTestBot>>;
  const rejections: unknown[] = [];
  const onRejection = (r: unknown) => void rejections.push(r);

  beforeAll(async () => {
    t = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN } });
    // getChatMember as Telegram answers it for an ordinary member: /forget in groups asks it.
    t.bot.api.config.use(async (prev, method, payload, signal) =>
      method === "getChatMember" ? ({ ok: true, result: { status: "member", user: { id: 1 } } } as never) : prev(method, payload, signal),
    );
    process.on("unhandledRejection", onRejection);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
  });

  it(`handles ${RUNS} random updates: nothing escapes, every private message and every button press is answered`, { timeout: 300_000 }, async () => {
    const errors = vi.spyOn(t.deps.logger, "error");
    let privateMessages = 0;
    let presses = 0;
    await fc.assert(
      fc.asyncProperty(anySpec, async (spec) => {
        // Past the flood window each time: flood control has its own test, this one wants answers.
        t.clock.advance(DEFAULT_RATE_LIMIT.windowMs);
        errors.mockClear();
        const update = build(spec);
        const before = t.calls.length;
        await t.bot.handleUpdate(update);
        const out: ApiCall[] = t.calls.slice(before);
        const texts = out.map((c) => String(c.payload.text ?? ""));
        expect(errors).not.toHaveBeenCalled();
        for (const e of ERROR_TEXT) for (const x of texts) expect(x).not.toContain(e);
        expect(outgoingTextProblems(out)).toEqual([]);
        if (update.message?.chat.type === "private") {
          privateMessages++;
          expect(out.filter((c) => c.method === "sendMessage" && c.payload.chat_id === update.message!.chat.id)).not.toHaveLength(0);
        }
        if (update.callback_query) {
          presses++;
          expect(out.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(1);
        }
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
    );
    // Both conditional checks above ran often enough to mean something.
    expect(privateMessages).toBeGreaterThan(RUNS / 5);
    expect(presses).toBeGreaterThan(RUNS / 10);
    expect(rejections).toEqual([]);
  });
});
