/**
 * `npm run bench:answers`: latency of a free-text question through the whole bot
 * (bot.handleUpdate, outgoing calls recorded, no network), on PGlite and, when DATABASE_URL or
 * TEST_DATABASE_URL is set, on Postgres; then the reader (dialogue state and multi-question
 * reading on) and the matcher alone. The questions: the single-question dev set and every turn
 * of the dialogues (tests/answers/dialogues*.json), a dialogue's turns in order in one chat, so
 * that follow-ups read and write the chat's state. Prints p50/p99 and questions/s; for the full
 * path also the process's CPU time per question (mean, and p99 of each update's own) and the
 * database round trips per question (mean and most), which a loaded machine does not inflate the
 * way it does wall-clock times; for the reader and the matcher the p99 over questions of each
 * question's least time over the rounds (`least_p99_ms`: its own cost, without what load adds);
 * for every line the garbage collector's pauses and the kilobytes allocated per question (`gc_ms`,
 * `alloc_kb`). BENCH_PGLITE=0 skips PGlite.
 */
import { readFileSync } from "node:fs";
import { PerformanceObserver } from "node:perf_hooks";
import { GCProfiler, getHeapStatistics } from "node:v8";
import postgres from "postgres";
import type { Update } from "grammy/types";
import { createApp } from "../src/app.js";
import { createMatcher } from "../src/answers/matcher.js";
import { createReader, type DialogueState } from "../src/answers/reader.js";
import { LOCAL_BOT_INFO } from "../src/cli/local-chat.js";
import { loadConfig } from "../src/config.js";
import { importCase } from "../src/case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../src/case/content/load.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { fixedClock } from "../src/shared/time.js";
import { loadDialogues } from "../tests/support/dialogues.js";
import { recordRoundTrips } from "../tests/support/round-trips.js";
import { fileURLToPath } from "node:url";

interface Item {
  q: string;
}
const devset = JSON.parse(readFileSync(new URL("../tests/answers/devset.json", import.meta.url), "utf8")) as Item[];
const dialogues = loadDialogues();
/** Conversations: each single question is one of its own; a dialogue's turns go to one chat in order. */
const conversations: string[][] = [...devset.map((d) => [d.q]), ...dialogues.map((d) => d.turns.map((t) => t.q))];
const questions = conversations.flat();
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * The garbage collector's pauses while `fn` runs, in ms, and the bytes allocated meanwhile: the
 * heap's growth between collections (v8.GCProfiler gives the used size before and after each).
 */
async function withGc<T>(fn: () => T | Promise<T>): Promise<{ value: T; gcMs: number; allocBytes: number }> {
  let gcMs = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  obs.observe({ entryTypes: ["gc"] });
  const profiler = new GCProfiler();
  const used0 = getHeapStatistics().used_heap_size;
  profiler.start();
  const value = await fn();
  const used1 = getHeapStatistics().used_heap_size;
  const stats = profiler.stop()?.statistics ?? [];
  // Entries are delivered asynchronously: let the last ones in before reading the sum.
  await new Promise((r) => setTimeout(r, 10));
  for (const e of obs.takeRecords()) gcMs += e.duration;
  obs.disconnect();
  let allocBytes = 0;
  let after = used0;
  for (const g of stats) {
    allocBytes += g.beforeGC.heapStatistics.usedHeapSize - after;
    after = g.afterGC.heapStatistics.usedHeapSize;
  }
  allocBytes += used1 - after;
  return { value, gcMs, allocBytes };
}

const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor(0.99 * s.length))]!.toFixed(4);
};
/** Per question, its least time over the rounds; then their p99. `samples` is rounds × questions, round by round. */
const leastP99 = (samples: number[], perRound: number) => {
  const least = new Array<number>(perRound).fill(Infinity);
  samples.forEach((v, i) => (least[i % perRound] = Math.min(least[i % perRound]!, v)));
  return p99(least);
};

function summary(label: string, samples: number[], totalMs: number, extra: Record<string, number> = {}): Record<string, number | string> {
  const s = [...samples].sort((a, b) => a - b);
  const pick = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  const out = { label, n: s.length, p50_ms: +pick(0.5).toFixed(4), p99_ms: +pick(0.99).toFixed(4), max_ms: +s.at(-1)!.toFixed(3), per_s: Math.round((s.length / totalMs) * 1000), ...extra };
  const more = Object.entries(extra).map(([k, v]) => `  ${k}=${v}`).join("");
  console.log(`${label.padEnd(28)} n=${out.n}  p50=${out.p50_ms} ms  p99=${out.p99_ms} ms  max=${out.max_ms} ms  ${out.per_s} questions/s${more}`);
  return out;
}

