/**
 * The matcher: from a free-text question to a topic of the case, in
 * microseconds and without I/O (brief.md, "Answering a question").
 *
 * Build time (build-index.ts): every sample question of every topic, in
 * every language and script, is brought to one space (tokens.ts), cut into
 * stems and pairs of stems weighted by BM25-style IDF with caps by word
 * class (lexicon.ts), with a deletion index and a trigram index over the
 * vocabulary for fuzzy lookup (fuzzy.ts).
 *
 * Query time: each token of the question, in its readings, finds the stems
 * it is or is near (fuzzy.ts); the sample questions that share them are
 * scored, best per topic (score.ts); the scores make a confident answer, a
 * "did you mean" or none (decide.ts). The tuning is in options.ts. Nothing
 * is allocated per sample question at query time: each matcher owns its
 * scratch (score.ts), reused from question to question.
 */
import type { Lang, QuestionKey } from "../shared/lang.js";
import { buildIndex, type TopicQuestions } from "./build-index.js";
import { decide, type MatchResult } from "./decide.js";
import { DEFAULT_OPTIONS, type MatcherOptions } from "./options.js";
import type { TokenCandidates, TokenMemo } from "./candidates.js";
import { createScoreState, score } from "./score.js";

export type { TopicQuestions } from "./build-index.js";
export type { MatchResult } from "./decide.js";
export type { MatcherOptions } from "./options.js";

/** One topic's score, for explanations and evaluation. */
export interface TopicScore {
  topic: string;
  score: number;
  /** The sample question that scored best, and its form. */
  question: string;
  form: QuestionKey;
}

export interface Explanation extends MatchResult {
  /** Each token of the question, the stems it was matched to (with similarity) and its weight. */
  tokens: Array<{ token: string; weight: number; matches: string[] }>;
  ranking: TopicScore[];
}

export interface Matcher {
  match(text: string, fallback: Lang): MatchResult;
  /** The same decision with the features and the five best topics: for evaluation and logs, not the hot path. */
  explain(text: string, fallback: Lang): Explanation;
  /** Runs `fn` with its tokens' lookups kept (candidates.ts): for one message scored several times. */
  reading<T>(tokens: TokenMemo, fn: () => T): T;
  readonly topicIds: readonly string[];
  readonly size: { topics: number; questions: number; keys: number; stems: number; bigrams: number };
}

export function createMatcher(topics: readonly TopicQuestions[], options: Partial<MatcherOptions> = {}): Matcher {
  const opt: MatcherOptions = { ...DEFAULT_OPTIONS, ...options };
  const ix = buildIndex(topics, opt);
  const st = createScoreState(ix);
  const { topicIds, nTopics, qText, qForm, stemNames } = ix;
  const cands = new Map<string, TokenCandidates>();

  return {
    topicIds,
    size: { topics: topics.length, questions: ix.nQ, keys: ix.nKeys, stems: stemNames.length, bigrams: ix.bigramIdf.length },
    reading<T>(tokens: TokenMemo, fn: () => T): T {
      if (st.memo !== undefined) return fn();
      st.memo = { tokens, cands };
      try {
        return fn();
      } finally {
        st.memo = undefined;
        cands.clear();
      }
    },
    match(text: string, fallback: Lang): MatchResult {
      return decide(ix, st, opt, score(ix, st, opt, text, fallback, false));
    },
    explain(text: string, fallback: Lang): Explanation {
      const r = score(ix, st, opt, text, fallback, true);
      const { topicBest, topicBestQ } = st;
      const ranking: TopicScore[] = [];
      for (let t = 0; t < nTopics; t++) {
        if (topicBest[t]! < 0) continue;
        const q = topicBestQ[t]!;
        ranking.push({ topic: topicIds[t]!, score: Math.round(topicBest[t]! * 1000) / 1000, question: qText[q]!, form: qForm[q]! });
      }
      ranking.sort((a, b) => b.score - a.score);
      const tokens = r.toks.map((t) => ({
        token: t.token,
        weight: Math.round(t.weight * 100) / 100,
        matches: t.stems.map((s, i) => `${stemNames[s]}:${t.sims[i]!.toFixed(2)}`),
      }));
      return { ...decide(ix, st, opt, r), tokens, ranking: ranking.slice(0, 5) };
    },
  };
}
