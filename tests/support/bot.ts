import { IMPORT_NOW } from "./db.js";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import { createApp, type App } from "../../src/app.js";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";
import { loadConfig, type Config } from "../../src/config.js";
import { importCase } from "../../src/case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { fixedClock } from "../../src/shared/time.js";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export const caseFile = () => loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE));

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ LOG_LEVEL: "silent", ...env });
}

/**
 * The real bot on a given database with a fixed clock; every outgoing call is recorded and
 * answered as Telegram would, without a network.
 */
export async function buildTestBot(database: Database, opts: { now?: string; env?: Record<string, string>; importContent?: boolean } = {}) {
  const config = testConfig(opts.env);
  if (opts.importContent !== false) await importCase(database.db, caseFile(), { timeZone: config.timeZone, now: IMPORT_NOW });
  const clock = fixedClock(opts.now ?? "2026-01-20T06:00:00Z");
  const app: App = await createApp({ config, logger: createLogger("silent"), clock, database, botInfo: LOCAL_BOT_INFO });
  const calls: ApiCall[] = [];
  let messageId = 1000;
  app.bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    const p = payload as Record<string, unknown>;
    const result =
      method === "sendMessage"
        ? { message_id: messageId++, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text }
        : true;
    return { ok: true, result } as never;
  });
  return { app, bot: app.bot, deps: app.deps, calls, clock, config };
}

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

export const sent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage");
export const lastText = (calls: ApiCall[]) => String(sent(calls).at(-1)?.payload.text ?? "");
export const buttons = (call: ApiCall | undefined) =>
  ((call?.payload.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> })?.inline_keyboard ?? []).flat();
