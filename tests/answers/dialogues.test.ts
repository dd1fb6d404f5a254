import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { baseRate, DIALOGUE_KINDS, evaluateDialogues, rate } from "../../src/answers/evaluate-dialogues.js";
import { loadDialogues } from "../support/dialogues.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const topics = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics;
const dialogues = loadDialogues();

/**
 * The figures `npm run eval:answers` prints for the held-out dialogues, held. The floors are the
 * figures reached, rounded down: raise them as the reader improves, never lower them to pass.
 * The held-out split grew on 2026-12-03 by a fresh batch (dialogues.fresh.json, 344 dialogues
 * written apart from the content and the engine), so these are that larger split's figures.
 * (The targets are 90% per kind and overall and 95% out-of-scope rejection: see
 * docs/answers.md for where they are not met yet.)
 */
const HELDOUT_FLOOR: Record<(typeof DIALOGUE_KINDS)[number], number> = {
  "follow-up": 0.8,
  multi: 0.9,
  smalltalk: 0.92,
  unknown: 0.89,
  real: 0.89,
  "out-of-scope": 0.94,
};
const HELDOUT_OVERALL = 0.89;
/**
 * Held-out kinds where BM25 is still ahead (none since small talk became a bag of words). Listed,
 * not hidden: remove a kind once it is ahead.
 */
const BEHIND_BM25: ReadonlySet<string> = new Set([]);

describe("the reader on the labelled dialogues (tests/answers/dialogues.json)", () => {
  const ev = evaluateDialogues(topics, dialogues);
  const misses = ev.heldout.misses.map((m) => `${m.dialogue.id} ${m.dialogue.turns[m.turn]!.q}: ${m.got.kind} ${m.got.topics.join("+")}`).join("\n");

  it("has at least 40 dialogues of each kind, split into tuning and held-out", () => {
    for (const k of DIALOGUE_KINDS) expect((ev.tuning.byKind[k]?.n ?? 0) + (ev.heldout.byKind[k]?.n ?? 0), k).toBeGreaterThanOrEqual(40);
    for (const k of DIALOGUE_KINDS) expect(ev.heldout.byKind[k]?.n ?? 0, k).toBeGreaterThan(0);
  });

  it.each(DIALOGUE_KINDS)("held out, %s: at or above its floor", (kind) => {
    expect(rate(ev.heldout.byKind[kind]!), misses).toBeGreaterThanOrEqual(HELDOUT_FLOOR[kind]);
  });

  it("held out, overall: at or above its floor", () => {
    expect(rate(ev.heldout.all)).toBeGreaterThanOrEqual(HELDOUT_OVERALL);
  });

  it("is ahead of the BM25 baseline overall on both splits, and on every held-out kind but the listed ones", () => {
    for (const split of [ev.tuning, ev.heldout]) expect(rate(split.all)).toBeGreaterThan(baseRate(split.all) + 0.2);
    for (const k of DIALOGUE_KINDS) {
      const t = ev.heldout.byKind[k]!;
      if (BEHIND_BM25.has(k)) expect(rate(t), `${k} is ahead now: take it off BEHIND_BM25`).toBeLessThanOrEqual(baseRate(t));
      else expect(rate(t), k).toBeGreaterThan(baseRate(t));
    }
  });
});
