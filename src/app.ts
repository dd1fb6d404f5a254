import { fileURLToPath } from "node:url";
import type { UserFromGetMe } from "grammy/types";
import { importCase } from "./case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "./case/content/load.js";
import { createContentStore } from "./case/content/store.js";
import { createAdminCheck } from "./bot/admins.js";
import type { BotDeps } from "./bot/context.js";
import type { LocalControls } from "./bot/features/local.js";
import { createHearingsCache } from "./bot/hearings-cache.js";
import { createBot, type CaseBot } from "./bot/index.js";
import type { Config } from "./config.js";
import { createChatsRepo } from "./db/chats.js";
import type { Database } from "./db/client.js";
import { createContentRepo } from "./db/content.js";
import { convertAll, hasClearIds } from "./db/convert.js";
import { CONVERT_AFTER } from "./db/migrations.js";
import { createHearingsRepo } from "./db/hearings.js";
import { createDialogueStore } from "./db/dialogue.js";
import { createKvStore } from "./db/kv.js";
import { ping } from "./db/health.js";
import { describeStore, openConfiguredDatabase } from "./db/open.js";
import { forgetChat } from "./db/privacy.js";
import { createSeenUpdatesRepo } from "./db/seen-updates.js";
import { createSubscriptionsRepo } from "./db/subscriptions.js";
import { createUpdatesRepo } from "./db/updates.js";
import { startDelivery, type DeliveryHandle, type DeliveryOptions } from "./delivery/index.js";
import type { TelegramPort } from "./delivery/port.js";
import { createProgressWatcher } from "./delivery/progress.js";
import { deliveryApi, telegramPort } from "./bot/telegram-port.js";
import { createEditorDirectory } from "./editorial/editors.js";
import { hearingChangeHook } from "./editorial/notices.js";
import { createI18n } from "./i18n.js";
import { staffNotifier, startFeeds, type FeedsJob } from "./jobs/feeds.js";
import type { Logger } from "./logger.js";
import { countingPort, createMetrics, type AppMetrics } from "./server/metrics.js";
import { errorMessage, isNetworkError, StartupError, startupStep } from "./shared/startup.js";
import type { Clock } from "./shared/time.js";

export interface App {
  deps: BotDeps;
  bot: CaseBot;
  /** The Prometheus registry and the counters behind deps.metrics; served on METRICS_PORT by main. */
  metrics: AppMetrics;
  /**
   * Starts the reminder scheduler and the outbox sender, on a Bot API client of the sender's own:
   * no auto-retry (the sender owns 429s) and a bounded wait per request. The local chat passes
   * its own port, which prints what is sent in the terminal.
   */
  startDelivery(opts?: DeliveryOptions, port?: TelegramPort): DeliveryHandle;
  /** Starts the news feed watcher: found items go to the owners and editors through the bot's API. */
  startFeeds(opts?: { immediate?: boolean }): FeedsJob;
  close(): Promise<void>;
}

type StoreConfig = Pick<Config, "databaseUrl" | "pgliteDir" | "databasePrepare" | "directDatabaseUrl" | "startupTimeoutMs">;

/**
 * Opens the store and waits until it answers, retrying a refused connection (a database still
 * starting) until the deadline. Every start-up and every CLI that needs the store comes here.
 */
export async function connectDatabase(config: StoreConfig, logger: Logger, database?: Database): Promise<Database> {
  const where = describeStore(config);
  let db = database;
  // PGlite is in this process: nothing to reach, but its start takes seconds on a busy machine, which no deadline should count.
  if (!db && !config.databaseUrl) {
    logger.info({ step: "database" }, `opening ${where}`);
    db = await openConfiguredDatabase(config);
  }
  try {
    await startupStep(
      {
        step: "database",
        doing: `connecting to the database (${where})`,
        target: `the database (${where})`,
        timeoutMs: config.startupTimeoutMs,
        logger,
        retryable: isNetworkError,
        release: () => db?.close({ force: true }),
      },
      async () => {
        db ??= await openConfiguredDatabase(config);
        await ping(db);
      },
    );
  } catch (err) {
    if (err instanceof StartupError) throw err;
    // Refused for a reason a retry cannot change (a password, a missing database): still the store not reached.
    throw new StartupError("database", `could not reach the database (${where}): ${errorMessage(err)}`);
  }
  return db!;
}

/**
 * Applies pending migrations, with start-up's deadline: a migration lock that never comes is
 * reported, not waited on. In two steps around issue 12's conversion (src/db/convert.ts): up to
 * 0009 (the ref and sealed columns), then rows written before ids were sealed are converted,
 * then the rest (0010 drops the emptied clear columns), all before anything serves. A crash
 * anywhere resumes on the next start: each step finds its own work from the data. The conversion
 * has no deadline (it is batches of work, not a wait) and logs its progress.
 */
export async function migrateDatabase(config: StoreConfig, logger: Logger, db: Database): Promise<void> {
  const where = describeStore(config, config.directDatabaseUrl ?? config.databaseUrl);
  const migrate = (through?: string) =>
    startupStep(
      {
        step: "migrations",
        doing: `applying database migrations (${where})`,
        target: `the database (${where}) for migrations`,
        timeoutMs: config.startupTimeoutMs,
        logger,
        // Their own connection may be refused while the server starts; a failing migration is not retried.
        retryable: isNetworkError,
        release: () => db.close({ force: true }),
      },
      (signal) => db.migrate(signal, through === undefined ? undefined : { through }),
    );
  await migrate(CONVERT_AFTER);
  if (await hasClearIds(db.db)) {
    logger.info({ step: "convert" }, "sealing ids stored in clear before issue 12");
    const done = await convertAll(db.db, { onProgress: (p) => p.done % 10_000 === 0 && logger.info({ step: "convert", table: p.step, done: p.done }, "converting") });
    logger.info({ step: "convert", done }, "ids sealed");
  }
  await migrate();
}

