import { describe, expect, it } from "vitest";
import { cb } from "../../src/bot/callback-data.js";
import { buildTestBot, telegramKnows } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { importContent, runningClock, senderKit, TOKEN } from "../support/delivery.js";
import { waitFor } from "../support/net.js";
import { rowsAbout } from "../support/rows.js";
import { seedDelivery, seedSubscriber, seedUpdate } from "../support/seed.js";
import { callbackUpdate, groupCallback } from "../support/updates.js";

const ME = 7_001_234_567;
const GROUP = -4_242;
const ADMIN = 7_005_555_555;
const NOW = "2026-03-09T03:00:00Z";

type Answer = { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> } | undefined;

/**
 * /forget while the sender's request for that chat is in flight: the fake API holds its answer
 * until the person has pressed "yes, delete", then answers. Whatever it answers, the chat stays
 * forgotten: recording an outcome never creates a row.
 */
describe.each(DB_KINDS)("/forget during an in-flight send (%s)", (kind) => {
  const { database, fake } = useDatabase(kind, { fake: true });

  async function raceForget(chatId: number, type: "private" | "group", answer: Answer) {
    await importContent(database);
    await seedSubscriber(database, { id: chatId, type });
    const update = await seedUpdate(database);
    await seedDelivery(database, { chatId, kind: "update", subjectId: String(update.id), nextAttemptAt: new Date(NOW) });

    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    let answerNow!: () => void;
    const held = new Promise<void>((r) => (answerNow = r));
    fake.on("sendMessage", async (p) => {
      if (Number(p.chat_id) !== chatId) return undefined;
      arrived();
      await held;
      return answer;
    });

    const sender = (await senderKit(database, fake, runningClock(NOW))).make();
    const running = sender.run();
    await inFlight;
    const { bot, calls } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN }, importContent: false });
    if (type === "private") await bot.handleUpdate(callbackUpdate(cb.forgetYes, { chatId }));
    else {
      telegramKnows(bot, calls, { admins: { [chatId]: [ADMIN] } });
      await bot.handleUpdate(groupCallback(cb.forgetYes, chatId, ADMIN));
    }
    expect(await rowsAbout(database, chatId)).toEqual([]);

    answerNow();
    await waitFor(() => (sender.stats().inflight === 0 && sender.stats().buffered === 0 ? true : undefined));
    await sender.stop();
    await running;
    return sender.stats();
  }

  it("a 403 that arrives after /forget does not bring the chat back", async () => {
    const stats = await raceForget(ME, "private", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    expect(stats.gone).toBe(1);
    expect(await rowsAbout(database, ME)).toEqual([]);
  });

  it("a migration that arrives after /forget creates neither chat and sends nothing to the new id", async () => {
    const to = -1_000_000_004_242;
    const stats = await raceForget(GROUP, "group", {
      ok: false,
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: to },
    });
    expect(stats.migrated).toBe(1);
    expect(await rowsAbout(database, GROUP)).toEqual([]);
    expect(await rowsAbout(database, to)).toEqual([]);
    expect(fake.messagesTo(to)).toEqual([]);
  });

  it("a success that arrives after /forget records nothing about the chat", async () => {
    const stats = await raceForget(ME, "private", undefined);
    expect(stats.sent).toBe(1);
    expect(fake.messagesTo(ME)).toHaveLength(1);
    expect(await rowsAbout(database, ME)).toEqual([]);
  });
});
