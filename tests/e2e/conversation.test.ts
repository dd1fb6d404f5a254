import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARABIC, CYRILLIC, EMULATOR_TOKEN, startEmulatedBot, type EmulatedBot, type Sent } from "../support/emulator.js";
import { RLM } from "../../src/render/script.js";
import { waitFor } from "../support/net.js";

/**
 * Conversations over the real polling loop against a Bot API emulator: each chat's follow-ups
 * are read with its last question (the dialogue state in the database), a message with two
 * questions gets both answers in one reply, and an Arabic-script chat is answered, buttons and
 * all, in its script.
 */
describe("conversations, end to end", () => {
  let bot: EmulatedBot;

  beforeAll(async () => {
    bot = await startEmulatedBot();
  });

  afterAll(async () => {
    await bot?.stop();
  });

  /** One person's chat: what they say, and the bot's replies to it. */
  function chat(id: number, languageCode: string) {
    const c = bot.server.getClient(EMULATOR_TOKEN, { userId: id, chatId: id, firstName: "A", userName: `u${id}`, type: "private", timeout: 5000 });
    return async (text: string): Promise<Sent[]> => {
      await c.sendMessage(c.makeMessage(text, { from: { language_code: languageCode } as never }));
      const r = await waitFor(async () => {
        const u = await c.getUpdates();
        return u.result.length ? u.result : undefined;
      });
      return r.map((u: { message: unknown }) => u.message as Sent);
    };
  }
  const title = (m: Sent | undefined) => /<b>([^<]*)<\/b>/.exec(m?.text ?? "")?.[1];
  const labels = (m: Sent) => (m.reply_markup?.inline_keyboard ?? []).flat().map((b) => b.text);

  it.each([
    ["en", 4001, ["When does the trial start?", "and where?", "how many of them are in custody?"], ["Trial date &amp; next hearing", "Where is the trial?", "Custody &amp; house arrest"]],
    ["ru", 4002, ["почему их задержали?", "а по какой статье?", "а сколько им грозит?"], ["За что задержали?", "Обвинения", "Какое наказание грозит"]],
    ["kk", 4003, ["олар неге ұсталды?", "ал қашан басталады?", "қайда?"], ["Неге ұсталды?", "Сот күні мен келесі отырыс", "Сот қайда өтеді?"]],
  ])("%s: three turns, each read with the one before", async (lang, id, turns, titles) => {
    const say = chat(id, lang);
    const got: Array<string | undefined> = [];
    for (const q of turns) got.push(title((await say(q))[0]));
    expect(got).toEqual(titles);
  });

  it("answers a message with two questions in one reply, each with its source", async () => {
    const [reply] = await chat(4004, "en")("How many are in custody and in which city is the trial?");
    expect(reply!.text).toContain("<b>Custody &amp; house arrest</b>");
    expect(reply!.text).toContain("<b>Where is the trial?</b>");
    expect(reply!.text.match(/Source/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps an Arabic-script chat in its script through a follow-up and small talk, buttons too", async () => {
    const say = chat(4005, "kk");
    const [first] = await say("سوت قاشان باستالادى؟");
    const [second] = await say("قايدا؟");
    const [third] = await say("راحمەت");
    expect(title(second)).toBe("سوت قايدا وتەدى؟");
    for (const m of [first!, second!, third!]) {
      expect(m.text.startsWith(RLM)).toBe(true);
      expect(m.text).toMatch(ARABIC);
      expect(m.text).not.toMatch(CYRILLIC);
      expect(labels(m).length).toBeGreaterThan(1);
      expect(labels(m).every((l) => !CYRILLIC.test(l))).toBe(true);
    }
  });
});
