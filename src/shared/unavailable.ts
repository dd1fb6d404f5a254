/**
 * Whether an error means the store could not be reached (a refused or dropped connection, a
 * server shutting down or starting, PGlite closed), as opposed to a query that was wrong. An update
 * that fails this way is not the person's fault and not lost: webhook mode answers 503 so Telegram
 * sends it again, polling mode keeps it (docs/hardening.md). A failed call to Telegram is never
 * this: grammY's HttpError holds its cause in `error`, which is not followed.
 */
const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|CONNECT_TIMEOUT|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)$/;
/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now). */
const SQLSTATES = /^(08\d{3}|57P0[123])$/;

export function isStoreUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === "object" && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === "HttpError") return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_CODES.test(code) || SQLSTATES.test(code))) return true;
    if (e instanceof Error && /^PGlite is closed/.test(e.message)) return true;
  }
  return false;
}
