import { createHmac } from "node:crypto";
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, opts: { pretty?: boolean; destination?: NodeJS.WritableStream } = {}): Logger {
  if (opts.destination) return pino({ level }, opts.destination);
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}

/**
 * A keyed hash of a Telegram id for log correlation: the same person links across log lines
 * without their id ever being written down.
 */
export function hashId(key: string, id: number | undefined): string | undefined {
  if (id === undefined) return undefined;
  return createHmac("sha256", key).update(String(id)).digest("base64url").slice(0, 12);
}
