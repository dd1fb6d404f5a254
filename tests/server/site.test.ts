import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startLocalSite } from "../../src/modes/site.js";
import { startWebhook, type WebhookHandle } from "../../src/modes/webhook.js";
import { createApp } from "../../src/app.js";
import { importCase } from "../../src/case/content/import.js";
import { systemClock } from "../../src/shared/time.js";
import { caseFile, testConfig } from "../support/bot.js";
import { streamChunked } from "../support/chunked.js";
import { IMPORT_NOW, useDatabase } from "../support/db.js";
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
