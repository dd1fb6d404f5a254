import { describe, expect, it } from "vitest";
import { isStoreUnavailable } from "../../src/shared/unavailable.js";

const coded = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`failed: ${code}`), { code, ...extra });

describe("isStoreUnavailable", () => {
  it.each([
    ["a refused connection", coded("ECONNREFUSED")],
    ["postgres.js: connection closed", coded("CONNECTION_CLOSED")],
    ["postgres.js: connect timeout", coded("CONNECT_TIMEOUT")],
    ["Postgres shutting down (57P01)", coded("57P01", { severity: "FATAL" })],
    ["Postgres starting (57P03)", coded("57P03")],
    ["a connection exception (08006)", coded("08006")],
    ["PGlite closed", new Error("PGlite is closed")],
    ["drizzle's wrapper around one", Object.assign(new Error("Failed query: select 1"), { query: "select 1", params: [], cause: coded("ECONNRESET") })],
  ])("is true for %s", (_, err) => expect(isStoreUnavailable(err)).toBe(true));

  it.each([
    ["a query that is wrong (22P02)", coded("22P02")],
    ["a unique violation (23505)", coded("23505")],
    ["a plain error", new Error("connection refused")],
    ["grammY's HttpError over a refused Telegram", Object.assign(new Error("Network request for 'sendMessage' failed!"), { name: "HttpError", cause: coded("ECONNREFUSED") })],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("is false for %s", (_, err) => expect(isStoreUnavailable(err)).toBe(false));
});
