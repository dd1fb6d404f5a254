/** Updates as Telegram sends them, for bot.handleUpdate: each with an update id of its own. */
import type { Update } from "grammy/types";
import { OWNER } from "./bot.js";

let updateId = 1;
export const user = (id = 42, language_code = "en") => ({ id, is_bot: false, first_name: "Test", language_code });

export function textUpdate(text: string, opts: { chatId?: number; lang?: string; chatType?: "private" | "group" | "supergroup"; userId?: number } = {}): Update {
  const chatId = opts.chatId ?? 42;
  const type = opts.chatType ?? "private";
  const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: type === "private" ? { id: chatId, type, first_name: "Test" } : { id: chatId, type, title: "Group" },
      from: user(opts.userId ?? (type === "private" ? chatId : 42), opts.lang ?? "en"),
      text,
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  } as Update;
}

export function callbackUpdate(data: string, opts: { chatId?: number; lang?: string } = {}): Update {
  const chatId = opts.chatId ?? 42;
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      chat_instance: "x",
      from: user(chatId, opts.lang ?? "en"),
      data,
      message: { message_id: 1, date: 0, chat: { id: chatId, type: "private", first_name: "Test" }, text: "" },
    },
  } as Update;
}

/** A message in a supergroup from a user. */
export const groupText = (text: string, chatId: number, userId: number, extra: Record<string, unknown> = {}): Update =>
  ({
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: chatId, type: "supergroup", title: "Group" },
      from: user(userId, "en"),
      text,
      entities: text.startsWith("/") ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] : [],
      ...extra,
    },
  }) as Update;

/** A button press under a message in a supergroup. */
export const groupCallback = (data: string, chatId: number, userId: number): Update =>
  ({
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      chat_instance: "g",
      from: user(userId, "en"),
      data,
      message: { message_id: 7, date: 0, chat: { id: chatId, type: "supergroup", title: "Group" }, text: "" },
    },
  }) as Update;

/** The bot's own membership of a chat changing (blocked, added, removed). */
export const myChatMember = (chat: Record<string, unknown>, status: string): Update =>
  ({
    update_id: updateId++,
    my_chat_member: {
      chat,
      from: user(42),
      date: 0,
      old_chat_member: { status: "member", user: { id: 1, is_bot: true, first_name: "casebot" } },
      new_chat_member: { status, user: { id: 1, is_bot: true, first_name: "casebot" }, ...(status === "kicked" ? { until_date: 0 } : {}) },
    },
  }) as unknown as Update;

/** A button press in a private chat (the presser's id is the chat's). */
export function press(data: string, opts: { chatId?: number; lang?: string } = {}): Update {
  return callbackUpdate(data, { chatId: OWNER, ...opts });
}

/** A message in a private chat that replies to another message (forwarded or not). */
export function replyUpdate(text: string, replyTo: Record<string, unknown>, opts: { chatId?: number } = {}): Update {
  const u = textUpdate(text, { chatId: OWNER, ...opts });
  const m = u.message!;
  Object.assign(m, { reply_to_message: { message_id: 5, date: 0, chat: m.chat, ...replyTo } });
  return u;
}

export function inlineQuery(query: string, opts: { lang?: string; userId?: number } = {}): Update {
  return {
    update_id: updateId++,
    inline_query: { id: `q${updateId}`, from: user(opts.userId ?? 7, opts.lang ?? "en"), query, offset: "", chat_type: "sender" },
  } as Update;
}

