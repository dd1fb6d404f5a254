/**
 * The matcher against a labelled dev set (tests/answers/devset.json): the
 * figures per form of question and every miss. Pure: the caller reads the
 * files (scripts/eval-answers.ts prints the figures, tests assert on them).
 *
 * An in-scope question is right when the matcher names its topic (kind
 * confident, or close with that topic first) and the reply language is
 * the labelled one. An out-of-scope question (topic null) is rejected
 * by kind "none" or by a small-talk entry (a greeting is not an answer about the case).
 */
import { z } from "zod";
import { QUESTION_KEYS, LANGS } from "../shared/lang.js";
import { createMatcher, type Explanation, type MatcherOptions, type TopicQuestions } from "./matcher.js";

export const devItemSchema = z.object({
  q: z.string(),
  topic: z.string().nullable(),
  lang: z.enum(LANGS),
  form: z.enum(QUESTION_KEYS),
});
export type DevItem = z.infer<typeof devItemSchema>;

/** The dev set from its parsed JSON. */
export function parseDevset(data: unknown): DevItem[] {
  return z.array(devItemSchema).parse(data);
}

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

export function evaluate(topics: ReadonlyArray<TopicQuestions & { kind?: string }>, devset: readonly DevItem[], options: Partial<MatcherOptions> = {}): Evaluation {
  const matcher = createMatcher(topics, options);
  // Small talk states no fact of the case: "hello, how are you?" answered with a greeting is rejected as the case.
  const smalltalk = new Set(topics.filter((t) => t.kind === "smalltalk").map((t) => t.id));
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
      if (r.kind === "none" || smalltalk.has(r.topic ?? "")) {
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
