import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** CHAT_KEY and CHAT_KEY_PREVIOUS: 32 random bytes in base64 (src/db/chat-id.ts uses them). */
const chatKeyText = optionalString.pipe(
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64 (e.g. the output of `openssl rand -base64 32`)")
    .refine((s) => Buffer.from(s, "base64").length === 32, { message: "must be 32 random bytes in base64 (`openssl rand -base64 32` makes one)" })
    .optional(),
);

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Lead times: `7d`, `1d`, `3h`, `30m`, or `morning@08:00` (that day, local time). */
export const LEAD_TIME = /^(\d{1,3}[dhm]|morning@([01]\d|2[0-3]):[0-5]\d)$/;

/** Messages a second Telegram allows a bot without paid broadcasts. */
export const FREE_SEND_RATE = 30;

export const envSchema = z
  .object({
    BOT_TOKEN: optionalString.pipe(
      z
        .string()
        .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "must look like 123456:ABC… (the token @BotFather gives)")
        .optional(),
    ),
    BOT_MODE: z.enum(["polling", "webhook"], { error: "must be polling or webhook" }).default("polling"),
    TELEGRAM_API_ROOT: optionalString.pipe(z.url({ error: "must be a URL such as http://127.0.0.1:8081" }).optional()),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
    PGLITE_DIR: z.string().trim().min(1, "must not be empty").default("./data/pglite"),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be one of fatal, error, warn, info, debug, trace, silent",
      })
      .default("info"),
    ADMIN_IDS: z
      .string()
      .trim()
      .default("")
      .refine((s) => s === "" || /^\s*-?\d+(\s*,\s*-?\d+)*\s*$/.test(s), {
        message: "must be Telegram user ids separated by commas, e.g. 12345,67890",
      })
      .transform((s) => (s === "" ? [] : s.split(",").map((x) => Number(x.trim())))),
    CASE_TIMEZONE: z
      .string()
      .trim()
      .default("Asia/Almaty")
      .refine(isTimeZone, { message: "must be an IANA time zone such as Asia/Almaty" }),
    REMINDER_LEAD_TIMES: z
      .string()
      .trim()
      .default("7d,1d,morning@08:00")
      .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
      .refine((xs) => xs.length > 0 && xs.every((x) => LEAD_TIME.test(x)), {
        message: "must be a comma-separated list of 7d, 1d, 3h, 30m or morning@HH:MM",
      }),
    SEND_RATE: z.coerce
      .number({ error: "must be a number of messages per second" })
      .positive("must be above 0")
      .max(1000, "must be at most 1000")
      .optional(),
    PAID_BROADCAST: bool,
    // required: a broadcast made by one editor waits for another's approval (docs/editors.md).
    REVIEW: z.enum(["off", "required", ""], { error: "must be off or required" }).optional().transform((v) => (v === "required" ? "required" : "off")),
    // A step of start-up that takes longer than this stops it, naming what could not be reached.
    STARTUP_TIMEOUT_SECONDS: z.coerce
      .number({ error: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(1, "must be at least 1")
      .max(600, "must be at most 600")
      .default(20),
    // After /close_case, how long subscriptions and the outbox stay before they are deleted (docs/privacy.md).
    CASE_END_GRACE_DAYS: z.coerce
      .number({ error: "must be a number of days" })
      .int("must be a whole number of days")
      .min(0, "must be at least 0")
      .max(365, "must be at most 365")
      .default(30),
    PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).default(8080),
    // Prometheus metrics on a port of their own (docs/operations.md); unset, no metrics server.
    METRICS_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).optional()),
    // Telegram posts updates only to https (on port 443, 80, 88 or 8443): anything else would never be called.
    WEBHOOK_URL: optionalString.pipe(
      z
        .url({ protocol: /^https$/, error: "must be the public https:// URL Telegram posts to" })
        .refine((u) => [443, 80, 88, 8443].includes(Number(new URL(u).port || 443)), {
          message: "must use a port Telegram posts to: 443, 80, 88 or 8443",
        })
        .optional(),
    ),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .min(32, "must be at least 32 characters")
        .regex(/^[A-Za-z0-9_-]+$/, "may contain only A-Z, a-z, 0-9, _ and -")
        .optional(),
    ),
    LOG_HASH_KEY: optionalString,
    // Seals and indexes chat and user ids at rest (docs/privacy.md); the previous key only while keys:rotate runs.
    CHAT_KEY: chatKeyText,
    CHAT_KEY_PREVIOUS: chatKeyText,
    // Where the case's web pages are (docs/web.md); unset, the bot's messages carry no web links.
    PUBLIC_URL: optionalString.pipe(
      z
        .url({ protocol: /^https?$/, error: "must be the site's public address, e.g. https://atajurt.example.org" })
        .refine((u) => !/[?#]/.test(u), { message: "must be an address without ?query or #fragment" })
        .optional(),
    ),
    // The case's site (docs/web.md) beside the webhook and the local chat; WEB=false leaves it off.
    WEB: z
      .enum(["true", "false", "1", "0", "yes", "no", ""], { error: "must be true or false" })
      .optional()
      .transform((v) => !(v === "false" || v === "0" || v === "no")),
    // Transaction-mode poolers (pgbouncer, Fly's pooled URL) cannot keep prepared statements.
    DATABASE_PREPARE: z
      .enum(["true", "false", "1", "0", "yes", "no", ""], { error: "must be true or false" })
      .optional()
      .transform((v) => !(v === "false" || v === "0" || v === "no")),
    // Migrations and advisory locks need a session of their own: the direct, unpooled URL.
    DIRECT_DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    // Telegram's free limit is about 30 messages a second; more needs paid broadcasts, and a
    // silent cap would hide that the operator's number is not the one used.
    if (env.SEND_RATE !== undefined && env.SEND_RATE > FREE_SEND_RATE && !env.PAID_BROADCAST) {
      ctx.addIssue({ code: "custom", path: ["SEND_RATE"], message: `must be at most ${FREE_SEND_RATE} without PAID_BROADCAST=true` });
    }
    if (env.CHAT_KEY_PREVIOUS && !env.CHAT_KEY) ctx.addIssue({ code: "custom", path: ["CHAT_KEY_PREVIOUS"], message: "is only used with CHAT_KEY (the new key)" });
    if (env.CHAT_KEY_PREVIOUS && env.CHAT_KEY_PREVIOUS === env.CHAT_KEY) ctx.addIssue({ code: "custom", path: ["CHAT_KEY_PREVIOUS"], message: "must differ from CHAT_KEY" });
    if (env.BOT_MODE === "webhook") {
      if (!env.BOT_TOKEN) ctx.addIssue({ code: "custom", path: ["BOT_TOKEN"], message: "is required when BOT_MODE=webhook" });
      if (!env.WEBHOOK_URL) ctx.addIssue({ code: "custom", path: ["WEBHOOK_URL"], message: "is required when BOT_MODE=webhook" });
      if (!env.WEBHOOK_SECRET)
        ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: "is required when BOT_MODE=webhook (at least 32 characters)" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  botToken?: string;
  mode: "local" | "polling" | "webhook";
  apiRoot?: string;
  databaseUrl?: string;
  pgliteDir: string;
  logLevel: Env["LOG_LEVEL"];
  adminIds: number[];
  timeZone: string;
  leadTimes: string[];
  sendRate: number;
  paidBroadcast: boolean;
  /** REVIEW: "required" holds every broadcast until a second editor approves it. */
  review: "off" | "required";
  /** The deadline of each start-up step (database, migrations, content, getMe, setWebhook), in ms. */
  startupTimeoutMs: number;
  port: number;
  /** METRICS_PORT: where /metrics is served; undefined, it is not. */
  metricsPort?: number;
  /** Days between /close_case and the purge of subscriptions and deliveries. */
  caseEndGraceDays: number;
  webhookUrl?: string;
  webhookSecret?: string;
  logHashKey: string;
  /** CHAT_KEY: required with a token (src/db/chat-key.ts); the local chat keeps one beside its database. */
  chatKey?: string;
  chatKeyPrevious?: string;
  /** postgres.js `prepare`; false behind a transaction-mode pooler. */
  databasePrepare: boolean;
  directDatabaseUrl?: string;
  /** The site's address without a trailing slash (PUBLIC_URL); unset, no web links. */
  publicUrl?: string;
  /** Whether the site is served (WEB, default true): in webhook mode on the webhook's server, beside the local chat on PORT. */
  web: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads the environment once, at start-up; every bad variable is named with what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? "environment");
        const value = env[name];
        const shown = value === undefined || /TOKEN|SECRET|KEY|DATABASE_URL/.test(name) ? "" : ` (got "${value}")`;
        return `${name} ${i.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;
  const paid = e.PAID_BROADCAST;
  return {
    botToken: e.BOT_TOKEN,
    mode: e.BOT_TOKEN ? e.BOT_MODE : "local",
    apiRoot: e.TELEGRAM_API_ROOT,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: e.PGLITE_DIR,
    logLevel: e.LOG_LEVEL,
    adminIds: e.ADMIN_IDS,
    timeZone: e.CASE_TIMEZONE,
    leadTimes: e.REMINDER_LEAD_TIMES,
    sendRate: e.SEND_RATE ?? 25,
    paidBroadcast: paid,
    review: e.REVIEW,
    startupTimeoutMs: e.STARTUP_TIMEOUT_SECONDS * 1000,
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    caseEndGraceDays: e.CASE_END_GRACE_DAYS,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    // Without a configured key, ids are hashed with one made per process: correlation within a run only.
    logHashKey: e.LOG_HASH_KEY ?? crypto.randomUUID(),
    chatKey: e.CHAT_KEY,
    chatKeyPrevious: e.CHAT_KEY_PREVIOUS,
    databasePrepare: e.DATABASE_PREPARE,
    directDatabaseUrl: e.DIRECT_DATABASE_URL,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ""),
    web: e.WEB,
  };
}
