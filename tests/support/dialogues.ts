/**
 * The labelled dialogues: `tests/answers/dialogues.json` and every `tests/answers/dialogues.*.json`
 * beside it, in name order. Several files so that sets written apart (a fresh held-out batch, new
 * tuning entries) each live in a file of their own and never collide in one array.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDialogues, type Dialogue } from "../../src/answers/evaluate-dialogues.js";

const DIR = fileURLToPath(new URL("../answers/", import.meta.url));
const FILE = /^dialogues(\.[\w-]+)?\.json$/;

export function dialogueFiles(dir = DIR): string[] {
  return readdirSync(dir)
    .filter((f) => FILE.test(f))
    .sort()
    .map((f) => `${dir}${f}`);
}

export function loadDialogues(dir = DIR): Dialogue[] {
  const all = dialogueFiles(dir).flatMap((f) => parseDialogues(JSON.parse(readFileSync(f, "utf8"))));
  const seen = new Set<string>();
  for (const d of all) {
    if (seen.has(d.id)) throw new Error(`dialogue id ${d.id} is used twice in ${dir}`);
    seen.add(d.id);
  }
  return all;
}
