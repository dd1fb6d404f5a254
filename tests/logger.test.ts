import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { LOCAL_BOT_INFO } from "../src/cli/local-chat.js";
import { importCase } from "../src/case/content/import.js";
import { createLogger, hashId } from "../src/logger.js";
import { fixedClock } from "../src/shared/time.js";
import { caseFile, testConfig } from "./support/bot.js";
import { callbackUpdate, textUpdate } from "./support/updates.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "./support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const PERSON = 8_123_456_789;
const GROUP = -1_009_988_776_655;
const MEMBER = 6_111_222_333;
const SECRET_WORDS = ["qzxv-private-question", "Zhibek", "zhibek_t", "+77017771234"];

describe.each(DB_KINDS)("logs at info level (%s)", (kind) => {
  const { database } = useDatabase(kind);
  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
  });

  it("carry update ids and keyed hashes, never a chat or user id or a message text", async () => {
    let out = "";
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger("info", { destination });
    const config = testConfig({ BOT_TOKEN: TOKEN, LOG_HASH_KEY: "test-key" });
    const app = await createApp({ config, logger, clock: fixedClock("2026-01-20T06:00:00Z"), database, botInfo: LOCAL_BOT_INFO });
    let failOnce = true;
    app.bot.api.config.use(async (_prev, method, payload) => {
      const p = payload as Record<string, unknown>;
      // Telegram refuses one message: grammY's error then carries the whole call, text and chat id.
      if (method === "sendMessage" && failOnce && String(p.text).includes("Hello")) {
        failOnce = false;
        return { ok: false, error_code: 400, description: "Bad Request: chat not found", parameters: { migrate_to_chat_id: PERSON } } as never;
      }
      const result = method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : true;
      return { ok: true, result } as never;
    });

    const named = (u: Update) => {
      const from = (u.message?.from ?? u.callback_query?.from) as unknown as Record<string, unknown>;
      Object.assign(from, { first_name: "Zhibek", username: "zhibek_t" });
      return u;
    };
    await app.bot.handleUpdate(named(textUpdate("/start", { chatId: PERSON })));
    await app.bot.handleUpdate(named(textUpdate(`${SECRET_WORDS[0]} call me on ${SECRET_WORDS[3]}`, { chatId: PERSON })));
    await app.bot.handleUpdate(named(callbackUpdate("t:charges:en", { chatId: PERSON })));
    await app.bot.handleUpdate(named(callbackUpdate("stale:button", { chatId: PERSON })));
    const repeated = named(textUpdate("/help", { chatId: PERSON }));
    await app.bot.handleUpdate(repeated);
    await app.bot.handleUpdate(repeated);
    await app.bot.handleUpdate(named(textUpdate(`@${LOCAL_BOT_INFO.username} ${SECRET_WORDS[0]}`, { chatId: GROUP, chatType: "supergroup", userId: MEMBER })));
    for (let i = 0; i < 20; i++) await app.bot.handleUpdate(named(textUpdate(`${SECRET_WORDS[0]} ${i}`, { chatId: PERSON })));
    await app.bot.handleUpdate(named(textUpdate("/forget", { chatId: MEMBER })));
    await app.bot.handleUpdate(named(callbackUpdate("forget:yes", { chatId: MEMBER })));

    const lines = out.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    // The test sees real log lines: the failure, the repeat, the flood and the deletion.
    const msgs = lines.map((l) => l.msg);
    expect(msgs).toContain("feature failed");
    expect(msgs).toContain("repeated update skipped");
    expect(msgs).toContain("rate limited");
    expect(msgs).toContain("chat forgotten on request");
    const failure = lines.find((l) => l.msg === "feature failed")!;
    expect(failure.updateId).toEqual(expect.any(Number));
    expect((failure.err as { message: string }).message).toContain("chat not found");
    expect(lines.find((l) => l.msg === "rate limited")!.user).toBe(hashId("test-key", PERSON));

    for (const id of [PERSON, GROUP, MEMBER]) expect(out).not.toContain(String(Math.abs(id)));
    for (const word of SECRET_WORDS) expect(out).not.toContain(word);
  });
});
