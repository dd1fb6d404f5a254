import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { exitCodeFor } from "../../src/cli/run.js";
import { ConfigError } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startPolling } from "../../src/modes/polling.js";
import { initBot } from "../../src/modes/telegram.js";
import { startWebhook } from "../../src/modes/webhook.js";
import { StartupError } from "../../src/shared/startup.js";
import { systemClock } from "../../src/shared/time.js";
import { startBlackHole } from "../support/blackhole.js";
import { testConfig } from "../support/bot.js";
import { useDatabase } from "../support/db.js";
import { startFakeBotApi, type FakeAnswer } from "../support/fake-bot-api.js";
import { freePort } from "../support/net.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const logger = createLogger("silent");

/**
 * Start-up's calls to Telegram against a Bot API that accepts connections and never answers, one
 * that answers some methods and holds another, and one that refuses the token.
 */
describe("start-up's calls to Telegram", () => {
  const { database } = useDatabase("pglite", { empty: false });

  async function appOn(apiRoot: string, env: Record<string, string> = {}) {
    const config = testConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: apiRoot, STARTUP_TIMEOUT_SECONDS: "1", ...env });
    return createApp({ config, logger, clock: systemClock, database, client: { apiRoot } });
  }

  const rejection = (p: Promise<unknown>) => p.then(() => new Error("resolved"), (e: unknown) => e as Error);

  it("getMe gives up at the deadline on a Bot API that never answers, naming it (polling)", async () => {
    const hole = await startBlackHole();
    try {
      const app = await appOn(`http://127.0.0.1:${hole.port}`);
      const t0 = Date.now();
      const err = await rejection(startPolling(app, logger));
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toBe(`could not reach the Telegram Bot API at http://127.0.0.1:${hole.port}: no answer within 1 s`);
      expect(exitCodeFor(err)).toBe(3);
      expect(hole.accepted()).toBeGreaterThan(0);
      expect(app.bot.isInited()).toBe(false);
    } finally {
      await hole.close();
    }
  });

  it("a token Telegram refuses is bad input, named, at once", async () => {
    const api = await startFakeBotApi({ answers: { getMe: { error_code: 401, description: "Unauthorized" } } });
    try {
      const app = await appOn(api.url);
      const err = await rejection(initBot(app, logger));
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual(["BOT_TOKEN was refused by Telegram (401: Unauthorized): check the token @BotFather gave"]);
      expect(exitCodeFor(err)).toBe(2);
      expect(api.of("getMe")).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it("retries Telegram's own errors until the deadline, then names the Bot API", async () => {
    const api = await startFakeBotApi({ answers: { getMe: { error_code: 502, description: "Bad Gateway" } } });
    try {
      const app = await appOn(api.url);
      const err = await rejection(initBot(app, logger));
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toMatch(new RegExp(`^could not reach the Telegram Bot API at ${api.url.replace(/[.]/g, "\\.")}: still failing after 1 s and \\d+ tries \\(last error: Call to 'getMe' failed! \\(502: Bad Gateway\\)\\)$`));
      expect(api.of("getMe").length).toBeGreaterThan(1);
    } finally {
      await api.close();
    }
  });

  it.each<[string, Record<string, FakeAnswer>]>([
    ["setWebhook never answers", { setWebhook: "never" }],
    ["the command menus never answer either", { setMyCommands: "never", setWebhook: "never" }],
  ])("webhook mode gives up at setWebhook's deadline when %s, and closes its server", async (_what, answers) => {
    const api = await startFakeBotApi({ answers });
    try {
      const port = await freePort();
      const app = await appOn(api.url, { BOT_MODE: "webhook", WEBHOOK_URL: "https://casebot.example.org/telegram", WEBHOOK_SECRET: "s3cret_s3cret_s3cret_s3cret_s3cret_42", PORT: String(port) });
      const err = await rejection(startWebhook(app, logger, { host: "127.0.0.1" }));
      expect(err).toBeInstanceOf(StartupError);
      expect(err.message).toBe(`could not reach the Telegram Bot API at ${api.url}: no answer within 1 s`);
      expect((err as StartupError).step).toBe("setWebhook");
      expect(api.of("getMe")).toHaveLength(1);
      expect(api.of("setWebhook")).toHaveLength(1);
      // Nothing listens once start-up has given up.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      await api.close();
    }
  });
});
