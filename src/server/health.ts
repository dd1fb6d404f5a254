import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS_DIR, type Database } from "../db/client.js";
import { lastMigrationApplied, ping } from "../db/health.js";

export const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

export interface Readiness {
  ready: boolean;
  checks: { database: boolean; migrations: boolean; bot: boolean; accepting: boolean; sender: boolean };
  /** Whether this instance is the one sending the outbox now: for operators and `npm run chaos`. */
  role: "sender" | "standby";
}

/** What the delivery tells readiness: whether this instance holds the sender's lock, and when it last confirmed it. */
export interface SenderStatus {
  holder: boolean;
  sending?: boolean;
  lastTickAt?: number;
}

/** A holder whose loop has not ticked for this long is stuck: not ready, so the platform can replace it. */
export const SENDER_TICK_MAX_AGE_MS = 15_000;

/** The newest migration this build ships: the database must have applied it. */
export function latestMigration(dir = MIGRATIONS_DIR): number {
  const journal = JSON.parse(readFileSync(join(dir, "meta", "_journal.json"), "utf8")) as { entries: Array<{ when: number }> };
  return Math.max(0, ...journal.entries.map((e) => e.when));
}

function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Ready means: the database answers, it has every migration of this build, the bot knows who it
 * is (getMe done), the server still takes updates (not shutting down), and, on the instance that
 * holds the sender's lock, the sender ticked recently. Each probe is bounded so a hung database
 * makes the check fail rather than hang. /healthz, by contrast, says only that the process answers.
 */
export function createReadiness(opts: {
  database: Database;
  isBotReady: () => boolean;
  isAccepting: () => boolean;
  sender?: () => SenderStatus | undefined;
  now?: () => number;
  migrationsDir?: string;
  timeoutMs?: number;
}): () => Promise<Readiness> {
  const expected = latestMigration(opts.migrationsDir);
  const timeoutMs = opts.timeoutMs ?? 2_000;
  const now = opts.now ?? Date.now;
  const senderOk = () => {
    const s = opts.sender?.();
    return !s?.holder || (s.lastTickAt !== undefined && now() - s.lastTickAt <= SENDER_TICK_MAX_AGE_MS);
  };
  return async () => {
    const checks = { database: false, migrations: false, bot: opts.isBotReady(), accepting: opts.isAccepting(), sender: senderOk() };
    try {
      await within(timeoutMs, ping(opts.database));
      checks.database = true;
      checks.migrations = (await within(timeoutMs, lastMigrationApplied(opts.database))) >= expected;
    } catch {
      // The failing check stays false; the reason is not for an unauthenticated caller.
    }
    return { ready: Object.values(checks).every(Boolean), checks, role: opts.sender?.()?.sending ? "sender" : "standby" };
  };
}
