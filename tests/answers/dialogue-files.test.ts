import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DIALOGUE_KINDS, parseDialogues } from "../../src/answers/evaluate-dialogues.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";
import { QUESTION_KEYS } from "../../src/shared/lang.js";
import { dialogueFiles, loadDialogues } from "../support/dialogues.js";

const topics = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics;
const kindOf = new Map(topics.map((t) => [t.id, t.kind]));
const dialogues = loadDialogues();

/** The fresh held-out batch (tests/answers/dialogues.fresh.json), written without reading the content's paraphrases. */
const FRESH = "fresh-2026-12-03";
const fresh = dialogues.filter((d) => d.batch === FRESH);

const CYRILLIC = /[\u0400-\u04ff]/u;
const ARABIC = /[\u0600-\u06ff]/u;
const LATIN = /[a-z]/iu;
const KAZAKH_LETTER = /[әіңғүұқөһ]/iu;
/** What each form's text must (and must not) be written in. */
const SCRIPT_OK: Record<(typeof QUESTION_KEYS)[number], (q: string) => boolean> = {
  en: (q) => LATIN.test(q) && !CYRILLIC.test(q) && !ARABIC.test(q),
  ru_latn: (q) => LATIN.test(q) && !CYRILLIC.test(q) && !ARABIC.test(q),
  kk_latn: (q) => LATIN.test(q) && !CYRILLIC.test(q) && !ARABIC.test(q),
  ru: (q) => CYRILLIC.test(q) && !ARABIC.test(q),
  kk: (q) => CYRILLIC.test(q) && !ARABIC.test(q),
  kk_plain: (q) => CYRILLIC.test(q) && !KAZAKH_LETTER.test(q) && !ARABIC.test(q),
  kk_arab: (q) => ARABIC.test(q) && !CYRILLIC.test(q),
};

describe("the labelled dialogue files (tests/answers/dialogues*.json)", () => {
  it.each(dialogueFiles().map((f) => [f.slice(f.lastIndexOf("/") + 1), f]))("%s parses against the schema", (_name, file) => {
    expect(() => parseDialogues(JSON.parse(readFileSync(file, "utf8")))).not.toThrow();
  });

  it("labels every turn with topics of the content file, each at most once", () => {
    const bad = dialogues.flatMap((d) => d.turns.flatMap((t) => t.topics.filter((id, i) => !kindOf.has(id) || t.topics.indexOf(id) !== i).map((id) => `${d.id}: ${id}`)));
    expect(bad).toEqual([]);
  });
});

describe(`the fresh held-out batch (${FRESH})`, () => {
  it("has at least 45 dialogues of each kind, all held out, with ids of its own", () => {
    for (const k of DIALOGUE_KINDS) expect(fresh.filter((d) => d.kind === k).length, k).toBeGreaterThanOrEqual(45);
    expect(fresh.filter((d) => d.split !== "heldout" || !d.id.startsWith("h2-")).map((d) => d.id)).toEqual([]);
  });

  it("covers every form in every kind, each turn written in its form's script", () => {
    for (const k of DIALOGUE_KINDS) {
      const forms = new Set(fresh.filter((d) => d.kind === k).flatMap((d) => d.turns.map((t) => t.form)));
      expect([...forms].sort(), k).toEqual([...QUESTION_KEYS].sort());
    }
    const wrong = fresh.flatMap((d) => d.turns.filter((t) => !SCRIPT_OK[t.form](t.q)).map((t) => `${d.id} [${t.form}] ${t.q}`));
    expect(wrong).toEqual([]);
  });

  it("labels each kind as it is meant: follow-ups of several turns, several topics, small talk, unknowns, nothing out of scope", () => {
    const last = (d: (typeof fresh)[number]) => d.turns[d.turns.length - 1]!;
    const odd = fresh.filter((d) => {
      const t = last(d);
      switch (d.kind) {
        case "follow-up":
          return d.turns.length < 2 || d.turns.some((x) => x.topics.length !== 1);
        case "multi":
          return t.topics.length < 2 || t.topics.length > 3;
        case "smalltalk":
          return !t.topics.every((id) => kindOf.get(id) === "smalltalk" || kindOf.get(id) === "meta");
        case "unknown":
          return !t.topics.some((id) => kindOf.get(id) === "unknown");
        case "real":
          return t.topics.length === 0;
        case "out-of-scope":
          return t.topics.length !== 0;
      }
    });
    expect(odd.map((d) => d.id)).toEqual([]);
  });

  it("opens no two dialogues with the same question (a short follow-up such as \"and where?\" may recur)", () => {
    const qs = fresh.map((d) => d.turns[0]!.q.toLowerCase());
    expect(qs.filter((q, i) => qs.indexOf(q) !== i)).toEqual([]);
  });
});
