/**
 * The matcher's tuning: the thresholds of the decision (decide.ts) and the
 * weights and factors of the index and the score (build-index.ts, fuzzy.ts,
 * score.ts), in one place so that an evaluation can try other values.
 */
export interface MatcherOptions {
  /** Least score for a confident answer. */
  confident: number;
  /** Least margin between the best and the second topic for a confident answer. */
  margin: number;
  /** Least share of the question's weight that the best sample question explains, for a confident answer. */
  confidentCoverage: number;
  /** Least score for a "did you mean" answer; below it, none. */
  close: number;
  /** Share of the question's own weight (against the sample question's) in the score's denominator. */
  queryShare: number;
  /** Matched weight (sum of IDFs) under which the score is scaled down: a question of generic words only. */
  minInformation: number;
  /** How steeply: the score is multiplied by (matched / minInformation) to this power. */
  informationPower: number;
  /** Credit for the same stem in another form (inflection), as a fraction of the same word. */
  stemCredit: number;
  /** Weight of a word no sample question has, as a fraction of the rarest word's. */
  unknownWeight: number;
  /** Weight of an unknown capitalised word inside a sentence (a name: another case, another person), same scale. */
  nameWeight: number;
  /** Credit for a word one edit away (a typo), as a fraction of an exact match. */
  typoCredit: number;
  /** Weight of a pair of neighbouring stems, as a fraction of its IDF. */
  bigramWeight: number;
  /** Factor on the score for each unknown name in the question (another case, another person). */
  namePenalty: number;
  /** Factor on a sample question that asks another kind of question ("where" for "when"). */
  classPenalty: number;
  /** Factor on a sample question that asks no pointed question, for a question that does ("how many" → "what happened"). */
  unaskedPenalty: number;
  /** Factor on a sample question asked in the other mood ("what did they get?" for "what could they get?", lexicon.ts). */
  moodPenalty: number;
  /** Share of the topic's whole vocabulary (against its best sample question) in a topic's score. */
  topicShare: number;
  /** A question without a content word must match this share of a sample question's weight. */
  bareFit: number;
  /** Topics whose confident coverage may be their whole vocabulary's, not only their best sample question's (small talk, a bag of words). */
  vocabularyTopics: ReadonlySet<string>;
  /** Their whole vocabulary's share in their score, when it raises it (topicShare for the other topics). */
  vocabularyShare: number;
  /** Greetings and thanks (analyse.ts's COURTESY_STEMS) weigh like other stop words; false for the small-talk matcher, whose entries are made of them. */
  capCourtesy: boolean;
}

export const DEFAULT_OPTIONS: MatcherOptions = {
  confident: 0.62,
  margin: 0.1,
  confidentCoverage: 0.6,
  close: 0.43,
  queryShare: 0.6,
  minInformation: 2,
  informationPower: 0.5,
  stemCredit: 0.92,
  unknownWeight: 1,
  nameWeight: 2,
  typoCredit: 0.8,
  bigramWeight: 0.5,
  namePenalty: 0.6,
  classPenalty: 0.75,
  unaskedPenalty: 0.85,
  moodPenalty: 0.6,
  topicShare: 0.25,
  bareFit: 0.85,
  capCourtesy: true,
  vocabularyTopics: new Set(),
  vocabularyShare: 0,
};

/** The small-talk matcher's (reader.ts): every word counts, even a stop word; only near-verbatim phrases are confident. */
export const SMALLTALK_OPTIONS: Partial<MatcherOptions> = { minInformation: 0.01, bareFit: 0, confident: 0.7, confidentCoverage: 0.6, margin: 0.05, topicShare: 0, vocabularyShare: 0.5, capCourtesy: false, unknownWeight: 0.5 };
