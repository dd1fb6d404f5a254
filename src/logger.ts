import { createHmac } from "node:crypto";
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, opts: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const serializers = { err: safeErr };
  if (opts.destination) return pino({ level, serializers }, opts.destination);
  return pino({ level, base: undefined, serializers }, pino.destination({ fd: 2, sync: true }));
}

/**
 * grammY's errors carry the failed call's payload (chat id, message text) and a BotError its whole
 * context: a log line keeps the message, code and stack, never those.
 */
const PRIVATE_ERROR_FIELDS = ["payload", "ctx", "update", "parameters"];
function safeErr(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (out && typeof out === "object") for (const k of PRIVATE_ERROR_FIELDS) delete (out as Record<string, unknown>)[k];
  return out;
}

/**
 * A keyed hash of a Telegram id for log correlation: the same person links across log lines
 * without their id ever being written down.
 */
export function hashId(key: string, id: number | undefined): string | undefined {
  if (id === undefined) return undefined;
  return createHmac("sha256", key).update(String(id)).digest("base64url").slice(0, 12);
}
