/**
 * Issue 12's evidence: what a seized copy of the database (every table, every column, as text,
 * the legacy clear columns too) shows after a realistic scenario: refs and sealed texts, never a
 * Telegram id (docs/privacy.md, "What a copy of the database shows").
 */
import { getTableConfig } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { schemaTables } from "../../src/db/schema.js";
import { publishUpdate } from "../../src/editorial/updates.js";
import { buildTestBot } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { mentionsOf } from "../support/rows.js";
import { seedDelivery, seedEditor } from "../support/seed.js";
import { callbackUpdate, textUpdate } from "../support/updates.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const OWNER = 7_100_000_001;
const EDITOR = 7_100_000_002;
const READER = 7_100_000_003;
const OTHER = 7_100_000_004;
const IDS = [OWNER, EDITOR, READER, OTHER];

/** Subscribe, settings, a reminder sent, an update delivered, an editor action, an unanswered question. */
async function scenario(database: Database) {
  const { bot, deps } = await buildTestBot(database, { env: { BOT_TOKEN: TOKEN, ADMIN_IDS: String(OWNER) } });
  for (const id of [READER, OTHER]) await bot.handleUpdate(textUpdate("/subscribe", { chatId: id, lang: "ru" }));
  await bot.handleUpdate(callbackUpdate(`set:${READER}:l:7d`, { chatId: READER }));
  await seedDelivery(database, { chatId: READER, subjectId: "trial-opening", lead: "1d", status: "sent", telegramMessageId: 5 });
  await seedEditor(database, { userId: EDITOR, addedBy: OWNER });
  const { id } = await publishUpdate(deps.editorial, { body: { en: "The court set a date." }, sourceUrl: null }, EDITOR);
  await database.db.execute(sql`update deliveries set status = 'sent', sent_at = now() where subject_id = ${String(id)}`);
  await bot.handleUpdate(textUpdate("zqx what is the colour of the judge's car", { chatId: OTHER, lang: "en" }));
}

describe.each(DB_KINDS)("a seized copy of the database (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("the scenario puts rows in every table that can hold an id", async () => {
    await scenario(database);
    const tables = (await Promise.all(IDS.map((id) => mentionsOf(database, id)))).flat().map((m) => m.split(":")[0]);
    expect(new Set(tables)).toEqual(new Set(["chats", "subscriptions", "deliveries", "editors", "updates", "audit_log"]));
    expect(await database.rows(sql`select 1 from unanswered`)).toHaveLength(1);
  });

  it("shows no Telegram id used in it, in any table, legacy columns included", async () => {
    await scenario(database);
    const dump: string[] = [];
    for (const table of Object.values(schemaTables)) {
      const { name } = getTableConfig(table);
      for (const r of await database.rows<{ r: string }>(sql`select t::text as r from ${sql.identifier(name)} t`)) dump.push(`${name}: ${r.r}`);
    }
    for (const id of IDS) expect(dump.filter((line) => line.includes(String(id)))).toEqual([]);
  });
});
