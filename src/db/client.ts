import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { ChatKeyring } from "./chat-id.js";
import { applyMigrations } from "./migrations.js";
import { createPglite } from "./pglite.js";
import { bindRing, runKeyring } from "./refs.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
/** The one database type the rest of the code sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction: repositories take it in place of the database to share one unit of work. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database or a transaction: every repository runs in either. */
export type Executor = Db | Tx;

/** postgres.js returns an array, PGlite an object with rows: one shape for callers. */
export async function query<T>(ex: Pick<Db, "execute">, q: SQL): Promise<T[]> {
  const r = (await ex.execute(q)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

/** postgres.js takes no Date inside raw SQL: the instant as text, cast. */
export const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * A WITH clause that makes the one statement it heads commit without waiting for the WAL to reach
 * the disk (`synchronous_commit = off` for its own implicit transaction): for writes whose loss in
 * a crash is harmless and relearnt, so a reply never waits on an fsync and it is still one round
 * trip, not BEGIN/SET LOCAL/…/COMMIT. The statement must read from `async_commit` (a WITH query
 * nobody reads is never run). Inside a caller's transaction it would make that whole transaction
 * commit so: only for statements run on their own.
 */
export const ASYNC_COMMIT = sql`with async_commit as (select set_config('synchronous_commit', 'off', true))`;

export interface Database {
  /** Bound to its keyring (src/db/refs.ts): repositories given it or a transaction on it seal and index ids. */
  db: Db;
  ring: ChatKeyring;
  kind: "postgres" | "pglite";
  /** Runs a raw statement and returns its rows, whichever driver runs it. */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Runs `fn` holding a session-level advisory lock on one connection; false when another holds it. */
  withTryLock<T>(key: number, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }>;
  /**
   * Takes a session-level advisory lock on a connection of its own and keeps it until released;
   * undefined when another session holds it. Unlike withTryLock, the holder can ask whether it
   * still holds the lock: a connection that died (a Postgres restart, pg_terminate_backend) took
   * the lock with it, and nothing else would tell.
   */
  tryLease(key: number): Promise<LockLease | undefined>;
  /**
   * Applies pending migrations (with `through`, only those up to that one: src/db/migrations.ts);
   * an abort (start-up's deadline) drops the migration's own connection at once.
   */
  migrate(signal?: AbortSignal, opts?: { through?: string }): Promise<void>;
  /** Ends every connection: queries in flight get a few seconds, or none with `force`. */
  close(opts?: { force?: boolean }): Promise<void>;
}

export interface LockLease {
  /** True while this session still holds the lock; false once its connection died or it was lost (then for good). */
  check(): Promise<boolean>;
  /** Lets go of the lock and its connection. */
  release(): Promise<void>;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../drizzle", import.meta.url));
/** Advisory lock keys; one place so two features never pick the same. */
export const LOCKS = { migrate: 7_174_001, sender: 7_174_002, scheduler: 7_174_003 } as const;

export interface OpenOptions {
  url?: string;
  /**
   * The keys ids are sealed and indexed with (src/db/chat-key.ts resolves them from the
   * configuration). Without one a key is made for this run: right for a test or a bench, and
   * never for a store kept across runs, which openConfiguredDatabase always gives its key.
   */
  ring?: ChatKeyring;
  pgliteDir?: string;
  /** postgres.js `prepare`: false for transaction-mode poolers (pgbouncer, Fly's pooled URL). */
  prepare?: boolean;
  max?: number;
  /** The direct (unpooled) URL: session advisory locks and migrations cannot go through a transaction pooler. */
  directUrl?: string;
  /**
   * How long a connection may take to be ready, in seconds (postgres.js `connect_timeout`, 30 by
   * default): past it the attempt fails, so a server that never answers is not waited on forever.
   */
  connectTimeoutSeconds?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const ring = opts.ring ?? runKeyring();
  const database = opts.url ? openPostgres(opts.url, opts) : await openPglite(opts.pgliteDir ?? "memory://");
  return Object.assign(database, { db: bindRing(database.db, ring), ring });
}

function openPostgres(url: string, opts: OpenOptions): Omit<Database, "ring"> {
  const connect_timeout = opts.connectTimeoutSeconds ?? 30;
  const client = postgres(url, { max: opts.max ?? 10, prepare: opts.prepare ?? true, connect_timeout, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  const sessionUrl = opts.directUrl ?? url;
  const lockClient = () => postgres(sessionUrl, { max: 1, connect_timeout, onnotice: () => {} });
  // Locks are few and long-lived: a small pool of their own on the direct URL, opened on first use.
  let direct: postgres.Sql | undefined;
  const sessions = () => (opts.directUrl ? (direct ??= postgres(opts.directUrl, { max: 4, connect_timeout, onnotice: () => {} })) : client);
  return {
    db,
    kind: "postgres",
    async rows<T>(query: SQL) {
      return (await db.execute(query)) as unknown as T[];
    },
    async withTryLock(key, fn) {
      // A session lock needs one connection held for its whole life: a pool would hand out others.
      const reserved = await sessions().reserve();
      try {
        const [row] = await reserved`select pg_try_advisory_lock(${key}) as ok`;
        if (!row?.ok) return { ok: false };
        try {
          return { ok: true, value: await fn() };
        } finally {
          await reserved`select pg_advisory_unlock(${key})`;
        }
      } finally {
        reserved.release();
      }
    },
    async tryLease(key) {
      // A client of one connection, not a reserved one from the pool: postgres.js would quietly
      // reconnect a reserved connection, and the new session would not hold the lock.
      const one = lockClient();
      let lost = false;
      const end = () => one.end({ timeout: 1 }).catch(() => {});
      try {
        const [row] = await one`select pg_try_advisory_lock(${key}) as ok, pg_backend_pid() as pid`;
        if (!row?.ok) {
          await end();
          return undefined;
        }
        const pid = Number(row.pid);
        return {
          async check() {
            if (lost) return false;
            try {
              // The same backend still, and the lock still granted to it.
              const [r] = await one`select pg_backend_pid() as pid, exists (select 1 from pg_locks where locktype = 'advisory' and objid = ${key} and objsubid = 1 and pid = pg_backend_pid() and granted) as held`;
              lost = !(r && Number(r.pid) === pid && r.held);
            } catch {
              lost = true;
            }
            if (lost) await end();
            return !lost;
          },
          async release() {
            if (!lost) await one`select pg_advisory_unlock(${key})`.catch(() => {});
            lost = true;
            await end();
          },
        };
      } catch (err) {
        await end();
        throw err;
      }
    },
    async migrate(signal, opts) {
      const one = lockClient();
      signal?.addEventListener("abort", () => void one.end({ timeout: 0 }), { once: true });
      try {
        await one`select pg_advisory_lock(${LOCKS.migrate})`;
        await applyMigrations(drizzlePostgres(one), MIGRATIONS_DIR, opts?.through);
        await one`select pg_advisory_unlock(${LOCKS.migrate})`;
      } finally {
        await one.end({ timeout: 5 });
      }
    },
    async close(opts) {
      const timeout = opts?.force ? 0 : 5;
      await Promise.all([client.end({ timeout }), direct?.end({ timeout })]);
    },
  };
}

async function openPglite(dir: string): Promise<Omit<Database, "ring">> {
  const inMemory = dir === "memory://" || dir === "";
  if (!inMemory) mkdirSync(dir, { recursive: true });
  // Loaded only when used: a Postgres instance never pays PGlite's memory. Its settings: pglite.ts.
  return wrapPglite(await createPglite(inMemory ? undefined : dir));
}

/** PGlite lives in this process alone, so its advisory locks are held in memory here. */
async function wrapPglite(client: PGlite): Promise<Omit<Database, "ring">> {
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  const db = drizzlePglite(client, { schema });
  const held = new Set<number>();
  return {
    db: db as unknown as Db,
    kind: "pglite",
    async rows<T>(query: SQL) {
      const r = (await db.execute(query)) as unknown as { rows: T[] };
      return r.rows;
    },
    async withTryLock(key, fn) {
      if (held.has(key)) return { ok: false };
      held.add(key);
      try {
        return { ok: true, value: await fn() };
      } finally {
        held.delete(key);
      }
    },
    async tryLease(key) {
      if (held.has(key)) return undefined;
      held.add(key);
      let holding = true;
      return {
        check: async () => holding && !client.closed,
        async release() {
          if (holding) held.delete(key);
          holding = false;
        },
      };
    },
    async migrate(_signal, opts) {
      await applyMigrations(db, MIGRATIONS_DIR, opts?.through);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}
