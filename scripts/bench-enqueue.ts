/**
 * `npm run bench:enqueue -- --subscribers 100000 [--runs 3] [--vacuumed] [--db pglite|postgres]`
 *
 * The reminder enqueue alone (src/db/reminders.ts), for issue 13: seeds N subscribers and one
 * hearing (the same as bench:delivery), then runs the statement `--runs` times, each in a
 * transaction rolled back, so every run writes the same rows into the same outbox. Prints, per
 * run, the wall time and the CPU time of whoever ran the statement: the Postgres backend (read
 * from /proc, so only for a server on this machine; else null) or this process for PGlite. CPU
 * barely moves with the machine's load, the wall clock does. Then the WAL the statement wrote and
 * its plan's top lines (EXPLAIN ANALYZE, rolled back too). --vacuumed empties the outbox and
 * vacuums it first: the planner then believes it empty, the case that once took 80 s.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql, type SQL } from "drizzle-orm";
import { hearingInstants } from "../src/case/hearings.js";
import { anchorTime, leadRows, parseLeads } from "../src/case/leads.js";
import { openDatabase, query, type Tx } from "../src/db/client.js";
import { enqueueStatement } from "../src/db/reminders.js";
import { hearings } from "../src/db/schema.js";
import { benchRows, cleanupBench, seedBenchSubscribers } from "./bench-seed.js";

const { values } = parseArgs({ options: { subscribers: { type: "string", default: "100000" }, runs: { type: "string", default: "3" }, vacuumed: { type: "boolean" }, db: { type: "string" } } });
const N = Number(values.subscribers);
const TZ = "Asia/Almaty";
const HEARING = "bench-hearing";
const url = values.db === "pglite" ? undefined : process.env.DATABASE_URL;
const database = await openDatabase({ url, max: 2 });
await database.migrate();
const db = database.db;

const [others] = await query<{ n: number }>(db, sql`select count(*)::int as n from subscriptions where not ${benchRows}`);
if (Number(others?.n ?? 0) > 0) throw new Error("this database has real subscribers: run the bench on a database of its own");
await cleanupBench(db);
await db.execute(sql`delete from hearings where id = ${HEARING}`);
const day = { date: "2099-06-02", time: "10:00" };
await db.insert(hearings).values({ id: HEARING, ...day, ...hearingInstants(day, TZ), title: { en: "Bench", kk: "Сынақ", ru: "Тест" }, place: { en: "T", kk: "Т", ru: "Т" }, status: "scheduled", sourceIds: ["amnesty-2026-01"] });
await seedBenchSubscribers(db, 9_000_000_000_000, N, "{1d,morning@08:00}");
await db.execute(sql`analyze`);
if (values.vacuumed) await db.execute(sql`vacuum analyze deliveries`);

const leads = parseLeads(["7d", "1d", "morning@08:00"]);
const statement = enqueueStatement({ now: new Date("2099-06-01T05:00:00Z"), timeZone: TZ, leads: leadRows(leads), anchor: anchorTime(leads) });

/** `fn` in a transaction that is rolled back, with the CPU time it cost whoever runs SQL. */
async function rolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number | null }> {
  let out: { value: T; ms: number; cpuMs: number | null } | undefined;
  await db
    .transaction(async (tx) => {
      const [b] = url ? await query<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`) : [];
      const cpu = (): number | null => {
        if (!b) {
          const u = process.cpuUsage();
          return (u.user + u.system) / 1000;
        }
        try {
          const f = readFileSync(`/proc/${b.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
          return (Number(f[11]) + Number(f[12])) * 10; // clock ticks of 10 ms
        } catch {
          return null;
        }
      };
      const c0 = cpu();
      const t0 = performance.now();
      const value = await fn(tx);
      const ms = performance.now() - t0;
      const c1 = cpu();
      out = { value, ms: Math.round(ms), cpuMs: c0 === null || c1 === null ? null : Math.round(c1 - c0) };
      throw new RolledBack();
    })
    .catch((e: unknown) => {
      if (!(e instanceof RolledBack)) throw e;
    });
  return out!;
}
class RolledBack extends Error {}

const runs: Array<{ rows: number; ms: number; cpu_ms: number | null }> = [];
for (let i = 0; i < Number(values.runs); i++) {
  const r = await rolledBack(async (tx) => Number((await query<{ n: number }>(tx, statement))[0]?.n ?? 0));
  runs.push({ rows: r.value, ms: r.ms, cpu_ms: r.cpuMs });
  process.stdout.write(`run ${i + 1}: ${r.value} rows in ${r.ms} ms, CPU ${r.cpuMs ?? "?"} ms\n`);
}
const explain = (q: SQL) => sql`explain (analyze, buffers${url ? sql`, wal` : sql``}) ${q}`;
const plan = (await rolledBack((tx) => query<Record<string, string>>(tx, explain(statement)))).value.map((r) => String(Object.values(r)[0]));
const wal = plan.find((l) => /WAL: records=/.test(l))?.match(/records=(\d+).*bytes=(\d+)/);
process.stdout.write(`${plan.filter((l) => /Insert on|Trigger|Execution Time|WAL/.test(l)).join("\n")}\n`);
await cleanupBench(db);
await db.execute(sql`delete from hearings where id = ${HEARING}`);
await database.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
process.stdout.write(
  `${JSON.stringify({
    db: database.kind,
    subscribers: N,
    vacuumed: Boolean(values.vacuumed),
    enqueued: runs[0]?.rows ?? 0,
    enqueue_ms_p50: median(runs.map((r) => r.ms)),
    enqueue_cpu_ms_p50: runs.every((r) => r.cpu_ms !== null) ? median(runs.map((r) => r.cpu_ms!)) : null,
    runs,
    wal_records: wal ? Number(wal[1]) : null,
    wal_mb: wal ? Math.round(Number(wal[2]) / 1e5) / 10 : null,
  })}\n`,
);