async function fullPath(label: string, database: Database) {
  const config = loadConfig({ LOG_LEVEL: "silent" });
  await database.migrate();
  const file = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE));
  await importCase(database.db, file, { timeZone: config.timeZone, now: new Date() });
  const app = await createApp({ config, logger: createLogger("silent"), clock: fixedClock("2026-01-20T06:00:00Z"), database, botInfo: LOCAL_BOT_INFO });
  let sentCount = 0;
  app.bot.api.config.use(async (_prev, method, payload) => {
    sentCount++;
    const p = payload as { chat_id?: number; text?: string };
    return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : true } as never;
  });
  let id = 1;
  const update = (text: string, chat: number): Update =>
    ({
      update_id: id++,
      message: { message_id: id, date: 0, chat: { id: chat, type: "private", first_name: "B" }, from: { id: chat, is_bot: false, first_name: "B", language_code: "en" }, text },
    }) as Update;
  // Warm-up: JIT, prepared statements, the matcher's index.
  for (const q of questions.slice(0, 50)) await app.bot.handleUpdate(update(q, 1));
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  // Counted only: folding each statement's text would be the bench's cost, measured as the bot's.
  const trips = recordRoundTrips(database, { text: false });
  let mostTrips = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { gcMs, allocBytes } = await withGc(async () => {
    for (let r = 0; r < ROUNDS; r++) {
      for (const [i, turns] of conversations.entries()) {
        for (const q of turns) {
          const before = trips.length;
          const c = process.cpuUsage();
          const s = performance.now();
          await app.bot.handleUpdate(update(q, 1000 + (i % 200)));
          samples.push(performance.now() - s);
          const dc = process.cpuUsage(c);
          cpuSamples.push((dc.user + dc.system) / 1000);
          mostTrips = Math.max(mostTrips, trips.length - before);
        }
      }
    }
  });
  const cpu = process.cpuUsage(cpu0);
  const res = summary(`full path (${label})`, samples, performance.now() - t0, {
    cpu_ms: +((cpu.user + cpu.system) / 1000 / samples.length).toFixed(4),
    cpu_p99_ms: p99(cpuSamples),
    gc_ms: +(gcMs / samples.length).toFixed(4),
    alloc_kb: Math.round(allocBytes / 1024 / samples.length),
    trips: +(trips.length / samples.length).toFixed(3),
    trips_max: mostTrips,
  });
  if (sentCount < samples.length) throw new Error("some questions got no reply");
  await app.close();
  return res;
}

async function matcherAlone() {
  const file = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE));
  const m = createMatcher(file.topics);
  for (const q of questions) m.match(q, "en");
  const samples: number[] = [];
  const t0 = performance.now();
  const { gcMs, allocBytes } = await withGc(() => {
    for (let r = 0; r < ROUNDS * 10; r++) {
      for (const q of questions) {
        const s = performance.now();
        m.match(q, "en");
        samples.push(performance.now() - s);
      }
    }
  });
  return summary("matcher alone", samples, performance.now() - t0, {
    least_p99_ms: leastP99(samples, questions.length),
    gc_ms: +(gcMs / samples.length).toFixed(4),
    alloc_kb: +(allocBytes / 1024 / samples.length).toFixed(1),
  });
}

/** The reader as the bot runs it: state carried from turn to turn, messages cut into their questions. */
async function readerWithState() {
  const file = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE));
  const reader = createReader(file.topics);
  const run = (samples?: number[]) => {
    let now = Date.UTC(2026, 0, 20);
    for (const turns of conversations) {
      let state: DialogueState | undefined;
      for (const q of turns) {
        const s = performance.now();
        state = reader.read(q, "en", state, (now += 30_000)).state;
        samples?.push(performance.now() - s);
      }
    }
  };
  run();
  const samples: number[] = [];
  const t0 = performance.now();
  const { gcMs, allocBytes } = await withGc(() => {
    for (let r = 0; r < ROUNDS * 10; r++) run(samples);
  });
  return summary("reader (state + multi)", samples, performance.now() - t0, {
    least_p99_ms: leastP99(samples, questions.length),
    gc_ms: +(gcMs / samples.length).toFixed(4),
    alloc_kb: +(allocBytes / 1024 / samples.length).toFixed(1),
  });
}

async function postgresDatabase(): Promise<{ db: Database; drop: () => Promise<void> } | undefined> {
  const base = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `casebot_bench_${Date.now().toString(36)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString() });
  return {
    db,
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const results = [];
if (process.env.BENCH_PGLITE !== "0") results.push(await fullPath("PGlite", await openDatabase({})));
const pg = await postgresDatabase();
if (pg) {
  results.push(await fullPath("Postgres", pg.db));
  await pg.drop();
} else {
  console.log("full path (Postgres)          skipped: set DATABASE_URL or TEST_DATABASE_URL");
}
results.push(await readerWithState());
results.push(await matcherAlone());
console.log(JSON.stringify({ questions: questions.length, rounds: ROUNDS, results }));
