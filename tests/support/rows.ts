import { telegramPort } from "../../src/bot/telegram-port.js";
import { sql } from "drizzle-orm";
import { Api } from "grammy";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";
import { createContentStore } from "../../src/case/content/store.js";
import type { Database } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";
import { createSender } from "../../src/delivery/sender.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import type { FakeTelegram } from "./fake-telegram.js";
import { drained, runningClock, TOKEN } from "./delivery.js";

/**
 * Drains the outbox with the real sender against the fake Bot API, as the bot in these tests
 * would (same username), starting at `now`: what subscribers actually receive.
 */
export async function drainOutbox(database: Database, fake: FakeTelegram, now: string): Promise<void> {
  const sender = createSender(
    {
      database,
      port: telegramPort(new Api(TOKEN, { apiRoot: fake.url })),
      i18n: createI18n(),
      content: await createContentStore(database.db),
      clock: runningClock(now),
      logger: createLogger("silent"),
      timeZone: "Asia/Almaty",
      botUsername: LOCAL_BOT_INFO.username,
    },
    { rate: 30, paidBroadcast: false, idleMs: 30, flushMs: 30, backoffBaseMs: 40, backoffMaxMs: 200 },
  );
  const running = sender.run();
  await drained(database);
  await sender.stop();
  await running;
}

/** Chats with a subscription, each with its language, in one statement per call. */
export async function subscribe(
  database: Database,
  chats: Array<{ id: number; lang: "en" | "kk" | "ru" | null; reminders?: boolean; updates?: boolean; status?: string; type?: string }>,
): Promise<void> {
  for (const c of chats) {
    await database.db.execute(sql`insert into chats (id, type, language, status) values (${c.id}, ${c.type ?? "private"}, ${c.lang}, ${c.status ?? "active"})`);
    await database.db.execute(sql`insert into subscriptions (chat_id, reminders, updates, lead_times, created_at)
      values (${c.id}, ${c.reminders ?? true}, ${c.updates ?? true}, ${"{1d,morning@08:00}"}::text[], '2025-12-01T00:00:00Z')`);
  }
}

export interface OutboxRow {
  chat_id: number;
  kind: string;
  subject_id: string;
  subject_version: number;
  status: string;
  payload: Record<string, unknown> | null;
}

export async function outbox(database: Database): Promise<OutboxRow[]> {
  const rows = await query<OutboxRow>(
    database.db,
    sql`select chat_id::float8 as chat_id, kind, subject_id, subject_version, status, payload from deliveries order by id`,
  );
  return rows.map((r) => ({ ...r, chat_id: Number(r.chat_id), payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload }));
}

export async function auditRows(database: Database) {
  const rows = await query<{ actor_id: number | string; action: string; subject: string; before: unknown; after: unknown }>(
    database.db,
    sql`select actor_id, action, subject, before, after from audit_log order by id`,
  );
  return rows.map((r) => ({ ...r, actor_id: Number(r.actor_id) }));
}

export const revision = async (database: Database) =>
  Number((await query<{ revision: number }>(database.db, sql`select revision from case_meta`))[0]!.revision);

export const kvRows = (database: Database) => query<{ key: string }>(database.db, sql`select key from kv_state where key like 'conversation:%'`);
