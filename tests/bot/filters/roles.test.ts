import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hashId } from "../../../src/logger.js";
import { buildTestBot, captureLogs, OWNER_ENV, sentDuring, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { textUpdate } from "../../support/updates.js";

const EDITOR_COMMANDS = ["/stats", "/unanswered", "/edit_answer", "/add_paraphrase"];
const OWNER_COMMANDS = ["/editors", "/editors add 77", "/audit"];

describe.each(DB_KINDS)("editor and owner tools (%s)", (kind) => {
  const { database } = useDatabase(kind);

  // The tables hold refs, not ids (migration 0010 dropped the clear columns): what is asked here is that nothing was written.
  const editorIds = async () => (await database.rows<{ user_ref: string }>(sql`select user_ref from editors order by user_ref`)).map((r) => r.user_ref);

  const audit = async () =>
    (await database.rows<{ action: string; subject: string }>(sql`select action, subject from audit_log order by id`)).map((r) => [r.action, r.subject]);

  it("refuses everyone else politely, in their language, and logs the attempt with a hashed id only", async () => {
    const { bot, calls, deps, config } = await buildTestBot(database, { env: OWNER_ENV });
    const logs = captureLogs(deps);
    for (const command of [...EDITOR_COMMANDS, ...OWNER_COMMANDS]) {
      const replies = await sentDuring(calls, () => bot.handleUpdate(textUpdate(command, { chatId: 77 })));
      expect(replies, command).toEqual([expect.stringMatching(OWNER_COMMANDS.includes(command) ? /only the bot's owners/ : /only for the editors/)]);
    }
    await bot.handleUpdate(textUpdate("/stats", { chatId: 77, lang: "kk" }));
    expect(sentTexts(calls).at(-1)).toContain("тек іс туралы ақпаратты жаңартып отыратын редакторларға");
    await bot.handleUpdate(textUpdate("/audit", { chatId: 77, lang: "ru" }));
    expect(sentTexts(calls).at(-1)).toContain("только владельцы бота");

    const refused = logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "editor tool refused");
    expect(refused).toHaveLength(EDITOR_COMMANDS.length + OWNER_COMMANDS.length + 2);
    for (const line of refused) {
      expect(line.user).toBe(hashId(config.logHashKey, 77));
      expect(Object.values(line)).not.toContain(77);
      expect(Object.values(line)).not.toContain("77");
    }
    expect(refused.map((l) => l.command)).toContain("editors");
    expect(logs.join("\n")).not.toContain("add 77");
    expect(await editorIds()).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it("an editor uses the editor tools but not the owners' ones; a removed editor is refused again", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/editors add 55"));
    await bot.handleUpdate(textUpdate("/stats", { chatId: 55 }));
    expect(sentTexts(calls).at(-1)).toContain("<b>Statistics</b>");
    await bot.handleUpdate(textUpdate("/edit_answer", { chatId: 55 }));
    expect(sentTexts(calls).at(-1)).toContain("Which topic?");
    await bot.handleUpdate(textUpdate("/cancel", { chatId: 55 }));
    for (const command of ["/editors", "/audit"]) {
      expect(await sentDuring(calls, () => bot.handleUpdate(textUpdate(command, { chatId: 55 }))), command).toEqual([expect.stringContaining("only the bot's owners")]);
    }
    await bot.handleUpdate(textUpdate("/editors remove 55"));
    await bot.handleUpdate(textUpdate("/stats", { chatId: 55 }));
    expect(sentTexts(calls).at(-1)).toContain("only for the editors");
  });
});
