import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startLocalSite } from "../../src/modes/site.js";
import { startWebhook, type WebhookHandle } from "../../src/modes/webhook.js";
import { createApp } from "../../src/app.js";
import { createHttpServer, type CasebotServer } from "../../src/server/http.js";
import { importCase } from "../../src/case/content/import.js";
import { systemClock } from "../../src/shared/time.js";
import { caseFile, testConfig } from "../support/bot.js";
import { streamChunked } from "../support/chunked.js";
import { IMPORT_NOW, useDatabase } from "../support/db.js";
import { seedUpdate } from "../support/seed.js";
import { buildTestSite } from "../support/web.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";
import { freePort, waitFor } from "../support/net.js";
import { textUpdate } from "../support/updates.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const SECRET = "s3cret_s3cret_s3cret_s3cret_s3cret_42";
const HOOK = "/telegram";

/** Issue 14 phase 2: the site served by the webhook's own process and HTTP server, under its limits. */
describe("the site on the webhook's server (pglite)", () => {
  const { database } = useDatabase("pglite");
  let hook: WebhookHandle | undefined;
  let api: Awaited<ReturnType<typeof startFakeBotApi>> | undefined;
  let local: { close(): Promise<void> } | undefined;
  afterEach(async () => {
    await hook?.stop();
    await local?.close();
    await api?.close();
    hook = local = api = undefined;
  });

  it("serves the pages beside the webhook and the health checks, one body limit for both", async () => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    api = await startFakeBotApi();
    const port = await freePort();
    const config = testConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: `https://casebot.example.org${HOOK}`, WEBHOOK_SECRET: SECRET, PORT: String(port), PUBLIC_URL: "https://casebot.example.org" });
    const logger = createLogger("silent");
    const app = await createApp({ config, logger, clock: systemClock, database, client: { apiRoot: api.url } });
    hook = await startWebhook(app, logger, { host: "127.0.0.1" });
    const base = `http://127.0.0.1:${port}`;

    // The site is made in the background after setWebhook: mounted within moments.
    const page = await waitFor(async () => {
      const r = await fetch(`${base}/en/`);
      return r.status === 200 ? r : undefined;
    }, 30_000, 100);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await page.text()).toContain('href="https://casebot.example.org/en/');
    const root = await fetch(`${base}/`, { redirect: "manual", headers: { "accept-language": "ru" } });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toContain("/ru/");
    expect((await fetch(`${base}/en/feed.atom`)).headers.get("content-type")).toContain("application/atom+xml");
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);

    // The webhook and the health checks are still the server's own.
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const res = await fetch(`${base}${HOOK}`, { method: "POST", headers: { "X-Telegram-Bot-Api-Secret-Token": SECRET, "content-type": "application/json" }, body: JSON.stringify(textUpdate("/start", { chatId: 701 })) });
    expect(res.status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(1);

    // A body sent to a page, chunked and endless, is cut at the same limit as the webhook's.
    const r = await streamChunked(port, "/en/", {}, 20_000_000);
    expect(r.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.sent).toBeLessThan(10_000_000);
    const post = await fetch(`${base}/en/`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
  });

  it("starts beside the local chat on PORT, and a port already taken leaves the chat without it", async () => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    const port = await freePort();
    const config = testConfig({ PORT: String(port) });
    const app = await createApp({ config, logger: createLogger("silent"), clock: systemClock, database, botInfo: (await import("../../src/cli/local-chat.js")).LOCAL_BOT_INFO });
    expect(config.mode).toBe("local");
    expect(config.web).toBe(true);
    expect(testConfig({ WEB: "false" }).web).toBe(false);
    const site = await startLocalSite(app, createLogger("silent"));
    local = site;
    expect(site?.url).toBe(`http://localhost:${port}`);
    const page = await fetch(`http://127.0.0.1:${port}/kk/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-language")).toMatch(/^kk/);

    const taken = await startLocalSite(app, createLogger("silent"));
    expect(taken).toBeUndefined();
  });
});

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request as a browser sends it, the answer's headers exactly as they came. */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, headers: { "accept-encoding": "br, gzip", ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The headers that differ between two answers for reasons of the clock alone. */
const stable = ({ date: _date, ...headers }: IncomingHttpHeaders) => headers;

describe("the site's finished responses, sent again by the server (pglite)", () => {
  const { database } = useDatabase("pglite");
  let server: CasebotServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  /** The site on the production server, counting the requests that reach the app. */
  async function serve() {
    const t = await buildTestSite(database, { refreshMs: 5_000 });
    let reached = 0;
    const site = { fetch: (r: Request) => (reached++, t.site.fetch(r)), cache: t.site.cache };
    server = createHttpServer({ bot: t.bot, database, logger: createLogger("silent"), site });
    const port = await server.listen(0, "127.0.0.1");
    return { ...t, port, reached: () => reached };
  }

  it("sends a page again from memory with the very headers and bytes the app gave, a 304 and a HEAD alike", async () => {
    const { port, reached } = await serve();
    const first = await raw(port, "/en/");
    expect(first.status).toBe(200);
    expect(first.headers["content-encoding"]).toBe("br");
    expect(reached()).toBe(1);
    const again = await raw(port, "/en/");
    expect(reached()).toBe(1);
    expect(stable(again.headers)).toEqual(stable(first.headers));
    expect(again.body.equals(first.body)).toBe(true);
    for (const h of ["content-security-policy", "x-content-type-options", "referrer-policy", "etag", "cache-control", "vary", "content-language"]) expect(again.headers[h], h).toBeTruthy();

    // A first 304 comes from the app (the gzip copy is not kept yet), the next from memory: the same headers.
    const etag = String(first.headers.etag);
    const appNotModified = await raw(port, "/en/", { "accept-encoding": "gzip", "if-none-match": etag });
    expect(appNotModified.status).toBe(304);
    expect(reached()).toBe(2);
    await raw(port, "/en/", { "accept-encoding": "gzip" });
    const kept = await raw(port, "/en/", { "accept-encoding": "gzip", "if-none-match": `W/${etag}` });
    expect(reached()).toBe(3);
    expect(kept.status).toBe(304);
    expect(kept.body.length).toBe(0);
    expect(stable(kept.headers)).toEqual(stable(appNotModified.headers));

    const head = await raw(port, "/en/", {}, "HEAD");
    expect(reached()).toBe(3);
    expect(head.body.length).toBe(0);
    expect(stable(head.headers)).toEqual(stable(first.headers));
    const appHead = await raw(port, "/ru/", {}, "HEAD");
    const ruPage = await raw(port, "/ru/");
    expect(stable(appHead.headers)).toEqual(stable(ruPage.headers));
  });

  it("keeps one answer per negotiated language and encoding, none for an address with a query", async () => {
    const { port, reached } = await serve();
    expect((await raw(port, "/", { "accept-language": "ru" })).headers.location).toBe("/ru/");
    expect((await raw(port, "/", { "accept-language": "kk-CN" })).headers.location).toBe("/kk-arab/");
    expect((await raw(port, "/", { "accept-language": "ru" })).headers.location).toBe("/ru/");
    expect(reached()).toBe(2);
    const plain = await raw(port, "/kk/", { "accept-encoding": "identity" });
    const br = await raw(port, "/kk/");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(br.headers["content-encoding"]).toBe("br");
    expect(reached()).toBe(4);
    await raw(port, "/kk/?utm=1");
    await raw(port, "/kk/?utm=1");
    expect(reached()).toBe(6);
  });

  it("stops sending what it kept once the record moves: a published update, the next minute", async () => {
    const { port, reached, clock } = await serve();
    const before = await raw(port, "/en/feed.atom");
    const missing = await raw(port, "/en/u/999");
    expect(missing.status).toBe(404);
    await raw(port, "/en/u/999");
    expect(reached()).toBe(2);

    const u = await seedUpdate(database, { id: 999, body: { en: "The court heard the last witness." }, publishedAt: new Date("2026-01-20T05:00:00Z") });
    // Within refreshMs the site has not read the record again: neither has the server's copy.
    expect((await raw(port, "/en/u/999")).status).toBe(404);
    clock.advance(5_000);
    expect((await raw(port, "/en/u/999")).status).toBe(200);
    const after = await raw(port, "/en/feed.atom");
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(reached()).toBe(4);
    expect(u.id).toBe(999);

    // The next minute: asked again of the app (a countdown may have moved), same bytes when it did not.
    clock.advance(60_000);
    const later = await raw(port, "/en/feed.atom");
    expect(reached()).toBe(5);
    expect(later.headers.etag).toBe(after.headers.etag);
    await raw(port, "/en/feed.atom");
    expect(reached()).toBe(5);
  });
});
