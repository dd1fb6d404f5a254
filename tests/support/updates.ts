import { Writable } from "node:stream";
import type { InputFile } from "grammy";
import type { Update } from "grammy/types";
import type { BotDeps } from "../../src/bot/context.js";
import { createLogger } from "../../src/logger.js";
import { callbackUpdate, textUpdate, user, type ApiCall } from "./bot.js";

/** The owner in these tests: ADMIN_IDS=42, and 42 is also the default private chat of the helpers. */
export const OWNER = 42;
export const OWNER_ENV = { ADMIN_IDS: String(OWNER) };

let nextId = 900_000;

/** Replaces the bot's logger with one whose JSON lines land in the returned array. */
export function captureLogs(deps: BotDeps, level = "info"): string[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  deps.logger = createLogger(level, { destination: sink });
  return lines;
}

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
    update_id: nextId++,
    inline_query: { id: `q${nextId}`, from: user(opts.userId ?? 7, opts.lang ?? "en"), query, offset: "", chat_type: "sender" },
  } as Update;
}

export const sentTexts = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));

export const keyboardOf = (call: ApiCall | undefined) =>
  ((call?.payload.reply_markup as { inline_keyboard?: Array<Array<Record<string, string>>> })?.inline_keyboard ?? []).flat();

/** The text of a document the bot sent (an InputFile made from a Buffer). */
export async function documentText(call: ApiCall): Promise<string> {
  const raw = await (call.payload.document as InputFile).toRaw();
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString("utf8");
  const parts: Uint8Array[] = [];
  for await (const p of raw as AsyncIterable<Uint8Array>) parts.push(p);
  return Buffer.concat(parts).toString("utf8");
}
