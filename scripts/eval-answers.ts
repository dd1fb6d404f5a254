/**
 * Evaluates the matcher on the labelled dev set (tests/answers/devset.json)
 * against the topics of content/case.yaml.
 *
 *   npx tsx scripts/eval-answers.ts [--verbose]   (--verbose: the tokens of each miss)
 *   npx tsx scripts/eval-answers.ts --ask "when is the trial" [--lang kk]   (one question, explained)
 *
 * An in-scope question is right when the matcher names its topic (kind
 * confident, or close with that topic first) and the reply language is
 * the labelled one. An out-of-scope question (topic null) is rejected
 * only by kind "none". `evaluate()` returns the figures for tests.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { z } from "zod";
import { createMatcher, type Explanation, type MatcherOptions } from "../src/answers/matcher.js";
import { caseFileSchema, type CaseFile } from "../src/case/content/schema.js";
import { LANGS, QUESTION_KEYS } from "../src/shared/lang.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export const devItemSchema = z.object({
  q: z.string(),
  topic: z.string().nullable(),
  lang: z.enum(LANGS),
  form: z.enum(QUESTION_KEYS),
});
export type DevItem = z.infer<typeof devItemSchema>;

export interface Miss {
  item: DevItem;
  got: Pick<Explanation, "kind" | "topic" | "lang" | "form" | "score" | "alternatives" | "ranking" | "tokens">;
  why: string;
}

export interface FormFigures {
  inScope: number;
  right: number;
  accuracy: number;
  outOfScope: number;
  rejected: number;
}

export interface Evaluation {
  inScope: number;
  right: number;
  /** Overall in-scope accuracy. */
  accuracy: number;
  outOfScope: number;
  rejected: number;
  /** Out-of-scope rejection rate. */
  rejection: number;
  /** Out-of-scope questions answered "confident": must be none. */
  confidentOutOfScope: number;
  /** In-scope questions answered with the right topic but only "close". */
  closeRight: number;
  byForm: Record<string, FormFigures>;
  misses: Miss[];
}

export function loadCase(path = `${ROOT}content/case.yaml`): CaseFile {
  return caseFileSchema.parse(parse(readFileSync(path, "utf8")));
}

export function loadDevset(path = `${ROOT}tests/answers/devset.json`): DevItem[] {
  return z.array(devItemSchema).parse(JSON.parse(readFileSync(path, "utf8")));
}

export function evaluate(options: Partial<MatcherOptions> = {}, data?: { caseFile?: CaseFile; devset?: DevItem[] }): Evaluation {
  const caseFile = data?.caseFile ?? loadCase();
  const devset = data?.devset ?? loadDevset();
  const matcher = createMatcher(caseFile.topics, options);
  const ev: Evaluation = {
    inScope: 0,
    right: 0,
    accuracy: 0,
    outOfScope: 0,
    rejected: 0,
    rejection: 0,
    confidentOutOfScope: 0,
    closeRight: 0,
    byForm: {},
    misses: [],
  };
  for (const item of devset) {
    const r = matcher.explain(item.q, "en");
    const f = (ev.byForm[item.form] ??= { inScope: 0, right: 0, accuracy: 0, outOfScope: 0, rejected: 0 });
    const got = { kind: r.kind, topic: r.topic, lang: r.lang, form: r.form, score: r.score, alternatives: r.alternatives, ranking: r.ranking, tokens: r.tokens };
    if (item.topic === null) {
      ev.outOfScope++;
      f.outOfScope++;
      if (r.kind === "none") {
        ev.rejected++;
        f.rejected++;
      } else {
        if (r.kind === "confident") ev.confidentOutOfScope++;
        ev.misses.push({ item, got, why: `out of scope, got ${r.kind} ${r.topic}` });
      }
      continue;
    }
    ev.inScope++;
    f.inScope++;
    const topicRight = r.kind !== "none" && r.topic === item.topic;
    const langRight = r.lang === item.lang;
    if (topicRight && langRight) {
      ev.right++;
      f.right++;
      if (r.kind === "close") ev.closeRight++;
    } else {
      const why = [!topicRight ? `topic: got ${r.kind} ${r.topic ?? "-"}` : "", !langRight ? `lang: got ${r.lang}` : ""].filter(Boolean).join("; ");
      ev.misses.push({ item, got, why });
    }
  }
  ev.accuracy = ev.inScope === 0 ? 0 : ev.right / ev.inScope;
  ev.rejection = ev.outOfScope === 0 ? 1 : ev.rejected / ev.outOfScope;
  for (const f of Object.values(ev.byForm)) f.accuracy = f.inScope === 0 ? 0 : f.right / f.inScope;
  return ev;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

const verbose = process.argv.includes("--verbose");

function ask(question: string, fallback: (typeof LANGS)[number]): void {
  const r = createMatcher(loadCase().topics).explain(question, fallback);
  console.log(`${JSON.stringify(question)} → ${r.kind} ${r.topic ?? "-"} (score ${r.score}) lang ${r.lang} form ${r.form} script ${r.script}`);
  if (r.alternatives.length > 0) console.log(`  did you mean: ${r.alternatives.join(", ")}`);
  for (const t of r.ranking) console.log(`  ${t.score.toFixed(3)} ${t.topic} ← [${t.form}] ${t.question}`);
  console.log(`  tokens: ${r.tokens.map((t) => `${t.token}(${t.weight})[${t.matches.slice(0, 3).join(",")}]`).join(" ")}`);
}

function main(): void {
  const askAt = process.argv.indexOf("--ask");
  if (askAt >= 0) {
    const langAt = process.argv.indexOf("--lang");
    const lang = LANGS.find((l) => l === process.argv[langAt + 1]) ?? "en";
    ask(process.argv[askAt + 1] ?? "", langAt >= 0 ? lang : "en");
    return;
  }
  const ev = evaluate();
  console.log("form       in-scope  right  accuracy   out-of-scope  rejected");
  for (const form of QUESTION_KEYS) {
    const f = ev.byForm[form];
    if (f === undefined) continue;
    console.log(
      `${form.padEnd(10)} ${String(f.inScope).padStart(8)} ${String(f.right).padStart(6)} ${pct(f.accuracy).padStart(9)} ${String(f.outOfScope).padStart(14)} ${String(f.rejected).padStart(9)}`,
    );
  }
  console.log(`\noverall in-scope accuracy: ${ev.right}/${ev.inScope} = ${pct(ev.accuracy)} (of which close: ${ev.closeRight})`);
  console.log(`out-of-scope rejection:    ${ev.rejected}/${ev.outOfScope} = ${pct(ev.rejection)} (confident on out-of-scope: ${ev.confidentOutOfScope})`);
  console.log(`\nmisses (${ev.misses.length}):`);
  for (const m of ev.misses) {
    console.log(`- [${m.item.form}] ${JSON.stringify(m.item.q)} → want ${m.item.topic ?? "none"}/${m.item.lang}; ${m.why} (score ${m.got.score})`);
    for (const r of m.got.ranking.slice(0, 3)) console.log(`    ${r.score.toFixed(3)} ${r.topic} ← [${r.form}] ${r.question}`);
    if (verbose) console.log(`    tokens: ${m.got.tokens.map((t) => `${t.token}(${t.weight})[${t.matches.slice(0, 3).join(",")}]`).join(" ")}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
