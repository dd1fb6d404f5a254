/**
 * `npm run bench:delivery -- --subscribers 100000 --rate 1000 [--hang 0.1] [--seconds 60] [--db pglite|postgres]`
 *
 * Enqueues one hearing's reminders for N subscribers (one set-based statement), then drains the
 * outbox with the real sender against the fake Bot API (run in a child process, so its memory is
 * not counted) whose global limit is --rate. Prints the enqueue time, the send rate the fake
 * observed against its limit, duplicates, losses, 429s and the peak RSS of this process; the last
 * line is one JSON object with those fields.
 *
 * --hang 0.1: that share of chats never answers (the fake holds their requests); the sender
 * abandons each at a 2 s deadline, retries twice with backoff and dead-letters it. --seconds: stop
 * after that long (the free 30/s would take an hour for 100k), counting what is left as pending.
 *
 * On Postgres when DATABASE_URL is set (it uses chat ids from 9e12 up and a hearing in 2099, and
 * removes them after; it refuses a database whose other chats have subscriptions), else PGlite in
 * memory; --db says which, and refuses postgres without DATABASE_URL.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { importCase } from "../src/case/content/import.js";
import { createContentRepo } from "../src/db/content.js";
import { hearingInstants } from "../src/case/hearings.js";
import { deliveryApi, telegramPort } from "../src/bot/telegram-port.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../src/case/content/load.js";
import { createContentStore } from "../src/case/content/store.js";
import { openDatabase } from "../src/db/client.js";
import { query } from "../src/db/client.js";
import { open } from "../src/db/chat-id.js";
import { hearings } from "../src/db/schema.js";
import { BENCH_SEEDED, benchRows, cleanupBench, seedBenchSubscribers } from "./bench-seed.js";
import { parseLeads } from "../src/case/leads.js";
import { analyzeDeliveries } from "../src/db/deliveries.js";
import { enqueueDueReminders } from "../src/delivery/scheduler.js";
import { createSender } from "../src/delivery/sender/index.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";

// The measured process runs with a small, fixed heap: the sender must keep nothing per subscriber,
// and without a cap V8 lets garbage pile up to hundreds of MB before collecting (the same flags
// suit a production sender: NODE_OPTIONS in docs/delivery.md).
const HEAP_FLAGS = ["--max-semi-space-size=1", "--max-old-space-size=48"];
if (!process.env.BENCH_DELIVERY_CHILD) process.exit(runCompiled());

/**
 * Runs this bench compiled to JavaScript under plain node, as production runs the bot (`npm run
 * build`, `node dist/main.js`): under tsx, its loader thread and compiler add some 35 MB to the
 * RSS measured, which is not the sender's. Emitted without type checks (tsc --noCheck) into a
 * temporary directory laid out like the repository, so paths resolved from a module's URL hold.
 */
function runCompiled(): number {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const out = mkdtempSync(join(tmpdir(), "casebot-bench-build-"));
  try {
    const config = join(out, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        extends: join(root, "tsconfig.json"),
        compilerOptions: { noEmit: false, noCheck: true, incremental: false, rootDir: root, outDir: out },
        files: [join(root, "scripts/bench-delivery.ts"), join(root, "tests/support/fake-telegram.ts")],
        include: [],
      }),
    );
    for (const dir of ["node_modules", "drizzle", "locales", "content"]) symlinkSync(join(root, dir), join(out, dir));
    const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", config], { stdio: "inherit" });
    if (tsc.status !== 0) return tsc.status ?? 1;
    const r = spawnSync(process.execPath, [...HEAP_FLAGS, join(out, "scripts/bench-delivery.js"), ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, BENCH_DELIVERY_CHILD: "1" },
    });
    return r.status ?? 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const { values } = parseArgs({
  options: {
    subscribers: { type: "string", default: "10000" },
    rate: { type: "string", default: "1000" },
    hang: { type: "string", default: "0" },
    seconds: { type: "string" },
    db: { type: "string" },
  },
});
const N = Number(values.subscribers);
const RATE = Number(values.rate);
const HANG = Number(values.hang);
const SECONDS = values.seconds === undefined ? Infinity : Number(values.seconds);
if (!(N > 0) || !(RATE > 0) || RATE > 1000) throw new Error("--subscribers must be > 0 and --rate in (0, 1000]");
if (!(HANG >= 0 && HANG < 1) || !(SECONDS > 0)) throw new Error("--hang must be in [0, 1) and --seconds > 0");
if (values.db && values.db !== "pglite" && values.db !== "postgres") throw new Error("--db is pglite or postgres");
if (values.db === "postgres" && !process.env.DATABASE_URL) throw new Error("--db postgres needs DATABASE_URL");
// The sender's policy for chats that never answer: a short deadline, then two retries a few seconds apart.
const HANG_POLICY = { deadlineMs: 2_000, maxAttempts: 3, backoffBaseMs: 1_000, backoffMaxMs: 4_000 };

