import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe("configuration", () => {
  it("runs locally with nothing set, on PGlite, in Asia/Almaty", () => {
    const c = loadConfig({});
    expect(c.mode).toBe("local");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.pgliteDir).toBe("./data/pglite");
    expect(c.timeZone).toBe("Asia/Almaty");
    expect(c.adminIds).toEqual([]);
    expect(c.leadTimes).toEqual(["7d", "1d", "morning@08:00"]);
  });

  it("polls when a token is set", () => {
    expect(loadConfig({ BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789" }).mode).toBe("polling");
  });

  it.each([
    [{ BOT_TOKEN: "nonsense" }, "BOT_TOKEN"],
    [{ TELEGRAM_API_ROOT: "not a url" }, "TELEGRAM_API_ROOT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ ADMIN_IDS: "12,abc" }, "ADMIN_IDS"],
    [{ CASE_TIMEZONE: "Mars/Olympus" }, "CASE_TIMEZONE"],
    [{ REMINDER_LEAD_TIMES: "7d,soon" }, "REMINDER_LEAD_TIMES"],
    [{ SEND_RATE: "fast" }, "SEND_RATE"],
    [{ PORT: "99999" }, "PORT"],
    [{ PUBLIC_URL: "atajurt.example.org" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "ftp://atajurt.example.org" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "https://atajurt.example.org/?utm=1" }, "PUBLIC_URL"],
    [{ SEND_RATE: "50" }, "SEND_RATE"],
    [{ WEBHOOK_URL: "http://casebot.example.org/telegram" }, "WEBHOOK_URL"],
    [{ WEBHOOK_URL: "https://casebot.example.org:8080/telegram" }, "WEBHOOK_URL"],
    [{ STARTUP_TIMEOUT_SECONDS: "soon" }, "STARTUP_TIMEOUT_SECONDS"],
    [{ STARTUP_TIMEOUT_SECONDS: "0" }, "STARTUP_TIMEOUT_SECONDS"],
  ])("names the bad variable %o", (env, name) => {
    const p = problems(env as Record<string, string>);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(new RegExp(`^${name} `));
  });

  it("never echoes a secret back", () => {
    const [p] = problems({ BOT_TOKEN: "secret-value" });
    expect(p).not.toContain("secret-value");
  });

  it("webhook mode demands its URL and a long secret", () => {
    const p = problems({ BOT_MODE: "webhook", BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789", WEBHOOK_SECRET: "short" });
    expect(p.some((x) => x.startsWith("WEBHOOK_URL "))).toBe(true);
    expect(p.some((x) => x.startsWith("WEBHOOK_SECRET ") && x.includes("32"))).toBe(true);
  });

  it("keeps the site's address without its trailing slash, and has none unless told", () => {
    expect(loadConfig({ PUBLIC_URL: "https://atajurt.example.org/case/" }).publicUrl).toBe("https://atajurt.example.org/case");
    expect(loadConfig({ PUBLIC_URL: "" }).publicUrl).toBeUndefined();
    expect(loadConfig({}).publicUrl).toBeUndefined();
  });

  it("stops on a send rate above Telegram's free limit without paid broadcasts, naming both variables", () => {
    expect(problems({ SEND_RATE: "50" })).toEqual(["SEND_RATE must be at most 30 without PAID_BROADCAST=true (got \"50\")"]);
    expect(loadConfig({ SEND_RATE: "30" }).sendRate).toBe(30);
    expect(loadConfig({ SEND_RATE: "50", PAID_BROADCAST: "true" }).sendRate).toBe(50);
  });

  it("takes only an https webhook URL on a port Telegram posts to", () => {
    expect(problems({ WEBHOOK_URL: "http://casebot.example.org/telegram" })).toEqual([
      'WEBHOOK_URL must be the public https:// URL Telegram posts to (got "http://casebot.example.org/telegram")',
    ]);
    expect(loadConfig({ WEBHOOK_URL: "https://casebot.example.org:8443/telegram" }).webhookUrl).toBe("https://casebot.example.org:8443/telegram");
  });

  it("gives every start-up step 20 seconds unless STARTUP_TIMEOUT_SECONDS says otherwise", () => {
    expect(loadConfig({}).startupTimeoutMs).toBe(20_000);
    expect(loadConfig({ STARTUP_TIMEOUT_SECONDS: "5" }).startupTimeoutMs).toBe(5_000);
    expect(problems({ STARTUP_TIMEOUT_SECONDS: "1.5" })).toEqual(['STARTUP_TIMEOUT_SECONDS must be a whole number of seconds (got "1.5")']);
  });

  it("holds broadcasts for review only with REVIEW=required (default off), and names a bad value", () => {
    expect(loadConfig({}).review).toBe("off");
    expect(loadConfig({ REVIEW: "" }).review).toBe("off");
    expect(loadConfig({ REVIEW: "required" }).review).toBe("required");
    expect(problems({ REVIEW: "yes" })).toEqual(['REVIEW must be off or required (got "yes")']);
  });

  it("parses admin ids", () => {
    expect(loadConfig({ ADMIN_IDS: "12, 34" }).adminIds).toEqual([12, 34]);
  });
});

describe("database settings for a pooled deployment", () => {
  it("prepares statements unless told not to (transaction poolers cannot keep them)", () => {
    expect(loadConfig({}).databasePrepare).toBe(true);
    expect(loadConfig({ DATABASE_PREPARE: "false" }).databasePrepare).toBe(false);
    expect(loadConfig({ DATABASE_PREPARE: "0" }).databasePrepare).toBe(false);
    expect(loadConfig({ DATABASE_PREPARE: "true" }).databasePrepare).toBe(true);
    expect(problems({ DATABASE_PREPARE: "maybe" })).toEqual([expect.stringMatching(/^DATABASE_PREPARE must be true or false/)]);
  });

  it("takes a direct URL for migrations and locks, and never echoes it", () => {
    expect(loadConfig({ DIRECT_DATABASE_URL: "postgres://u:p@db:5432/x" }).directDatabaseUrl).toBe("postgres://u:p@db:5432/x");
    const [p] = problems({ DIRECT_DATABASE_URL: "mysql://u:hunter2@db/x" });
    expect(p).toMatch(/^DIRECT_DATABASE_URL must be a postgres:\/\//);
    expect(p).not.toContain("hunter2");
  });
});
