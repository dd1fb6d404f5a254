import { createApp, prepareDatabase } from "./app.js";
import { createLocalSession, LOCAL_BOT_INFO, runLocalChat } from "./cli/local-chat.js";
import { EXIT, exitCodeFor } from "./cli/run.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { startPolling } from "./modes/polling.js";
import { startLocalSite } from "./modes/site.js";
import { startWebhook } from "./modes/webhook.js";
import { resolveChatKeys } from "./db/chat-key.js";
import { startPurge } from "./jobs/purge.js";
import { startMetricsServer } from "./server/metrics.js";
import { installShutdown } from "./shutdown.js";
import { startupStep } from "./shared/startup.js";
import { createMovableClock } from "./shared/clock.js";
import { systemClock } from "./shared/time.js";

export async function main(config: Config): Promise<void> {
  const local = config.mode === "local";
  const logger = createLogger(local ? (process.env.LOG_LEVEL ?? "warn") : config.logLevel, { pretty: local });
  // First: a bot with a token and no CHAT_KEY stops before it touches anything.
  const keys = await resolveChatKeys(config);
  logger.info({ step: "keys", source: keys.source }, "chat key ready");
  // The local chat's clock can be moved forward (/clock); with a token time is the machine's.
  const session = local ? createLocalSession(createMovableClock()) : undefined;
  const clock = session?.clock ?? systemClock;
  const database = await prepareDatabase(config, logger, clock);
  // Building the app reads the case content into memory: one more round trip, with its deadline.
  const app = await startupStep(
    { step: "app", doing: "loading the case content into memory", target: "the database to load the case content", timeoutMs: config.startupTimeoutMs, logger, release: () => database.close({ force: true }) },
    () =>
      createApp({
        config,
        logger,
        clock,
        database,
        botInfo: config.mode === "local" ? LOCAL_BOT_INFO : undefined,
        local: session?.controls,
        client: config.apiRoot ? { apiRoot: config.apiRoot } : undefined,
      }),
  );
  const refresh = setInterval(() => void app.deps.content.refresh().catch((err) => logger.warn({ err }, "content refresh failed")), 30_000);
  refresh.unref();
  // Unanswered questions older than 30 days and stale update ids go, in every mode.
  const purge = startPurge({ database, clock, logger });
  // Off unless METRICS_PORT is set: its own port, never the public one (docs/operations.md).
  const metricsServer = config.metricsPort ? await startMetricsServer(app.metrics.registry, config.metricsPort, logger) : undefined;

  if (session) {
    // The news watcher too, from its first tick: the terminal shows what it finds (ADMIN_IDS=1).
    const localFeeds = app.startFeeds({ immediate: false });
    await runLocalChat(app, session, {
      languageCode: process.env.CASEBOT_LANG ?? process.env.LANG?.slice(0, 2),
      site: config.web ? () => startLocalSite(app, logger) : undefined,
    });
    clearInterval(refresh);
    await localFeeds.stop();
    await purge.stop();
    await metricsServer?.stop();
    await app.close();
    return;
  }

  let stopUpdates: () => Promise<void>;
  let running: Promise<void>;
  let webhook: Awaited<ReturnType<typeof startWebhook>> | undefined;
  if (config.mode === "webhook") {
    webhook = await startWebhook(app, logger);
    stopUpdates = webhook.stop;
    running = webhook.closed;
  } else {
    const handle = await startPolling(app, logger);
    stopUpdates = async () => {
      if (handle.isRunning()) await handle.stop();
    };
    running = handle.task() ?? Promise.resolve();
  }

  // Reminders and the outbox sender (one sender per bot across instances, by advisory lock).
  const delivery = app.startDelivery();
  // /readyz on the lock holder also asks for a recent sender tick.
  webhook?.server.watchSender(() => delivery.status());
  // The editors' news feeds (docs/editors.md): each found item goes to them once.
  const feeds = app.startFeeds();

  // Order matters: no new updates, then those in flight finish, then the sender, then the store.
  installShutdown({
    logger,
    steps: [
      { name: "updates", run: stopUpdates },
      { name: "delivery", run: () => delivery.stop() },
      { name: "jobs", run: async () => (clearInterval(refresh), await Promise.all([purge.stop(), feeds.stop(), metricsServer?.stop()]), undefined) },
      { name: "database", run: () => app.close() },
    ],
  });
  await running;
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isEntry) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`casebot: ${err.message}\n`);
      process.exit(EXIT.badInput);
    }
    throw err;
  }
  main(config).catch((err: unknown) => {
    process.stderr.write(`casebot: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(exitCodeFor(err));
  });
}
