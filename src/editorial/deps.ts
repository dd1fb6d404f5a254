import type { Database } from "../db/client.js";
import type { Clock } from "../shared/time.js";

/** What every editorial use case runs on: the store, the clock and the case's zone. */
export interface EditorialDeps {
  database: Database;
  clock: Clock;
  timeZone: string;
}
