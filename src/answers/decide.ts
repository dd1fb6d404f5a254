/**
 * The decision from a question's score: confident (score, margin to the
 * second topic, coverage), close ("did you mean", with up to three
 * alternatives) or none. The thresholds are MatcherOptions'.
 */
import type { Lang, QuestionKey } from "../shared/lang.js";
import type { MatcherIndex } from "./build-index.js";
import type { Script } from "./language.js";
import { HOW_CLASS } from "./lexicon.js";
import type { MatcherOptions } from "./options.js";
import type { Scored, ScoreState } from "./score.js";

export type MatchKind = "confident" | "close" | "none";

export interface MatchResult {
  /** The language to reply in. */
  lang: Lang;
  /** How the question was written. */
  form: QuestionKey;
  script: Script;
  kind: MatchKind;
  /** The best topic; absent when kind is "none". */
  topic?: string;
  /** The best topic's score, 0…1. */
  score: number;
  /** Up to three other topic ids for "did you mean" buttons; only when kind is "close". */
  alternatives: string[];
}

export function decide(ix: MatcherIndex, st: ScoreState, opt: MatcherOptions, r: Scored): MatchResult {
  const { topicIds, nTopics } = ix;
  const { topicBest, topicBestCover, topicBestFit } = st;
  const { det } = r;
  // Built field by field, not spread: one of these per match, several per message.
  const none = (score: number): MatchResult => ({ lang: det.lang, form: det.form, script: det.script, kind: "none", score, alternatives: [] });
  if (r.best < 0 || topicBest[r.best]! <= 0) return none(0);
  const bestScore = topicBest[r.best]!;
  const secondScore = r.second >= 0 ? Math.max(0, topicBest[r.second]!) : 0;
  const rounded = Math.round(bestScore * 1000) / 1000;
  if (bestScore < opt.close) return none(rounded);
  // A question of only function words ("hello, how are you?", "what is this?") has no
  // subject: it is answered only when it is (nearly) one of the sample questions. A
  // pointed question word is subject enough here ("how many of them?", "who are they?").
  const pointed = r.queryClass !== 0 && r.queryClass !== HOW_CLASS;
  if (r.contentTokens === 0 && !pointed && topicBestFit[r.best]! < opt.bareFit) return none(rounded);
  const topic = topicIds[r.best]!;
  if (bestScore >= opt.confident && bestScore - secondScore >= opt.margin && topicBestCover[r.best]! >= opt.confidentCoverage) {
    return { lang: det.lang, form: det.form, script: det.script, kind: "confident", topic, score: rounded, alternatives: [] };
  }
  // Did you mean: the next topics near the best.
  const floor = Math.max(opt.close * 0.8, bestScore - 0.2);
  const order: number[] = [];
  for (let t = 0; t < nTopics; t++) if (t !== r.best && topicBest[t]! >= floor) order.push(t);
  order.sort((a, b) => topicBest[b]! - topicBest[a]!);
  return { lang: det.lang, form: det.form, script: det.script, kind: "close", topic, score: rounded, alternatives: order.slice(0, 3).map((t) => topicIds[t]!) };
}
