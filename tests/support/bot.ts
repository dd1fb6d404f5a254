/** The real bot in a test: built on a test database, its calls to Telegram recorded and answered here. */
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { InputFile } from "grammy";
import { createApp, type App } from "../../src/app.js";
import type { BotDeps } from "../../src/bot/context.js";
import { importCase } from "../../src/case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { fixedClock } from "../../src/shared/time.js";
import { IMPORT_NOW } from "./db.js";

/** The owner in these tests: ADMIN_IDS=42, and 42 is also the default private chat of the helpers. */
export const OWNER = 42;
export const OWNER_ENV = { ADMIN_IDS: String(OWNER) };

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

/** Answers getChatMember / getChat as Telegram would for the given admins and channels. */
export function telegramKnows(
  bot: Awaited<ReturnType<typeof buildTestBot>>["bot"],
  calls: ApiCall[],
  world: { admins?: Record<number, number[]>; botAdminIn?: number[]; channels?: Array<{ id: number; username: string }> },
) {
  bot.api.config.use(async (prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    if (method === "getChatMember") {
      calls.push({ method, payload: p });
      const chatId = Number(p.chat_id);
      const userId = Number(p.user_id);
      const admin = userId === bot.botInfo.id ? (world.botAdminIn ?? []).includes(chatId) : (world.admins?.[chatId] ?? []).includes(userId);
      const u = { id: userId, is_bot: false, first_name: "U" };
      return { ok: true, result: admin ? { status: "administrator", user: u, can_post_messages: true } : { status: "member", user: u } } as never;
    }
    if (method === "getChat") {
      calls.push({ method, payload: p });
      const c = (world.channels ?? []).find((x) => `@${x.username}` === p.chat_id || x.id === Number(p.chat_id));
      return (c ? { ok: true, result: { ...c, type: "channel", title: "News" } } : { ok: false, error_code: 400, description: "Bad Request: chat not found" }) as never;
    }
    return prev(method, payload);
  });
}

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

export const sent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage");
export const sentTexts = (calls: ApiCall[]) => sent(calls).map((c) => String(c.payload.text));
export const lastText = (calls: ApiCall[]) => String(sent(calls).at(-1)?.payload.text ?? "");

/** The texts of the messages the bot sent while `act` ran, in order: an empty list when it sent none. */
export async function sentDuring(calls: ApiCall[], act: () => Promise<unknown>): Promise<string[]> {
  const n = calls.length;
  await act();
  return sentTexts(calls.slice(n));
}

export interface Button {
  text: string;
  callback_data?: string;
  url?: string;
  switch_inline_query?: string;
}

/** The inline keyboard of a sent message, row after row, as one list. */
export const buttons = (call: ApiCall | undefined): Button[] =>
  ((call?.payload.reply_markup as { inline_keyboard?: Button[][] })?.inline_keyboard ?? []).flat();

/** The text of a document the bot sent (an InputFile made from a Buffer). */
export async function documentText(call: ApiCall): Promise<string> {
  const raw = await (call.payload.document as InputFile).toRaw();
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString("utf8");
  const parts: Uint8Array[] = [];
  for await (const p of raw as AsyncIterable<Uint8Array>) parts.push(p);
  return Buffer.concat(parts).toString("utf8");
}
