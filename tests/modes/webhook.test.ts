import { connect } from "node:net";
import { once } from "node:events";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { importCase } from "../../src/case/content/import.js";
import { createLogger } from "../../src/logger.js";
import { ALLOWED_UPDATES } from "../../src/modes/polling.js";
import { startWebhook, type WebhookHandle } from "../../src/modes/webhook.js";
import { systemClock } from "../../src/shared/time.js";
import { caseFile, testConfig } from "../support/bot.js";
import { textUpdate } from "../support/updates.js";
import { DB_KINDS, IMPORT_NOW, useDatabase } from "../support/db.js";
import { freePort, waitFor } from "../support/net.js";
import { startFakeBotApi } from "../support/fake-bot-api.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const SECRET = "s3cret_s3cret_s3cret_s3cret_s3cret_42";
const HOOK_PATH = "/telegram/hook-path";

/**
 * Webhook mode end to end: the real server on a local port, Telegram's side played by plain HTTP
 * requests, and the Bot API by a fake over HTTP.
 */
describe.each(DB_KINDS)("webhook mode over HTTP (%s)", (kind) => {
  const { database } = useDatabase(kind);
  let api: Awaited<ReturnType<typeof startFakeBotApi>>;
  let app: App;
  let hook: WebhookHandle | undefined;
  let base: string;

  async function start(opts: { delayMs?: Record<string, number>; timeoutMs?: number } = {}) {
    api = await startFakeBotApi({ delayMs: opts.delayMs });
    const port = await freePort();
    const config = testConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `https://casebot.example.org${HOOK_PATH}`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      TELEGRAM_API_ROOT: api.url,
      // The site has its own tests (tests/server/site.test.ts): these stay quick without its fonts.
      WEB: "false",
    });
    const logger = createLogger("silent");
    app = await createApp({ config, logger, clock: systemClock, database, client: { apiRoot: api.url } });
    hook = await startWebhook(app, logger, { host: "127.0.0.1", timeoutMs: opts.timeoutMs });
    base = `http://127.0.0.1:${hook.port}`;
  }

  beforeEach(async () => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
  });
  afterEach(async () => {
    await hook?.stop();
    hook = undefined;
    await api?.close();
  });

  const post = (update: Update | string, secret?: string) =>
    fetch(`${base}${HOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}) },
      body: typeof update === "string" ? update : JSON.stringify(update),
    });

  it("sets the webhook with the secret, the handled update types and pending updates kept", async () => {
    await start();
    const [set] = api.of("setWebhook");
    expect(set?.payload).toMatchObject({
      url: `https://casebot.example.org${HOOK_PATH}`,
      secret_token: SECRET,
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
    });
    // The bot knew who it was before Telegram was told where to post.
    expect(api.calls.findIndex((c) => c.method === "getMe")).toBeLessThan(api.calls.findIndex((c) => c.method === "setWebhook"));
  });

  it("handles an update that carries the secret, and refuses one without it (401, not processed)", async () => {
    await start();
    const withoutSecret = await post(textUpdate("/start", { chatId: 501 }));
    expect(withoutSecret.status).toBe(401);
    const wrongSecret = await post(textUpdate("/start", { chatId: 502 }), SECRET.replace("4", "5"));
    expect(wrongSecret.status).toBe(401);
    expect(api.of("sendMessage")).toHaveLength(0);

    const ok = await post(textUpdate("/start", { chatId: 503, lang: "ru" }), SECRET);
    expect(ok.status).toBe(200);
    const replies = api.of("sendMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload.chat_id).toBe(503);
    expect(String(replies[0]!.payload.text)).toContain("Здравствуйте!");
  });

  it("processes a redelivered update (same update_id) once", async () => {
    await start();
    const update = textUpdate("/help", { chatId: 504 });
    expect((await post(update, SECRET)).status).toBe(200);
    expect((await post(update, SECRET)).status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(1);
    const other = textUpdate("/help", { chatId: 504 });
    expect((await post(other, SECRET)).status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(2);
  });

  it("answers 200 and logs with the update id when an update fails before the features, and goes on", async () => {
    await start();
    const errors = vi.spyOn(app.deps.logger, "error");
    vi.spyOn(app.deps.chats, "context").mockRejectedValueOnce(new Error("connection refused"));
    const failing = textUpdate("/start", { chatId: 507 });
    // A 5xx would have Telegram resend it again and again, holding up every update behind it.
    expect((await post(failing, SECRET)).status).toBe(200);
    expect(errors).toHaveBeenCalledWith(expect.objectContaining({ updateId: failing.update_id }), "update failed outside a feature");
    expect(api.of("sendMessage")).toHaveLength(0);
    expect((await post(textUpdate("/start", { chatId: 507 }), SECRET)).status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(1);
  });

  it("keeps an update the store fails after Telegram had its answer, and handles it once the store answers", async () => {
    await start({ timeoutMs: 200 });
    const closed = Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" });
    vi.spyOn(app.deps.subscriptions, "get").mockImplementationOnce(async () => {
      await new Promise((r) => setTimeout(r, 500));
      throw closed;
    });
    const update = textUpdate("/settings", { chatId: 508 });
    // Past the deadline: Telegram has its 200 and will not send it again.
    expect((await post(update, SECRET)).status).toBe(200);
    expect(api.of("sendMessage")).toHaveLength(0);
    await waitFor(() => (api.of("sendMessage").length ? true : undefined), 15_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(api.of("sendMessage").map((c) => c.payload.chat_id)).toEqual([508]);
  });

  it("answers health and readiness with JSON, and rejects what is not an update", async () => {
    await start();
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toBe("application/json");
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: true, migrations: true, bot: true, accepting: true, sender: true }, role: "standby" });

    expect((await post("{not json", SECRET)).status).toBe(400);
    const huge = await fetch(`${base}${HOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify({ update_id: 1, padding: "x".repeat(1_100_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${base}${HOOK_PATH}`)).status).toBe(405);
    expect((await fetch(`${base}/elsewhere`, { method: "POST", body: "{}" })).status).toBe(404);
    expect(api.of("sendMessage")).toHaveLength(0);
  });

  it("answers Telegram by the deadline when the Bot API is slow, and finishes the update on shutdown", async () => {
    await start({ delayMs: { sendMessage: 1_500 }, timeoutMs: 300 });
    const t0 = Date.now();
    const res = await post(textUpdate("/start", { chatId: 505 }), SECRET);
    const took = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(took).toBeLessThan(1_200);
    // The reply is still on its way: the update is in flight after Telegram has its answer.
    expect(hook!.server.inflight()).toBe(1);

    // A request Telegram began before the stop and finished after it is turned away with 503, to be
    // sent again later; a new connection is not accepted at all.
    const begun = connect(hook!.port, "127.0.0.1");
    await once(begun, "connect");
    begun.write(`POST ${HOOK_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`);
    await new Promise((r) => setTimeout(r, 50));
    const stopping = hook!.stop();
    const body = JSON.stringify(textUpdate("/help", { chatId: 506 }));
    const answer = new Promise<string>((resolve) => {
      let raw = "";
      begun.on("data", (d: Buffer) => (raw += d.toString()));
      begun.on("close", () => resolve(raw));
    });
    begun.end(`X-Telegram-Bot-Api-Secret-Token: ${SECRET}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    expect(await answer).toMatch(/^HTTP\/1\.1 503 /);
    await expect(post(textUpdate("/help", { chatId: 507 }), SECRET)).rejects.toThrow();
    await stopping;
    expect(hook!.server.inflight()).toBe(0);
    const [reply] = api.of("sendMessage");
    expect(reply?.payload.chat_id).toBe(505);
    expect(reply?.answeredAt).toBeDefined();
    expect(api.of("sendMessage").map((c) => c.payload.chat_id)).toEqual([505]);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    hook = undefined;
  });

  it("stays up for health checks while it starts, and is ready only once the bot is initialised", async () => {
    api = await startFakeBotApi({ delayMs: { getMe: 800 } });
    const port = await freePort();
    const config = testConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `https://casebot.example.org${HOOK_PATH}`,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      WEB: "false",
    });
    const logger = createLogger("silent");
    app = await createApp({ config, logger, clock: systemClock, database, client: { apiRoot: api.url } });
    const starting = startWebhook(app, logger, { host: "127.0.0.1" });
    base = `http://127.0.0.1:${port}`;
    const early = await waitFor(async () => {
      const r = await fetch(`${base}/readyz`).catch(() => undefined);
      return r ? r : undefined;
    });
    expect(early.status).toBe(503);
    expect(((await early.json()) as { checks: { bot: boolean } }).checks.bot).toBe(false);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    hook = await starting;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