const TZ = "Asia/Almaty";
const BASE = 9_000_000_000_000;
const HEARING = "bench-hearing";
const TOKEN = "123456:BENCHbenchBENCHbenchBENCHbench01234";
const log = (s: string) => process.stdout.write(`${s}\n`);

let peakRss = process.memoryUsage().rss;
// What the process holds before any subscriber exists (Node, the modules, the database client).
let startRss = 0;
// The peak from the enqueue on: the scheduler and the sender, without the bench's own seeding.
let sendPeakRss = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  if (startRss) sendPeakRss = Math.max(sendPeakRss, rss);
}, 50);

const url = values.db === "pglite" ? undefined : process.env.DATABASE_URL;
// PGlite on disk, as a small deployment runs it (PGLITE_DIR): in memory, its files would sit in this process too.
const pgliteDir = url ? undefined : mkdtempSync(join(tmpdir(), "casebot-bench-"));
const database = await openDatabase({ url, pgliteDir, max: 10 });
const kind = database.kind;
await database.migrate();
const db = database.db;

async function cleanup(): Promise<void> {
  await cleanupBench(db);
  await db.execute(sql`delete from hearings where id = ${HEARING}`);
}

const [others] = await query<{ n: number }>(db, sql`select count(*)::int as n from subscriptions where not ${benchRows}`);
if (Number(others?.n ?? 0) > 0) throw new Error("this database has real subscribers: run the bench on a database of its own");
await cleanup();
if (await createContentRepo(db).isEmpty()) await importCase(db, loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)), { timeZone: TZ, now: new Date() });

