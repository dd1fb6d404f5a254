import { TelegramRefusal, TelegramUnreachable } from "./port.js";

/** What a failed send means for the row and the chat. */
export type SendFailure =
  /** 429: wait, then send again; nothing is lost. */
  | { kind: "retry_after"; seconds: number; description: string }
  /** The chat cannot receive any more (blocked, kicked, deactivated, not found): never retried. */
  | { kind: "gone"; description: string }
  /** The group became a supergroup: same message, new id. */
  | { kind: "migrated"; to: number; description: string }
  /** 5xx or the network: back off and try again, a bounded number of times. */
  | { kind: "transient"; description: string }
  /** Any other refusal (a 400 about the message itself): retrying cannot help. */
  | { kind: "permanent"; description: string };

const GONE_400 = /chat not found|peer_id_invalid|user not found|group chat was deactivated|chat_write_forbidden|bot was kicked|need administrator rights in the channel chat/i;

/** The error ladder: 429 → wait, migrate → move and resend, 403 and dead chats → drop, 5xx → back off, the rest → dead. */
export function classifySendError(err: unknown): SendFailure {
  if (err instanceof TelegramRefusal) {
    const description = `${err.code} ${err.description}`;
    if (err.code === 429) return { kind: "retry_after", seconds: Math.max(1, err.retryAfter ?? 5), description };
    if (err.migrateTo) return { kind: "migrated", to: err.migrateTo, description };
    if (err.code === 403) return { kind: "gone", description };
    if (err.code === 400 && GONE_400.test(err.description)) return { kind: "gone", description };
    if (err.code >= 500 || err.code === 401 || err.code === 404) return { kind: "transient", description };
    return { kind: "permanent", description };
  }
  if (err instanceof TelegramUnreachable) return { kind: "transient", description: `network: ${err.message}` };
  return { kind: "transient", description: err instanceof Error ? err.message : String(err) };
}

/** Exponential backoff with jitter (between half and all of the step), capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + random() * 0.5));
}
