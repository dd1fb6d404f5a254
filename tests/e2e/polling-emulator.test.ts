import type { RunnerHandle } from "@grammyjs/runner";
import TelegramServerModule from "telegram-test-api";
import type { TelegramServer as TelegramServerClass } from "telegram-test-api/lib/telegramServer.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, prepareDatabase, type App } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import { startPolling } from "../../src/modes/polling.js";
import { systemClock } from "../../src/shared/time.js";
import { openDatabase } from "../../src/db/client.js";
import { caseFile, testConfig } from "../support/bot.js";
import { freePort, waitFor } from "../support/net.js";

// The package is CommonJS: its runtime default export is the class itself.
const TelegramServer = TelegramServerModule as unknown as typeof TelegramServerClass;

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

/**
 * The real polling loop (grammY runner) over real HTTP against a Bot API emulator. The emulator
 * lacks setMyCommands: the bot must start anyway.
 */
describe("polling against a Bot API emulator", () => {
  let server: TelegramServerClass;
  let app: App;
  let handle: RunnerHandle;
  let url: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
    await server.start();
    const config = testConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: url });
    const logger = createLogger("silent");
    const database = await prepareDatabase(config, logger, systemClock, await openDatabase({}));
    app = await createApp({ config, logger, clock: systemClock, database, client: { apiRoot: url } });
    handle = await startPolling(app, logger);
  });

  afterAll(async () => {
    if (handle?.isRunning()) await handle.stop();
    await app?.close();
    await server?.stop();
  });

  async function ask(text: string, userId: number, language_code: string) {
    const client = server.getClient(TOKEN, { userId, chatId: userId, firstName: "T", userName: `u${userId}`, type: "private", timeout: 5000 });
    await client.sendCommand(client.makeCommand(text, { from: { language_code } as never }));
    const reply = await waitFor(async () => {
      const r = await client.getUpdates();
      return r.result.length ? r.result : undefined;
    });
    return reply.map((u: { message: unknown }) => u.message as { text: string; reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> } });
  }

  it.each([
    ["en", /Hello! .*Atajurt/],
    ["kk", /Сәлеметсіз бе! .*Атажұрт/],
    ["ru", /Здравствуйте! .*Атажурт/],
  ] as const)("answers /start in the user's language (%s)", async (lang, welcome) => {
    const [msg] = await ask("/start", 1000 + lang.charCodeAt(0), lang);
    expect(msg!.text).toMatch(welcome);
    const labels = (msg!.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text);
    expect(labels).toEqual(caseFile().topics.filter((t) => t.menu).map((t) => t.label[lang]));
  });

  it.each([
    ["en", "Choose your language"],
    ["kk", "Тілді таңдаңыз"],
    ["ru", "Выберите язык"],
  ])("answers /language with the choices, Kazakh in each of its scripts (%s)", async (lang, prompt) => {
    const [msg] = await ask("/language", 2000 + lang.charCodeAt(0), lang);
    expect(msg!.text).toContain(prompt);
    expect((msg!.reply_markup?.inline_keyboard ?? []).flat().map((b: { text: string }) => b.text)).toEqual(["English", "Русский", "Қазақша", "Qazaqşa", "قازاقشا"]);
  });
});
