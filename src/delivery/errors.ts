import { GrammyError, HttpError } from "grammy";

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

export function classifySendError(err: unknown): SendFailure {
  if (err instanceof GrammyError) {
    const description = `${err.error_code} ${err.description}`;
    const params = err.parameters ?? {};
    if (err.error_code === 429) return { kind: "retry_after", seconds: Math.max(1, params.retry_after ?? 5), description };
    if (params.migrate_to_chat_id) return { kind: "migrated", to: params.migrate_to_chat_id, description };
    if (err.error_code === 403) return { kind: "gone", description };
    if (err.error_code === 400 && GONE_400.test(err.description)) return { kind: "gone", description };
    if (err.error_code >= 500 || err.error_code === 401 || err.error_code === 404) return { kind: "transient", description };
    return { kind: "permanent", description };
  }
  if (err instanceof HttpError) return { kind: "transient", description: `network: ${String((err.error as Error)?.message ?? err.message)}` };
  return { kind: "transient", description: err instanceof Error ? err.message : String(err) };
}

/** Exponential backoff with jitter (between half and all of the step), capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step * (0.5 + random() * 0.5));
}
