import { autoRetry } from "@grammyjs/auto-retry";
import type { Logger } from "../logger.js";
import { createSite, type App as App } from "../app.js";
import { createHttpServer, type CasebotServer } from "../server/http.js";
import { guardProcess } from "../shutdown.js";
import { ALLOWED_UPDATES, keepWhileStoreIsAway } from "./polling.js";
import { commandMenus, initBot, telegramStep, type GrammySignal } from "./telegram.js";

export interface WebhookHandle {
  server: CasebotServer;
  port: number;
  /** Stops taking updates and waits for those in flight; the webhook stays set for the next instance. */
  stop(): Promise<void>;
  /** Resolves when the server has closed. */
  closed: Promise<void>;
}

/**
 * Webhook mode: the HTTP server listens first (so /healthz answers during start-up), then the bot
 * learns who it is and tells Telegram where to post, with the secret and the update types it
 * handles. Pending updates are kept: what arrived during a deploy is handled after it.
 */
export async function startWebhook(app: App, logger: Logger, opts: { host?: string; timeoutMs?: number; site?: boolean } = {}): Promise<WebhookHandle> {
  const { config } = app.deps;
  guardProcess(logger);
  if (!config.webhookUrl || !config.webhookSecret) throw new Error("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET");
  const url = new URL(config.webhookUrl);
  // A webhook answer is due within seconds: one short retry at most; the sender owns long 429 waits.
  app.bot.api.config.use(autoRetry({ maxRetryAttempts: 1, maxDelaySeconds: 2, rethrowHttpErrors: true }));

  const server = createHttpServer({
    bot: app.bot,
    database: app.deps.database,
    logger,
    webhook: { path: url.pathname, secretToken: config.webhookSecret, timeoutMs: opts.timeoutMs, release: (id) => app.deps.seenUpdates.release(id) },
  });
  // An update still running at the webhook's deadline has had its 200: if the store then fails it,
  // it is kept here and handled again once the store is back, as in polling mode.
  const keeper = keepWhileStoreIsAway(app, logger);
  const stop = async () => {
    await server.stop();
    await keeper.stop();
  };
  const closed = new Promise<void>((resolve) => server.http.once("close", () => resolve()));
  const port = await server.listen(config.port, opts.host);
  try {
    await initBot(app, logger);
    await commandMenus(app, logger);
    const secret = config.webhookSecret;
    await telegramStep(app, logger, "setWebhook", `telling Telegram to post updates to ${url.host}${url.pathname} (setWebhook)`, (signal) =>
      app.bot.api.setWebhook(url.href, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false }, signal as GrammySignal),
    );
  } catch (err) {
    await stop();
    throw err;
  }
  logger.info({ username: app.bot.botInfo.username, host: url.host, port }, "webhook set; taking updates");
  // The site on the same server (docs/web.md), made in the background: updates and the shutdown
  // handler never wait on its fonts; until it is mounted its paths answer 404.
  if (opts.site ?? config.web) {
    void createSite(app, { botUsername: app.bot.botInfo.username }).then(
      (site) => {
        server.mount(site);
        logger.info({ port }, "site served");
      },
      (err: unknown) => logger.error({ err }, "site not served; the webhook goes on"),
    );
  }
  return { server, port, stop, closed };
}
