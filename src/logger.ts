import { createHmac } from "node:crypto";
import { pino, type Logger } from "pino";
import pretty from "pino-pretty";

export type { Logger };

/**
 * JSON lines on stderr for an operator's log collector; `pretty` (the local chat) writes short
 * readable lines instead, still on stderr, so they never mix into the chat's transcript on stdout.
 */
export function createLogger(level: string, opts: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  const serializers = { err: safeErr };
  if (opts.destination) return pino({ level, serializers }, opts.destination);
  if (opts.pretty) return pino({ level, base: undefined, serializers }, pretty({ destination: 2, sync: true, colorize: false, singleLine: true, translateTime: "HH:MM:ss", ignore: "pid,hostname" }));
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
