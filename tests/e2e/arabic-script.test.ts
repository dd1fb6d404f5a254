import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARABIC, CYRILLIC, EMULATOR_TOKEN, startEmulatedBot, type EmulatedBot, type Sent } from "../support/emulator.js";
import { parseLeads } from "../../src/case/leads.js";
import { enqueueDueReminders } from "../../src/delivery/scheduler.js";
import { RLM } from "../../src/render/script.js";
import { drainOutbox } from "../support/delivery.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { waitFor } from "../support/net.js";
import { seedHearing, TZ } from "../support/seed.js";

const READER = 3001;

/**
 * A Kazakh from Xinjiang, writing in the Arabic script, over the real polling loop against a Bot
 * API emulator: the answer, its buttons and what the buttons bring come in that script; then the
 * chat's reminder, sent by the outbox sender against the fake Bot API, does too.
 */
describe("an Arabic-script chat, end to end", () => {
  let bot: EmulatedBot;
  let fake: FakeTelegram;

  beforeAll(async () => {
    bot = await startEmulatedBot();
    fake = await FakeTelegram.start();
  });

  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });

  const client = () => bot.server.getClient(EMULATOR_TOKEN, { userId: READER, chatId: READER, firstName: "Ä", userName: "reader", type: "private", timeout: 5000 });

  async function replies(send: (c: ReturnType<typeof client>) => Promise<unknown>): Promise<Sent[]> {
    const c = client();
    await send(c);
    const r = await waitFor(async () => {
      const u = await c.getUpdates();
      return u.result.length ? u.result : undefined;
    });
    return r.map((u: { message: unknown }) => u.message as Sent);
  }
  const say = (text: string) => replies((c) => c.sendMessage(c.makeMessage(text, { from: { language_code: "kk" } as never })));
  const command = (text: string) => replies((c) => c.sendCommand(c.makeCommand(text, { from: { language_code: "kk" } as never })));
  const press = (data: string) => replies((c) => c.sendCallback(c.makeCallbackQuery(data, { from: { language_code: "kk" } as never })));
  const labels = (m: Sent) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

  it("answers a question in Arabic script in Arabic script, with Arabic-script buttons", async () => {
    const [answer] = await say("سوت قاشان باستالادى؟");
    expect(answer!.text.startsWith(`${RLM}<b>سوت كۇنى مەن كەلەسى وتىرىس</b>`)).toBe(true);
    expect(answer!.text).not.toMatch(CYRILLIC);
    expect(labels(answer!).length).toBeGreaterThan(3);
    expect(labels(answer!).every((l) => ARABIC.test(l) && !CYRILLIC.test(l))).toBe(true);

    // A related topic's button brings its answer in the same script.
    const related = answer!.reply_markup!.inline_keyboard!.flat().find((b) => b.callback_data?.startsWith("t:"))!;
    const [next] = await press(related.callback_data!);
    expect(next!.text).toMatch(ARABIC);
    expect(next!.text).not.toMatch(CYRILLIC);
  });

  it("then speaks that script everywhere: /start and the subscription", async () => {
    const [welcome] = await command("/start");
    expect(welcome!.text).toMatch(new RegExp(`^${RLM}سالەمەتسىز بە!`));
    expect(labels(welcome!).every((l) => !CYRILLIC.test(l))).toBe(true);
    const [subscribed] = await command("/subscribe");
    expect(subscribed!.text).toMatch(ARABIC);
    expect(subscribed!.text).not.toMatch(CYRILLIC);
  });

  it("and its hearing reminder comes in Arabic script through the outbox sender", async () => {
    const { database, config } = bot.app.deps;
    // A hearing two days after today, and the moment its day-before reminder is due.
    const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const hearing = await seedHearing(database, { id: "arab-e2e", date: day, time: "10:00" });
    const now = new Date(hearing.startsAt.getTime() - 23 * 3_600_000);
    expect(await enqueueDueReminders(database.db, { now, timeZone: TZ, leads: parseLeads(config.leadTimes) })).toBe(1);
    await drainOutbox(database, fake, now.toISOString());

    const [reminder] = fake.messagesTo(READER);
    expect(reminder!.text).toMatch(new RegExp(`^${RLM}`));
    expect(reminder!.text).toContain("سوت پروتسەسىنىڭ باستالۋى");
    expect(reminder!.text).not.toMatch(CYRILLIC);
    const buttons = (reminder!.payload.reply_markup as Sent["reply_markup"])!.inline_keyboard!.flat();
    expect(buttons.every((b) => ARABIC.test(b.text) && !CYRILLIC.test(b.text))).toBe(true);
  });
});
