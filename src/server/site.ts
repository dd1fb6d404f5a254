import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import type { Finished, ResponseCache } from "../web/cache.js";
import { matches } from "../web/respond.js";
import { BodyTooLarge, readBody, refuseAndClose } from "./body.js";

/** A web-standard app (the site's Hono app: `createWebApp`), served by the same Node server as the webhook. */
export interface Site {
  fetch(request: Request): Response | Promise<Response>;
  /** Finished responses the server may send again without asking the app (src/web/cache.ts). */
  cache?: ResponseCache;
}

/** A kept response, or its 304 when the client's copy is current: no Request, no routing, no rendering. */
function sendFinished(req: IncomingMessage, res: ServerResponse, hit: Finished): void {
  if (hit.notModified && matches(req.headers["if-none-match"], hit.etag!)) {
    res.writeHead(304, hit.notModified).end();
    return;
  }
  res.writeHead(hit.status, hit.headers).end(req.method === "HEAD" ? undefined : hit.body);
}

/**
 * Hands a Node request to the site and writes its Response back. A GET or HEAD whose answer the
 * app marked as kept is sent from the cache while it is current (docs/web.md, Serving); the
 * first answer for its key is kept as written, so both carry the same headers and bytes. A body,
 * on the methods that have one, is read first through the same counting reader as the webhook's,
 * under the same limit: the site takes no uploads, so nothing large reaches it however it is sent.
 */
export function siteHandler(site: Site, logger: Logger, maxBodyBytes: number) {
  const cache = site.cache;
  return async (req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> => {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    const key =
      cache && (method === "GET" || method === "HEAD") ? cache.key(origin, target, req.headers["accept-language"], req.headers["accept-encoding"]) : undefined;
    if (key !== undefined) {
      const hit = cache!.get(key);
      if (hit) return sendFinished(req, res, hit);
    }
    let body: Buffer | undefined;
    if (method !== "GET" && method !== "HEAD") {
      try {
        body = await readBody(req, maxBodyBytes);
      } catch (err) {
        if (!(err instanceof BodyTooLarge)) throw err;
        logger.warn({ limit: maxBodyBytes }, "site request body over the limit refused");
        return refuseAndClose(res, 413);
      }
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
    }
    const request = new Request(new URL(target, origin), { method, headers, body: body?.length ? body : undefined });
    const response = await site.fetch(request);
    // The site's bodies are bytes already made (pages, feeds, images): read whole, written at once.
    const bytes = response.body && method !== "HEAD" ? Buffer.from(await response.arrayBuffer()) : undefined;
    const written = Object.fromEntries(response.headers);
    res.writeHead(response.status, written).end(bytes);
    if (key !== undefined && method === "GET") cache!.put(key, target, response, written, bytes);
  };
}
