import { Writable } from "node:stream";
import { sql } from "drizzle-orm";
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

describe.each(DB_KINDS)("a failing query's log line (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("keeps the SQL's shape and the error's code, never the chat id or the question it ran with", async () => {
    let out = "";
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger("info", { destination });
    const question = SECRET_WORDS[0]!;
    // The question cast to an integer: the driver's own message then quotes it, drizzle's repeats the params.
    const failed = await database.db
      .execute(sql`select ${PERSON}::bigint as chat, ${question}::int as q, 'literal ${sql.raw(String(MEMBER))}' as lit, ${MEMBER + 1} + 7 as n`)
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    // The raw error does hold them: what the serializer has to take out.
    expect(String((failed as Error).message) + JSON.stringify(failed)).toContain(String(PERSON));
    logger.error({ err: failed }, "query failed");
    // Wrapped as a grammY middleware error would be, with the update beside it.
    logger.error({ err: Object.assign(new Error(`Error in middleware: ${(failed as Error).message}`), { error: failed, ctx: { chat: { id: PERSON } } }) }, "feature failed");

    const lines = out.trim().split("\n").map((l) => JSON.parse(l) as { err: { type: string; message: string; query?: string; stack?: string; cause?: { code?: string } } });
    expect(lines).toHaveLength(2);
    const err = lines[0]!.err;
    expect(err.query).toMatch(/^select \$1::bigint as chat, \$2::int as q, '\?' as lit, \$3 \+ \? as n$/);
    expect(err.message).toBe(`Failed query: ${err.query}`);
    expect(err.stack).toMatch(/^\w+: Failed query: /);
    // The cause's SQLSTATE says what went wrong: 22P02, invalid text representation.
    expect(err.cause?.code).toBe("22P02");
    for (const id of [PERSON, MEMBER, MEMBER + 1]) expect(out).not.toContain(String(id));
    expect(out).not.toContain(question);
    expect(out).not.toContain("params");
  });

  it("keeps an ordinary error's message and a Bot API failure's description, without the token", () => {
    let out = "";
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger("info", { destination });
    logger.error({ err: new Error("content refresh failed: timeout") }, "x");
    logger.error({ err: Object.assign(new Error("Network request for 'getMe' failed!"), { error: new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed`) }) }, "y");
    expect(out).toContain("content refresh failed: timeout");
    expect(out).toContain("bot<token>/getMe");
    expect(out).not.toContain(TOKEN.split(":")[1]!);
  });
});
