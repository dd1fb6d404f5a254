import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CaseBot } from "../bot/index.js";
import type { Database } from "../db/client.js";
import type { Logger } from "../logger.js";
import { createReadiness, HEALTH_PATH, READY_PATH, type SenderStatus } from "./health.js";
import { siteHandler, type Site } from "./site.js";
import { createWebhookHandler, DEFAULT_MAX_BODY_BYTES, type WebhookOptions } from "./webhook.js";

export interface CasebotServer {
  readonly http: Server;
  listen(port: number, host?: string): Promise<number>;
  /** Stops taking updates, lets those in flight finish, then closes every connection. */
  stop(): Promise<void>;
  inflight(): number;
  /** Serves the site on every path that is not the webhook's or a health check's. */
  mount(site: Site): void;
  /** Lets /readyz see the sender (started after the server): whether this instance holds its lock, and its last tick. */
  watchSender(status: () => SenderStatus | undefined): void;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
}

/** The request target's path: sliced when it is the usual origin form (no URL object for every page view), else parsed. */
function pathOf(target: string): string {
  if (target[0] !== "/" || target[1] === "/") return new URL(target, "http://localhost").pathname;
  const query = target.indexOf("?");
  return query < 0 ? target : target.slice(0, query);
}

/**
 * One Node http server: the webhook path (when given), /healthz, /readyz, and the case's site
 * (when given) on every other path. Every request body, the webhook's and the site's, is read
 * under one limit.
 */
export function createHttpServer(opts: {
  bot: CaseBot;
  database: Database;
  logger: Logger;
  webhook?: WebhookOptions & { path: string };
  site?: Site;
  maxBodyBytes?: number;
  migrationsDir?: string;
}): CasebotServer {
  let accepting = true;
  let sender: (() => SenderStatus | undefined) | undefined;
  const maxBodyBytes = opts.maxBodyBytes ?? opts.webhook?.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const webhook = opts.webhook ? createWebhookHandler(opts.bot, opts.logger, { maxBodyBytes, ...opts.webhook }) : undefined;
  let site = opts.site ? siteHandler(opts.site, opts.logger, maxBodyBytes) : undefined;
  const readiness = createReadiness({
    database: opts.database,
    isBotReady: () => opts.bot.isInited(),
    isAccepting: () => accepting,
    sender: () => sender?.(),
    migrationsDir: opts.migrationsDir,
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url ?? "/");
    if (webhook && path === opts.webhook!.path) {
      if (req.method !== "POST") return json(res, 405, { error: "method not allowed" });
      // Telegram retries a 503 later, by when another instance (or this one, restarted) takes it.
      if (!accepting) return json(res, 503, { status: "stopping" });
      return webhook.handle(req, res);
    }
    if (req.method === "GET" && path === HEALTH_PATH) return json(res, 200, { status: "ok" });
    if (req.method === "GET" && path === READY_PATH) {
      const r = await readiness();
      return json(res, r.ready ? 200 : 503, { status: r.ready ? "ready" : "not ready", checks: r.checks, role: r.role });
    }
    // The origin only when PUBLIC_URL is unset; a Host header that is not a plain host:port is not trusted.
    const host = req.headers.host && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(req.headers.host) ? req.headers.host : "localhost";
    if (site) return site(req, res, `http://${host}`);
    json(res, 404, { error: "not found" });
  }

  const http = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      opts.logger.error({ err }, "http request failed");
      if (!res.headersSent) json(res, 500, { error: "internal error" });
    });
  });
  // Slow clients cannot hold connections open for long.
  http.requestTimeout = 30_000;
  http.headersTimeout = 10_000;

  let stopping: Promise<void> | undefined;
  return {
    http,
    listen(port, host = "0.0.0.0") {
      return new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, host, () => {
          http.off("error", reject);
          resolve((http.address() as AddressInfo).port);
        });
      });
    },
    stop() {
      stopping ??= (async () => {
        accepting = false;
        const closed = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        await webhook?.drain();
        http.closeAllConnections();
        await closed;
      })();
      return stopping;
    },
    inflight: () => webhook?.inflight() ?? 0,
    mount(s) {
      site = siteHandler(s, opts.logger, maxBodyBytes);
    },
    watchSender(status) {
      sender = status;
    },
  };
}
