import { sql } from "drizzle-orm";
import { query, ts, type Database, type Executor } from "./client.js";

export interface OutboxDepth {
  /** Rows by kind and status (every status, finished ones included until they are purged). */
  byKindStatus: Array<{ kind: string; status: string; n: number }>;
  /** Seconds since the oldest row that is due and not yet sent became due; 0 when none is. */
  oldestDueAgeSeconds: number;
}

/** Aggregates only, for metrics: no chat id leaves this query. */
export async function readOutboxDepth(db: Executor, now: Date): Promise<OutboxDepth> {
  const byKindStatus = await query<{ kind: string; status: string; n: number }>(
    db,
    sql`select kind, status, count(*)::int as n from deliveries group by kind, status order by kind, status`,
  );
  const [o] = await query<{ oldest: number | string | null }>(
    db,
    sql`select extract(epoch from min(due_at))::float8 as oldest from deliveries where status in ('pending', 'sending') and due_at <= ${ts(now)}`,
  );
  const oldest = o?.oldest == null ? undefined : Number(o.oldest) * 1000;
  return {
    byKindStatus: byKindStatus.map((r) => ({ kind: r.kind, status: r.status, n: Number(r.n) })),
    oldestDueAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
  };
}

/** Rows the sender should be sending now: pending and due, or in flight. The local chat waits for none. */
export async function countSendable(db: Executor, now: Date): Promise<number> {
  const [r] = await query<{ n: number }>(
    db,
    sql`select count(*)::int as n from deliveries
        where status = 'sending' or (status = 'pending' and next_attempt_at <= ${ts(now)})`,
  );
  return Number(r?.n ?? 0);
}

/**
 * Whether any instance holds an advisory lock: Postgres knows every session's locks; PGlite lives
 * in this process, where a try that succeeds (and lets go at once) means nobody holds it.
 */
export async function senderLockHeld(database: Database, key: number): Promise<boolean> {
  if (database.kind === "pglite") return !(await database.withTryLock(key, async () => undefined)).ok;
  const [r] = await query<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and classid = 0 and objid = ${key}`,
  );
  return Number(r?.n ?? 0) > 0;
}
