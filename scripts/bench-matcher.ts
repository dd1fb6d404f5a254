/**
 * Times the matcher alone over the dev set questions, many rounds.
 *
 *   npx tsx scripts/bench-matcher.ts [rounds]      (default 50)
 *
 * Prints the build time, p50/p90/p99/max per question in milliseconds and
 * questions per second. Each question is timed on its own with
 * process.hrtime.bigint(); the first rounds are a warm-up and not counted.
 */
import { fileURLToPath } from "node:url";
import { createMatcher } from "../src/answers/matcher.js";
import { loadCase, loadDevset } from "./eval-answers.js";

export interface BenchFigures {
  questions: number;
  rounds: number;
  buildMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  perSecond: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function bench(rounds = 50, warmup = 5): BenchFigures {
  const caseFile = loadCase();
  const questions = loadDevset().map((d) => d.q);
  const t0 = process.hrtime.bigint();
  const matcher = createMatcher(caseFile.topics);
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;

  for (let r = 0; r < warmup; r++) for (const q of questions) matcher.match(q, "en");

  const times = new Float64Array(rounds * questions.length);
  let i = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const a = process.hrtime.bigint();
      const res = matcher.match(q, "en");
      times[i++] = Number(process.hrtime.bigint() - a) / 1e6;
      sink += res.score;
    }
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (Number.isNaN(sink)) console.log("");
  times.sort();
  return {
    questions: questions.length,
    rounds,
    buildMs,
    p50Ms: quantile(times, 0.5),
    p90Ms: quantile(times, 0.9),
    p99Ms: quantile(times, 0.99),
    maxMs: times[times.length - 1] ?? 0,
    perSecond: (times.length / totalMs) * 1000,
  };
}

function main(): void {
  const rounds = Number(process.argv[2] ?? 50);
  const f = bench(Number.isFinite(rounds) && rounds > 0 ? rounds : 50);
  console.log(`matcher build: ${f.buildMs.toFixed(1)} ms`);
  console.log(`${f.questions} questions × ${f.rounds} rounds`);
  console.log(`p50 ${f.p50Ms.toFixed(4)} ms  p90 ${f.p90Ms.toFixed(4)} ms  p99 ${f.p99Ms.toFixed(4)} ms  max ${f.maxMs.toFixed(3)} ms`);
  console.log(`${Math.round(f.perSecond).toLocaleString("en")} questions/s`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
