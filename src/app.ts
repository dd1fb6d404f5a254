import type { UserFromGetMe } from "grammy/types";
import { createBot, type CaseBot } from "./bot/index.js";
import type { BotDeps } from "./bot/context.js";
import type { Config } from "./config.js";
import { contentIsEmpty, importCase } from "./content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "./content/load.js";
import { createContentStore } from "./content/store.js";
import { createChatsRepo } from "./db/chats.js";
import { openDatabase, type Database } from "./db/client.js";
import { createEditorsRepo } from "./db/editors.js";
import { createHearingsRepo } from "./db/hearings.js";
import { createSubscriptionsRepo } from "./db/subscriptions.js";
import { createAdminCheck } from "./delivery/admins.js";
import { hearingChangeHook } from "./delivery/import-hook.js";
import { createProgressWatcher } from "./delivery/updates.js";
import { systemClock } from "./time.js";
import { createI18n } from "./i18n.js";
import type { Logger } from "./logger.js";
import { fileURLToPath } from "node:url";
import type { Clock } from "./time.js";

export interface App {
  deps: BotDeps;
  bot: CaseBot;
  close(): Promise<void>;
}

/** Opens the store, migrates it, and fills it with the case on first start. */
export async function prepareDatabase(config: Config, logger: Logger, database?: Database): Promise<Database> {
  const db =
    database ??
    (await openDatabase({
      url: config.databaseUrl,
      pgliteDir: config.pgliteDir,
      prepare: config.databasePrepare,
      directUrl: config.directDatabaseUrl,
    }));
  await db.migrate();
  if (await contentIsEmpty(db.db)) {
    const file = fileURLToPath(DEFAULT_CASE_FILE);
    const report = await importCase(db.db, loadCaseFile(file), {
      timeZone: config.timeZone,
      onHearingChange: hearingChangeHook({ clock: systemClock, timeZone: config.timeZone }),
    });
    logger.info({ topics: report.topics, hearings: report.hearings }, "case content imported into an empty store");
  }
  return db;
}

/** The composition root: everything the bot needs is built here and passed down. */
export async function createApp(opts: {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  botInfo?: UserFromGetMe;
  client?: Parameters<typeof createBot>[1]["client"];
}): Promise<App> {
  const { config, logger, clock, database } = opts;
  const deps: BotDeps = {
    config,
    database,
    logger,
    clock,
    content: await createContentStore(database.db),
    i18n: createI18n(),
    chats: createChatsRepo(database.db),
    hearings: createHearingsRepo(database.db),
    editors: createEditorsRepo(database.db),
    subscriptions: createSubscriptionsRepo(database.db),
    admins: createAdminCheck(clock),
    progress: createProgressWatcher({ database, logger }),
  };
  const bot = createBot(deps, { token: config.botToken ?? "0:local", botInfo: opts.botInfo, client: opts.client });
  return {
    deps,
    bot,
    async close() {
      await deps.progress.stop();
      await database.close();
    },
  };
}
