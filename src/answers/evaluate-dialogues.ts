/**
 * The reader (reader.ts) on the labelled dialogues (tests/answers/dialogues*.json): figures per
 * split, per kind and per form, and the same for the BM25 baseline (baseline.ts) in the same run.
 *
 * A dialogue is right when every turn is: the topics answered are exactly the labelled ones (in
 * any order) in the labelled language, or, for a turn labelled with no topic, nothing of the case
 * is answered. Turns follow each other 30 seconds apart in one chat. Pure: the caller reads the files.
 */
import { z } from "zod";
import { LANGS, QUESTION_KEYS, type Lang } from "../shared/lang.js";
import { createBaseline } from "./baseline.js";
import type { MatcherOptions } from "./matcher.js";
import { createReader, type DialogueState, type Reading, type TopicEntry } from "./reader.js";

export const DIALOGUE_KINDS = ["follow-up", "multi", "smalltalk", "unknown", "real", "out-of-scope"] as const;
export const SPLITS = ["tuning", "heldout"] as const;

const turnSchema = z.object({ q: z.string(), topics: z.array(z.string()), lang: z.enum(LANGS), form: z.enum(QUESTION_KEYS) });
export const dialogueSchema = z.object({ id: z.string(), kind: z.enum(DIALOGUE_KINDS), split: z.enum(SPLITS), batch: z.string().optional(), turns: z.array(turnSchema).min(1) });
export type Dialogue = z.infer<typeof dialogueSchema>;
type Turn = z.infer<typeof turnSchema>;

export function parseDialogues(data: unknown): Dialogue[] {
  return z.array(dialogueSchema).parse(data);
}

export interface Tally {
  n: number;
  right: number;
  /** The BM25 baseline's right answers on the same dialogues. */
  baseline: number;
}

export interface DialogueMiss {
  dialogue: Dialogue;
  turn: number;
  got: Pick<Reading, "kind" | "topics" | "lang" | "score" | "followUp">;
}

export interface SplitFigures {
  all: Tally;
  byKind: Record<string, Tally>;
  byForm: Record<string, Tally>;
  misses: DialogueMiss[];
}

export type DialogueEvaluation = Record<(typeof SPLITS)[number], SplitFigures>;

const TURN_GAP_MS = 30_000;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

function turnRight(t: Turn, topics: readonly string[], lang: Lang): boolean {
  if (t.topics.length === 0) return topics.length === 0;
  return sameSet(topics, t.topics) && lang === t.lang;
}

const tally = (): Tally => ({ n: 0, right: 0, baseline: 0 });
const rate = (t: Tally) => (t.n === 0 ? 1 : t.right / t.n);
const baseRate = (t: Tally) => (t.n === 0 ? 1 : t.baseline / t.n);
export { rate, baseRate };

export function evaluateDialogues(topics: readonly TopicEntry[], dialogues: readonly Dialogue[], options: Partial<MatcherOptions> = {}): DialogueEvaluation {
  const reader = createReader(topics, options);
  const baseline = createBaseline(topics);
  const out = Object.fromEntries(SPLITS.map((s) => [s, { all: tally(), byKind: {}, byForm: {}, misses: [] } as SplitFigures])) as DialogueEvaluation;
  for (const d of dialogues) {
    const fig = out[d.split];
    let state: DialogueState | undefined;
    let now = Date.UTC(2026, 0, 1);
    let right = true;
    let baseRight = true;
    for (const [i, t] of d.turns.entries()) {
      now += TURN_GAP_MS;
      const r = reader.read(t.q, "en", state, now);
      state = r.state;
      // Small talk answers no topic of the case: a turn labelled out of scope may get it.
      const answered = r.kind === "none" || (r.kind === "smalltalk" && t.topics.length === 0) ? [] : r.topics;
      if (right && !turnRight(t, answered, r.lang)) {
        right = false;
        fig.misses.push({ dialogue: d, turn: i, got: { kind: r.kind, topics: r.topics, lang: r.lang, score: r.score, followUp: r.followUp } });
      }
      const b = baseline.top(t.q);
      if (!turnRight(t, b === undefined ? [] : [b], t.lang)) baseRight = false;
    }
    const form = d.turns[d.turns.length - 1]!.form;
    for (const tl of [fig.all, (fig.byKind[d.kind] ??= tally()), (fig.byForm[form] ??= tally())]) {
      tl.n++;
      if (right) tl.right++;
      if (baseRight) tl.baseline++;
    }
  }
  return out;
}

/**
 * The reader on the single-question dev set (evaluate.ts's items): a message that is one question
 * must get one answer, so `split` counts those answered with more than one topic.
 */
export function readerOnSingles(topics: readonly TopicEntry[], items: ReadonlyArray<{ q: string; topic: string | null; lang: Lang }>) {
  const reader = createReader(topics);
  let right = 0;
  let split = 0;
  const wrong: string[] = [];
  for (const it of items) {
    const r = reader.read(it.q, "en", undefined, 0);
    const answered = r.kind === "none" ? [] : r.topics;
    if (answered.length > 1) split++;
    if (it.topic === null ? answered.length === 0 || r.kind === "smalltalk" : answered.length === 1 && answered[0] === it.topic && r.lang === it.lang) right++;
    else wrong.push(`${it.q} → ${r.kind} ${answered.join("+")}`);
  }
  return { n: items.length, right, split, accuracy: items.length === 0 ? 1 : right / items.length, wrong };
}
