import { createSite, type App } from "../app.js";
import type { Logger } from "../logger.js";
import { createHttpServer } from "../server/http.js";

/**
 * The case's site beside the local chat (docs/configuration.md, WEB and PORT): the same server
 * as webhook mode's, without a webhook, on localhost only. A port already taken is said once and
 * the chat goes on without the site.
 */
export async function startLocalSite(app: App, logger: Logger, opts: { host?: string; port?: number } = {}): Promise<{ url: string; close(): Promise<void> } | undefined> {
  const host = opts.host ?? "127.0.0.1";
  const server = createHttpServer({ bot: app.bot, database: app.deps.database, logger, site: await createSite(app, { botUsername: app.bot.botInfo.username }) });
  try {
    const port = await server.listen(opts.port ?? app.deps.config.port, host);
    return { url: `http://localhost:${port}`, close: () => server.stop() };
  } catch (err) {
    logger.warn({ err }, `the site could not listen on port ${opts.port ?? app.deps.config.port} (set PORT, or WEB=false): the chat goes on without it`);
    return undefined;
  }
}
