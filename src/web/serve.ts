/**
 * The site on a port of its own: for the tests, the bench and `npm run web`-style use until the
 * real server mounts it (docs/web.md). 0 picks a free port.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface WebServer {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
}

export function startWebServer(app: Hono, opts: { port?: number; hostname?: string } = {}): Promise<WebServer> {
  const hostname = opts.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname}:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Keep-alive sockets would hold close() open until they time out.
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once("error", reject);
  });
}