/**
 * Fills an empty store with the case file (`content/case.yaml` unless told): a store that holds a
 * case is left as it is. A broken file stops here, naming its entry, field and line, before
 * anything is written.
 */
export async function importContentIfEmpty(config: Config, logger: Logger, clock: Clock, db: Database, file = fileURLToPath(DEFAULT_CASE_FILE)): Promise<void> {
  const report = await startupStep(
    {
      step: "content",
      doing: "reading the case content, and importing content/case.yaml if the store is empty",
      target: `the database (${describeStore(config)}) to read the case content`,
      timeoutMs: config.startupTimeoutMs,
      logger,
      release: () => db.close({ force: true }),
    },
    async () => {
      if (!(await createContentRepo(db.db).isEmpty())) return undefined;
      return importCase(db.db, loadCaseFile(file), {
        timeZone: config.timeZone,
        now: clock.now(),
        onHearingChange: hearingChangeHook({ clock, timeZone: config.timeZone }),
      });
    },
  );
  if (report) logger.info({ topics: report.topics, hearings: report.hearings }, "case content imported into an empty store");
}

/** Opens the store, migrates it, and fills it with the case on first start, each step with its deadline. */
export async function prepareDatabase(config: Config, logger: Logger, clock: Clock, database?: Database): Promise<Database> {
  const db = await connectDatabase(config, logger, database);
  await migrateDatabase(config, logger, db);
  await importContentIfEmpty(config, logger, clock, db);
  return db;
}

/**
 * The case's site (src/web/, docs/web.md) over this app's store and renderers: the fonts, the
 * assets and the share-image cache are made here, once. Loaded on demand, so a bot without its
 * site does not load the image renderer. The HTTP server mounts the returned app (src/server/site.ts).
 */
export async function createSite(app: App, opts: { botUsername: string; refreshMs?: number }) {
  const [{ createWebApp }, { loadFonts }, { buildAssets }, { createShareImages }] = await Promise.all([
    import("./web/app.js"),
    import("./web/fonts.js"),
    import("./web/assets.js"),
    import("./web/images.js"),
  ]);
  const { deps } = app;
  const fonts = loadFonts();
  const images = createShareImages(fonts);
  // Before the first visitor: a first share image then costs its own render, not the font parsing.
  await images.warm();
  return createWebApp({
    content: deps.content,
    hearings: deps.hearings,
    updates: deps.updates,
    i18n: deps.i18n,
    clock: deps.clock,
    logger: deps.logger,
    timeZone: deps.config.timeZone,
    publicUrl: deps.config.publicUrl,
    botUsername: opts.botUsername,
    assets: buildAssets(fonts),
    images,
    refreshMs: opts.refreshMs,
  });
}

/** The composition root: everything the bot needs is built here and passed down. */
export async function createApp(opts: {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: Database;
  botInfo?: UserFromGetMe;
  client?: Parameters<typeof createBot>[1]["client"];
  /** The local chat's /clock and /as (never with a token). */
  local?: LocalControls;
}): Promise<App> {
  const { config, logger, clock, database } = opts;
  const db = database.db;
  const content = await createContentStore(db);
  const metrics = createMetrics({ database, content, clock, logger });
  const editors = createEditorDirectory({ database, clock });
  const hearings = createHearingsRepo(db);
  const deps: BotDeps = {
    config,
    database,
    logger,
    clock,
    metrics: metrics.metrics,
    content,
    i18n: createI18n(),
    chats: createChatsRepo(db),
    hearings,
    liveHearings: createHearingsCache(hearings),
    updates: createUpdatesRepo(db),
    subscriptions: createSubscriptionsRepo(db),
    seenUpdates: createSeenUpdatesRepo(db),
    kv: createKvStore(db),
    dialogue: createDialogueStore(db),
    editors,
    editorial: { database, clock, timeZone: config.timeZone },
    forgetChat: async (chatId) => {
      const r = await forgetChat(db, chatId);
      if (r.wasEditor) editors.refresh();
      return r;
    },
    admins: createAdminCheck(clock),
    progress: createProgressWatcher({ database, logger }),
  };
  const bot = createBot(deps, { token: config.botToken ?? "0:local", botInfo: opts.botInfo, client: opts.client, local: opts.local });
  return {
    deps,
    bot,
    metrics,
    startDelivery(options, localPort) {
      if (!config.botToken && !localPort) throw new Error("delivery needs BOT_TOKEN, or the local chat's own port");
      const api = deliveryApi(config.botToken ?? "0:local", config.apiRoot);
      return startDelivery(
        {
          config,
          database,
          content: deps.content,
          i18n: deps.i18n,
          logger,
          clock,
          port: countingPort(localPort ?? telegramPort(api), metrics.metrics),
          botUsername: async () => (bot.isInited() ? bot.botInfo.username : (await api.getMe()).username),
        },
        options,
      );
    },
    startFeeds(opts) {
      // Through the bot's own API: in the local chat, found items appear in the terminal with their buttons.
      const notify = staffNotifier({ database, i18n: deps.i18n, port: telegramPort(bot.api), ownerIds: config.adminIds, logger });
      return startFeeds({ database, clock, logger, notify }, opts);
    },
    async close() {
      await deps.progress.stop();
      await database.close();
    },
  };
}
