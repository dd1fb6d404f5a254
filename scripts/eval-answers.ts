/**
 * Evaluates the matcher on the labelled dev set (tests/answers/devset.json)
 * against the topics of content/case.yaml.
 *
 *   npx tsx scripts/eval-answers.ts [--verbose]   (--verbose: the tokens of each miss)
 *   npx tsx scripts/eval-answers.ts --ask "when is the trial" [--lang kk]   (one question, explained)
 *
 * The figures and what counts as right: src/answers/evaluate.ts. This
 * script reads the files and prints.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { evaluate, parseDevset, type DevItem } from "../src/answers/evaluate.js";
import { createMatcher } from "../src/answers/matcher.js";
import { caseFileSchema, type CaseFile } from "../src/case/content/schema.js";
import { LANGS, QUESTION_KEYS } from "../src/shared/lang.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function loadCase(path = `${ROOT}content/case.yaml`): CaseFile {
  return caseFileSchema.parse(parse(readFileSync(path, "utf8")));
}

export function loadDevset(path = `${ROOT}tests/answers/devset.json`): DevItem[] {
  return parseDevset(JSON.parse(readFileSync(path, "utf8")));
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
  const ev = evaluate(loadCase().topics, loadDevset());
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
