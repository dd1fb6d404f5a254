/** Senders and apps against the fake Bot API, with waits short enough for tests. */
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { Api } from "grammy";
import { createApp } from "../../src/app.js";
import { telegramPort } from "../../src/bot/telegram-port.js";
import { importCase } from "../../src/case/content/import.js";
import { parseLeads } from "../../src/case/leads.js";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";
import { createContentStore } from "../../src/case/content/store.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { query } from "../../src/db/client.js";
import { createSender, type SenderOptions } from "../../src/delivery/sender/index.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import type { Clock } from "../../src/shared/time.js";
import { caseFile, testConfig } from "./bot.js";
import { IMPORT_NOW } from "./db.js";
import type { FakeTelegram } from "./fake-telegram.js";
import { waitFor } from "./net.js";
import { TZ } from "./seed.js";
import { testKeyring } from "./db.js";

export const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

/** The lead times the operator offers in these tests. */
export const LEADS = parseLeads(["7d", "1d", "morning@08:00", "1h"]);

/** A clock that starts at a given instant and runs at real speed; `advance` jumps it forward. */
export function runningClock(start: string): Clock & { advance(ms: number): void } {
  const base = new Date(start).getTime();
  const t0 = performance.now();
  let offset = 0;
  return {
    now: () => new Date(base + offset + (performance.now() - t0)),
    advance: (ms) => {
      offset += ms;
    },
  };
}

export async function importContent(database: Database): Promise<void> {
  await importCase(database.db, caseFile(), { timeZone: TZ, now: IMPORT_NOW });
}

/** Senders on a database against a fake Bot API, with short waits so tests run in seconds. */
export async function senderKit(database: Database, fake: FakeTelegram, clock: Clock, botUsername = "casebot_test_bot") {
  const content = await createContentStore(database.db);
  const api = new Api(TOKEN, { apiRoot: fake.url });
  const i18n = createI18n();
  const logger = createLogger("silent");
  return {
    api,
    make: (opts: Partial<SenderOptions> = {}) =>
      createSender(
        { database, port: telegramPort(api), i18n, content, clock, logger, timeZone: TZ, botUsername },
        { rate: 30, paidBroadcast: false, idleMs: 30, flushMs: 30, backoffBaseMs: 40, backoffMaxMs: 200, ...opts },
      ),
  };
}

export async function statusCounts(database: Database): Promise<Record<string, number>> {
  const rows = await query<{ status: string; n: number }>(database.db, sql`select status, count(*)::int as n from deliveries group by status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Waits until the outbox has nothing pending or in flight. */
export async function drained(database: Database, ms = 20_000): Promise<Record<string, number>> {
  return waitFor(async () => {
    const c = await statusCounts(database);
    return (c.pending ?? 0) + (c.sending ?? 0) === 0 ? c : undefined;
  }, ms);
}

/** Another connection pool to the same database (a second instance); PGlite is one process, so itself. */
export async function secondInstance(database: Database): Promise<Database> {
  if (database.kind === "pglite") return { ...database, close: async () => {} };
  const [row] = await query<{ name: string }>(database.db, sql`select current_database() as name`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.name}`;
  return openDatabase({ ring: testKeyring(), url: url.toString(), max: 4 });
}

export async function appFor(database: Database, fake: FakeTelegram, clock: Clock, env: Record<string, string> = {}) {
  const config = testConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url, ...env });
  return createApp({ config, logger: createLogger("silent"), clock, database, botInfo: fake.botInfo, client: { apiRoot: fake.url } });
}

/**
 * Drains the outbox with the real sender against the fake Bot API, as the bot of buildTestBot
 * would (same username), starting at `now`: what subscribers actually receive.
 */
export async function drainOutbox(database: Database, fake: FakeTelegram, now: string): Promise<void> {
  const sender = (await senderKit(database, fake, runningClock(now), LOCAL_BOT_INFO.username)).make();
  const running = sender.run();
  await drained(database);
  await sender.stop();
  await running;
}