// One hearing on 2099-06-02 at 10:00 in Almaty; "now" is its 1-day moment.
const now = new Date("2099-06-01T05:00:00Z");
await db.insert(hearings).values({
  id: HEARING,
  date: "2099-06-02",
  time: "10:00",
  ...hearingInstants({ date: "2099-06-02", time: "10:00" }, TZ),
  title: { en: "Bench hearing", kk: "Сынақ отырысы", ru: "Тестовое заседание" },
  place: { en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" },
  status: "scheduled",
  sourceIds: ["amnesty-2026-01"],
});
// Nothing per subscriber is kept here: the measured process must hold only what the sender holds.
await seedBenchSubscribers(db, BASE, N, "{1d,morning@08:00}");
log(`${kind}: ${N} subscribers seeded`);
startRss = process.memoryUsage().rss;

const leads = parseLeads(["7d", "1d", "morning@08:00"]);
const t0 = performance.now();
const enqueued = await enqueueDueReminders(db, { now, timeZone: TZ, leads });
const enqueueMs = performance.now() - t0;
// What the scheduler does after a large enqueue (scheduler.ts): fresh statistics for the claims.
const t1 = performance.now();
await analyzeDeliveries(db);
const analyzeMs = performance.now() - t1;
const again = await enqueueDueReminders(db, { now, timeZone: TZ, leads });
log(`enqueue: ${enqueued} reminders in ${enqueueMs.toFixed(0)} ms (a second run added ${again})`);

// The fake Bot API in its own process: its limit is the rate asked for (paid broadcast above 30/s).
// Compiled beside this file (runCompiled), so it runs under plain node too.
const compiled = import.meta.url.endsWith(".js");
const fakePath = fileURLToPath(new URL(`../tests/support/fake-telegram.${compiled ? "js" : "ts"}`, import.meta.url));
const fakeOpts = { keepMessages: false, limits: { global: Math.min(30, RATE), paidGlobal: RATE }, ...(HANG ? { hangShare: HANG } : {}) };
// Chats BASE + g hang when g % 1000 < HANG * 1000 (fake-telegram.ts): this many never answer.
const hangingChats = Array.from({ length: 1000 }, (_, r) => r).filter((r) => r < HANG * 1000).reduce((n, r) => n + (r < N ? Math.floor((N - 1 - r) / 1000) + 1 : 0), 0);
const child = spawn(process.execPath, [...(compiled ? [] : ["--import", "tsx"]), fakePath, JSON.stringify(fakeOpts)], { stdio: ["ignore", "pipe", "inherit"] });
const apiRoot = await new Promise<string>((resolve, reject) => {
  const rl = createInterface({ input: child.stdout });
  rl.once("line", (l) => resolve(l.trim()));
  child.once("exit", (code) => reject(new Error(`fake Bot API exited (${code})`)));
});
const summary = async () =>
  (await (await fetch(`${apiRoot}/__fake/summary`)).json()) as {
    accepted: number;
    chats: number;
    duplicates: number;
    tooManyRequests: number;
    ratePerSecond: number;
    peakWindow: number;
    perSecond: { seconds: number; min: number; p50: number; max: number };
    hangs: number;
    abandoned: number;
  };

const started = performance.now();
const clockBase = now.getTime();
const clock = { now: () => new Date(clockBase + (performance.now() - started)) };
const paid = RATE > 30;
const sender = createSender(
  {
    database,
    port: telegramPort(deliveryApi(TOKEN, apiRoot)),
    i18n: createI18n(),
    content: await createContentStore(db),
    clock,
    logger: createLogger("warn"),
    timeZone: TZ,
    botUsername: "casebot_bench_bot",
  },
  { rate: RATE, paidBroadcast: paid, ...(HANG ? HANG_POLICY : {}) },
);
const left = async () => {
  const [r] = await query<{ n: number }>(db, sql`select count(*)::int as n from deliveries where ${benchRows} and status in ('pending', 'sending')`);
  return Number(r?.n ?? 0);
};
// CPU time of this process while sending: unlike the wall clock, it barely moves with the machine's load.
const cpu0 = process.cpuUsage();
const running = sender.run();
let last = 0;
let lastProgress = -1;
let lastProgressAt = performance.now();
// The sender's recent answer times, sampled each second while it sends: each answered request
// counts for one window from its answer, so the answer time is the window's cost (rate.ts).
const answerSamples: Array<{ p50: number; p90: number }> = [];
const graceSamples: number[] = [];
// How late this process's event loop ran while sending: a slow second with a long delay is the
// process not getting the CPU (or one long task), not the sender waiting.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const s = await summary();
  if (sender.stats().inflight > 0) answerSamples.push(sender.stats().answerMs);
  graceSamples.push(sender.stats().graceMs);
  if (performance.now() - started >= SECONDS * 1000) break;
  if (s.accepted >= enqueued - hangingChats && (hangingChats === 0 || (await left()) === 0)) break;
  if (process.env.BENCH_VERBOSE || Math.floor(s.accepted / (enqueued / 10)) > last) {
    last = Math.floor(s.accepted / (enqueued / 10));
    const m = process.memoryUsage();
    log(`  sent ${s.accepted} of ${enqueued} (${((performance.now() - started) / 1000).toFixed(1)} s; rss ${m.rss >> 20} MB, heap ${m.heapUsed >> 20} MB, in flight ${sender.stats().inflight}, ${JSON.stringify(sender.stats())})`);
  }
  // Gives up only when nothing moves for two minutes (a shared machine may be slow, not stuck).
  const progress = s.accepted + s.hangs;
  if (progress !== lastProgress) {
    lastProgress = progress;
    lastProgressAt = performance.now();
  } else if (performance.now() - lastProgressAt > 120_000) {
    log("  giving up: nothing sent or tried for two minutes");
    break;
  }
}
await sender.stop();
await running;
loopDelay.disable();
const waited = sender.stats().waitedMs;
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpu0);
const s = await summary();
child.kill("SIGTERM");

