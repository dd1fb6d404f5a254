import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_TOKEN, startEmulatedBot, type EmulatedBot } from "../support/emulator.js";
import { caseFile } from "../support/bot.js";
import { waitFor } from "../support/net.js";

/**
 * The real polling loop (grammY runner) over real HTTP against a Bot API emulator. The emulator
 * lacks setMyCommands: the bot must start anyway.
 */
describe("polling against a Bot API emulator", () => {
  let bot: EmulatedBot;

  beforeAll(async () => {
    bot = await startEmulatedBot();
  });

  afterAll(async () => {
    await bot?.stop();
  });

  async function ask(text: string, userId: number, language_code: string) {
    const client = bot.server.getClient(EMULATOR_TOKEN, { userId, chatId: userId, firstName: "T", userName: `u${userId}`, type: "private", timeout: 5000 });
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
