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
 * What of an error a log line may hold: an allowlist, since errors carry the data they failed on.
 * grammY's carry the failed call's payload (chat id, message text) and a BotError its whole
 * context; drizzle's query errors carry the query's params and repeat them in their message, and
 * Postgres's own message and detail quote the offending value. So a line keeps the error's type,
 * codes, Telegram's description, the SQL's shape without its values, and a message and stack
 * rewritten the same way; never a payload, params or detail.
 */
const KEPT = ["code", "errno", "syscall", "error_code", "description", "method", "severity", "constraint_name", "table_name", "column_name", "routine", "step"] as const;

/** SQL with every literal replaced: the statement's shape, none of the values it ran with. */
export function sqlShape(query: string): string {
  return query
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/(?<![$\w])-?\d+(?:\.\d+)?\b/g, "?")
    .slice(0, 2_000);
}

/** A database's words with what they quote taken out: `invalid input syntax for type integer: "?"`. */
const unquoted = (message: string) => message.replace(/"(?:[^"]|"")*"/g, '"?"').replace(/'(?:[^']|'')*'/g, "'?'").replace(/\(([^()]*)\)=\(([^()]*)\)/g, "($1)=(?)");

function safeErr(err: unknown, depth = 0): unknown {
  if (!err || typeof err !== "object") return err;
  const e = err as Record<string, unknown> & { name?: unknown; message?: unknown; stack?: unknown };
  const type = (e.constructor as { name?: string } | undefined)?.name ?? String(e.name ?? "Error");
  const query = typeof e.query === "string" && "params" in e ? e.query : undefined;
  const fromDatabase = query !== undefined || (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && "severity" in e);
  // A failed request's cause names its URL, and a Bot API URL holds the token.
  let message = (typeof e.message === "string" ? e.message : String(e.message ?? "")).replace(/bot\d+:[\w-]+/g, "bot<token>");
  if (query !== undefined) message = `Failed query: ${sqlShape(query)}`;
  else if (fromDatabase) message = unquoted(message);
  // A BotError wraps the real failure in `error`; a query error its driver's in `cause`. A wrapper's
  // message repeats the wrapped one: that part is replaced by the wrapped error's safe message.
  const innerKey = e.error instanceof Error ? "error" : "cause";
  const inner = e[innerKey];
  const safeInner = inner && typeof inner === "object" && depth < 4 ? (safeErr(inner, depth + 1) as { message?: string }) : undefined;
  const rawInner = (inner as { message?: unknown } | undefined)?.message;
  if (safeInner?.message !== undefined && typeof rawInner === "string" && rawInner && message.includes(rawInner)) message = message.split(rawInner).join(safeInner.message);
  const out: Record<string, unknown> = { type, message };
  if (query !== undefined) out.query = sqlShape(query);
  for (const k of KEPT) if (typeof e[k] === "string" || typeof e[k] === "number") out[k] = e[k];
  if (typeof e.stack === "string") {
    // The stack's first lines repeat the message: only its frames are kept after the safe message.
    const frames = e.stack.split("\n").filter((l) => /^\s+at /.test(l));
    out.stack = [`${type}: ${message}`, ...frames].join("\n");
  }
  if (safeInner) out[innerKey] = safeInner;
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
