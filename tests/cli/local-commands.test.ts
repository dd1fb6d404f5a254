import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { parseMoment, parseStep, type LocalChatKind } from "../../src/bot/features/local.js";
import { LocalChat } from "../../src/cli/local/chat.js";
import { localPort } from "../../src/cli/local/port.js";
import { createLogger } from "../../src/logger.js";
import { ClockBackwards, createMovableClock } from "../../src/shared/clock.js";
import { buildTestBot, caseFile, testConfig } from "../support/bot.js";
import { IMPORT_NOW, useDatabase } from "../support/db.js";
import { importCase } from "../../src/case/content/import.js";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";

describe("the movable clock", () => {
  it("runs with real time from an offset that only grows, and tells its listeners", () => {
    let real = Date.parse("2026-01-20T06:00:00Z");
    const clock = createMovableClock(() => real);
    const moves: string[] = [];
    clock.onMove((t) => moves.push(t.toISOString()));
    real += 1_000;
    expect(clock.now().toISOString()).toBe("2026-01-20T06:00:01.000Z");
    clock.advance(2 * 3_600_000);
    expect(clock.moveTo(new Date("2026-03-01T04:00:00Z")).toISOString()).toBe("2026-03-01T04:00:00.000Z");
    expect(() => clock.moveTo(new Date("2026-02-01T00:00:00Z"))).toThrow(ClockBackwards);
    expect(() => clock.advance(0)).toThrow(ClockBackwards);
    expect(moves).toEqual(["2026-01-20T08:00:01.000Z", "2026-03-01T04:00:00.000Z"]);
  });

  it("reads +6d, +2h, +1d12h and a local date and time; nothing else", () => {
    expect(parseStep("+6d")).toBe(6 * 86_400_000);
    expect(parseStep("+2h")).toBe(2 * 3_600_000);
    expect(parseStep("+1d12h")).toBe(36 * 3_600_000);
    for (const bad of ["6d", "-2h", "+0d", "+2w", "+"]) expect(parseStep(bad)).toBeUndefined();
    expect(parseMoment("2026-03-01 09:00", "Asia/Almaty")?.toISOString()).toBe("2026-03-01T04:00:00.000Z");
    expect(parseMoment("2026-03-01", "Asia/Almaty")?.toISOString()).toBe("2026-02-28T19:00:00.000Z");
    expect(parseMoment("tomorrow", "Asia/Almaty")).toBeUndefined();
  });
});

describe("/clock and /as", () => {
  const { database } = useDatabase("pglite");

  it("do not exist with a token: /clock is an unknown command", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textMessage("/clock +6d"));
    expect(calls.filter((c) => c.method === "sendMessage").map((c) => c.payload.text)).toEqual([
      "I don't know that command. /help lists what I can do; or just type your question.",
    ]);
  });

  it("in the local chat: show and move the clock forward only, and switch the chat", async () => {
    const config = testConfig();
    await importCase(database.db, caseFile(), { timeZone: config.timeZone, now: IMPORT_NOW });
    const clock = createMovableClock(() => Date.parse("2026-01-20T06:00:00Z"));
    const switched: LocalChatKind[] = [];
    const app = await createApp({ config, logger: createLogger("silent"), clock, database, botInfo: LOCAL_BOT_INFO, local: { clock, switchTo: (k) => switched.push(k) } });
    const lines: string[] = [];
    const chat = new LocalChat(app.bot, (l) => lines.push(l), { languageCode: "en", now: () => clock.now() });
    for (const l of ["/clock", "/clock +2h", "/clock 2026-01-01 09:00", "/clock soon", "/as group", "/as nowhere"]) await chat.input(l);
    expect(lines.join("\n")).toContain("The bot's time: Tuesday, 20 January 2026, 11:00");
    expect(lines.join("\n")).toContain("The clock moved to Tuesday, 20 January 2026, 13:00");
    expect(lines.join("\n")).toContain("The clock only moves forward.");
    expect(lines.join("\n")).toContain("Write /clock +6d");
    expect(lines.join("\n")).toContain("Write /as group or /as private.");
    expect(switched).toEqual(["group"]);
    expect(clock.now().toISOString()).toBe("2026-01-20T08:00:00.000Z");
  });
});

describe("the local chat's Telegram port", () => {
  const { database } = useDatabase("pglite");

  it("prints what the outbox sends to a local chat as a delivery, its buttons numbered and pressable; other chats unseen", async () => {
    const { app } = await buildTestBot(database);
    const lines: string[] = [];
    const chat = new LocalChat(app.bot, (l) => lines.push(l), { languageCode: "en" });
    const port = localPort(chat);
    const sent = await port.sendMessage({ chatId: 1, html: "<b>🔔 Hearing reminder</b>\nin 7 days", buttons: [[{ text: "☰ Menu", action: { kind: "menu", lang: "en" } }]] });
    await port.sendMessage({ chatId: -1_001_000_000_001, html: "to the group" });
    await port.sendMessage({ chatId: 123456789, html: "someone else" });
    expect(lines).toEqual(["📬 delivery: 🔔 Hearing reminder\n     in 7 days", "     [1] ☰ Menu", "📬 delivery (group): to the group"]);
    expect(sent.messageId).toBeGreaterThan(0);
    // The delivery's button is pressed like a reply's: a callback from the local chat.
    await chat.input("1");
    expect(lines.slice(3).join("\n")).toMatch(/^bot> /);
  });
});

function textMessage(text: string) {
  return {
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 42, type: "private" as const, first_name: "T" },
      from: { id: 42, is_bot: false, first_name: "T", language_code: "en" },
      text,
      entities: text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] : [],
    },
  };
}