const [rows] = await query<{ sent: number; dead: number; pending: number; other: number }>(
  db,
  sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'dead')::int as dead,
        count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where status not in ('sent', 'dead', 'pending'))::int as other
      from deliveries where ${benchRows}`,
);
// What the sender pays per send to open the chat's id (claims open chats.sealed), in-process CPU
// time, over a sample of the chats read back now (so the bench holds no list of them while sending).
const sample = (await query<{ sealed: string }>(db, sql`select sealed from chats where created_at = ${BENCH_SEEDED}::timestamptz limit 10000`)).map((r) => r.sealed);
const openCpu0 = process.cpuUsage();
for (const t of sample) open(database.ring, t);
const openCpu = process.cpuUsage(openCpu0);
const decryptUs = (openCpu.user + openCpu.system) / Math.max(1, sample.length);
await cleanup();
await database.close();
if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
clearInterval(sampler);
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const result = {
  db: kind,
  subscribers: N,
  enqueued,
  enqueue_ms: Math.round(enqueueMs),
  decrypt_us_per_send: Math.round(decryptUs * 100) / 100,
  enqueue_again: again,
  analyze_ms: Math.round(analyzeMs),
  limit_per_s: RATE,
  paid_broadcast: paid,
  send_rate_per_s: Math.round(s.ratePerSecond * 10) / 10,
  rate_pct_of_limit: Math.round((s.ratePerSecond / RATE) * 1000) / 10,
  peak_window: s.peakWindow,
  per_second_min: s.perSecond.min,
  per_second_p50: s.perSecond.p50,
  per_second_max: s.perSecond.max,
  full_seconds: s.perSecond.seconds,
  duplicates: s.duplicates,
  // A row is lost if it is neither received, nor dead-lettered, nor still waiting (a --seconds run).
  losses: enqueued - s.chats - Number(rows?.dead ?? 0) - Number(rows?.pending ?? 0),
  http_429: s.tooManyRequests,
  hang_share: HANG,
  hanging_chats: hangingChats,
  requests_hung: s.hangs,
  requests_abandoned: s.abandoned,
  dead: Number(rows?.dead ?? 0),
  rows_sent: Number(rows?.sent ?? 0),
  rows_pending: Number(rows?.pending ?? 0),
  rows_other: Number(rows?.other ?? 0),
  send_seconds: Math.round(elapsed * 10) / 10,
  // The sender's CPU per request made (accepted or hanging): at 1000/s, 1 ms would be a whole core.
  // Medians over the run of the sender's recent answer times (start to answer), in ms.
  answer_ms_p50: Math.round(median(answerSamples.map((a) => a.p50)) * 10) / 10,
  answer_ms_p90: Math.round(median(answerSamples.map((a) => a.p90)) * 10) / 10,
  // The grace an unanswered request counted for (rate.ts): the least seen, and the median.
  grace_ms_min: Math.round(Math.min(...graceSamples, Infinity)),
  grace_ms_p50: Math.round(median(graceSamples)),
  event_loop_delay_p99_ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
  event_loop_delay_max_ms: Math.round(loopDelay.max / 1e5) / 10,
  // Where the send loop's time went while it was not sending (s): the window (rate), full slots,
  // waiting on a claim with no row at hand, no row ready (chats busy), a 429 pause.
  waited_s: Object.fromEntries(Object.entries(waited).map(([k, v]) => [k, Math.round(v / 100) / 10])),
  cpu_ms_per_request: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, s.accepted + s.hangs)) * 1000) / 1000,
  peak_rss_mb: Math.round(peakRss / 1024 / 1024),
  peak_rss_send_mb: Math.round(sendPeakRss / 1024 / 1024),
  start_rss_mb: Math.round(startRss / 1024 / 1024),
};
log(`send: ${s.accepted} accepted at ${result.send_rate_per_s}/s = ${result.rate_pct_of_limit}% of the ${RATE}/s limit, in ${result.send_seconds} s`);
log(`duplicates ${result.duplicates}, losses ${result.losses}, 429s ${result.http_429}, dead ${result.dead}, rows sent ${result.rows_sent}, pending ${result.rows_pending}`);
log(`peak RSS of this process (sender, scheduler, database client${kind === "pglite" ? " and PGlite itself" : ""}): ${result.peak_rss_mb} MB`);
log(JSON.stringify(result));
process.exit(0);
