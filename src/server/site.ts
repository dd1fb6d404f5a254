import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream } from "node:stream/web";
import type { Logger } from "../logger.js";
import { BodyTooLarge, readBody, refuseAndClose } from "./body.js";

/** A web-standard app (the site's Hono app: `createWebApp`), served by the same Node server as the webhook. */
export interface Site {
  fetch(request: Request): Response | Promise<Response>;
}

/**
 * Hands a Node request to the site and writes its Response back. A body, on the methods that
 * have one, is read first through the same counting reader as the webhook's, under the same
 * limit: the site takes no uploads, so nothing large reaches it however it is sent.
 */
export function siteHandler(site: Site, logger: Logger, maxBodyBytes: number) {
  return async (req: IncomingMessage, res: ServerResponse, origin: string): Promise<void> => {
    const method = req.method ?? "GET";
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
    const request = new Request(new URL(req.url ?? "/", origin), { method, headers, body: body?.length ? body : undefined });
    const response = await site.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body || method === "HEAD") return void res.end();
    await new Promise<void>((resolve, reject) => {
      Readable.fromWeb(response.body as ReadableStream).on("error", reject).pipe(res).on("finish", resolve).on("error", reject);
    });
  };
}
