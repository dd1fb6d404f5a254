import type { Database } from "../../src/db/client.js";

/** One statement as sent to the server, whitespace folded; a transaction shows as BEGIN … COMMIT. */
export type Trip = string;

type Query = (text: string, ...rest: unknown[]) => unknown;
interface Driver {
  unsafe?: Query;
  query?: Query;
  begin?: (fn: (tx: Driver) => unknown) => Promise<unknown>;
  transaction?: (fn: (tx: Driver) => unknown) => Promise<unknown>;
}

/**
 * Records every round trip the database's driver makes (postgres.js's `unsafe` and `begin`,
 * PGlite's `query` and `transaction`, the calls drizzle makes underneath), so a test can hold a
 * path to the number of statements it sends: a behaviour that holds on any machine, where a
 * timing would not. Lasts for the life of the database.
 */
export function recordRoundTrips(database: Database, opts: { text?: boolean } = {}): Trip[] {
  const trips: Trip[] = [];
  // `text: false` (a bench that only counts) keeps each statement as sent: folding it costs the measured path.
  const note = opts.text === false ? (text: string) => trips.push(text) : (text: string) => trips.push(text.replace(/\s+/g, " ").trim());
  const client = (database.db as unknown as { session: { client: Driver } }).session.client;
  const method = database.kind === "postgres" ? "unsafe" : "query";
  const wrap = (c: Driver) => {
    const run = c[method]!.bind(c);
    // postgres.js sends its own BEGIN through the transaction's client: counted once, below.
    c[method] = (text, ...rest) => (/^begin\b/i.test(text) ? undefined : note(text), run(text, ...rest));
    return c;
  };
  wrap(client);
  const txMethod = database.kind === "postgres" ? "begin" : "transaction";
  const begin = client[txMethod]!.bind(client);
  client[txMethod] = (fn) => {
    note("BEGIN");
    return begin((tx) => fn(wrap(tx))).finally(() => note("COMMIT"));
  };
  return trips;
}
