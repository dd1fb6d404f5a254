/**
 * One step of start-up (connect to the database, migrate, import the content, getMe, setWebhook):
 * it says what it is doing, retries with backoff while retrying can help, and gives up at its
 * deadline with a message naming what could not be reached. Nothing at start-up waits forever:
 * a server that accepts a connection and never answers is the case this is for.
 */
import type { Logger } from "../logger.js";

/** A step could not finish in time, or kept failing until its deadline: the process should stop. */
export class StartupError extends Error {
  constructor(
    public readonly step: string,
    message: string,
  ) {
    super(message);
    this.name = "StartupError";
  }
}

export interface StepOptions {
  /** The step, as logs name it: "database", "migrations", "getMe"… */
  step: string;
  /** What the step does, for the log line: "connecting to the database (postgres at db:5432)". */
  doing: string;
  /** What could not be reached when it fails: "the database at db:5432". */
  target: string;
  timeoutMs: number;
  logger: Logger;
  /** Whether a failure is worth another try before the deadline (a refused connection, a 5xx); default none is. */
  retryable?: (err: unknown) => boolean;
  /** Called when the step gives up on an attempt still running, to let go of what it holds (sockets, a pool). */
  release?: () => Promise<void> | void;
  /** Waits between tries, the last repeated; never past the deadline. */
  backoffMs?: readonly number[];
}

const BACKOFF_MS = [250, 500, 1_000, 2_000, 4_000];
/**
 * The innermost cause's words: a wrapped query error says only which query failed, its cause says
 * why. A failed request to Telegram keeps its own words and adds only its cause's code: the cause's
 * message carries the request's URL, and the URL carries the token.
 */
export function errorMessage(err: unknown): string {
  const wrapped = err instanceof Error ? (err as { error?: unknown }).error : undefined;
  if (wrapped && typeof wrapped === "object") {
    const code = (wrapped as { code?: unknown }).code ?? (wrapped as { cause?: { code?: unknown } }).cause?.code;
    return typeof code === "string" ? `${(err as Error).message} (${code})` : (err as Error).message;
  }
  let e = err;
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause instanceof Error; depth++) e = e.cause;
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
}
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Runs `attempt` until it succeeds, fails in a way retrying cannot help (that error is thrown
 * as it is: a refused token is not a network problem), or the deadline passes (a StartupError).
 * Each attempt gets a signal that aborts at the deadline.
 */
export async function startupStep<T>(opts: StepOptions, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const started = Date.now();
  const deadline = started + opts.timeoutMs;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`${opts.step} took longer than ${seconds(opts.timeoutMs)}`));
      resolve("expired");
    }, opts.timeoutMs);
  });
  opts.logger.info({ step: opts.step, deadline_s: opts.timeoutMs / 1000 }, opts.doing);
  let last: unknown;
  let tries = 0;
  const giveUp = async (why: string): Promise<never> => {
    await opts.release?.();
    const lastError = last === undefined ? "" : ` (last error: ${errorMessage(last)})`;
    throw new StartupError(opts.step, `could not reach ${opts.target}: ${why}${lastError}`);
  };
  try {
    for (;;) {
      tries++;
      // An attempt that never settles is left behind at the deadline; `release` ends what it holds.
      const outcome = await Promise.race([
        attempt(controller.signal).then(
          (value) => ({ ok: true as const, value }),
          (err: unknown) => ({ ok: false as const, err }),
        ),
        expired,
      ]);
      // After failures, the deadline striking during a retry still means it kept failing.
      if (outcome === "expired") return await giveUp(last === undefined ? `no answer within ${seconds(opts.timeoutMs)}` : `still failing after ${seconds(opts.timeoutMs)} and ${tries} tries`);
      if (outcome.ok) {
        opts.logger.info({ step: opts.step, ms: Date.now() - started, tries }, `${opts.step}: done`);
        return outcome.value;
      }
      last = outcome.err;
      // Settled, and not worth another try: nothing is left behind to release.
      if (!(opts.retryable?.(outcome.err) ?? false)) throw outcome.err;
      const backoff = opts.backoffMs ?? BACKOFF_MS;
      const wait = Math.min(backoff[Math.min(tries - 1, backoff.length - 1)]!, deadline - Date.now());
      if (wait <= 0) return await giveUp(`still failing after ${seconds(opts.timeoutMs)} and ${tries} tries`);
      opts.logger.warn({ step: opts.step, err: errorMessage(outcome.err), retry_in_ms: wait }, `${opts.step} failed; trying again`);
      const slept = await Promise.race([new Promise<"slept">((r) => setTimeout(r, wait, "slept")), expired]);
      if (slept === "expired") return await giveUp(`still failing after ${seconds(opts.timeoutMs)} and ${tries} tries`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Network failures a retry may outlast: refused, reset, unreachable, a name not resolved yet. */
export function isNetworkError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|UND_ERR_\w+)$/.test(code)) return true;
    if (e instanceof TypeError && /fetch failed/.test(e.message)) return true;
  }
  return false;
}
