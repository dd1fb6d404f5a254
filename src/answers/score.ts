/**
 * Scoring one question against the index. clean → detect → each token, with
 * its readings in the other scripts, finds the stems it is or is near
 * (fuzzy.ts) → a weighted overlap with every sample question that shares
 * one, over a denominator mixing the question's and the sample's weights, so
 * words of the question that nothing explains pull the score down (unknown
 * words weigh like the rarest known word, unknown capitalised names more) →
 * factors for a different kind of question (where vs when) and for too
 * little matched information → the best sample question per topic, blended
 * with how much of the question the topic's whole vocabulary explains. The
 * content's own vocabulary also votes on the language when language.ts's
 * word lists leave it open.
 *
 * Nothing is allocated per sample question: the sums live in the matcher's
 * ScoreState, and only the sample questions a token touched are visited
 * and reset.
 */
import type { Lang } from "../shared/lang.js";
import { ARITHMETIC_STEMS, FILLER_STEMS, OFF_TOPIC_STEMS, STOP_STEMS, stem } from "./analyse.js";
import { bigramKey, type MatcherIndex } from "./build-index.js";
import { type CandidateMemo, preparedText, type TokenCandidates, tokenCandidates } from "./candidates.js";
import { createCandidates, type Candidates } from "./fuzzy.js";
import { type Detection, decideLanguage } from "./language.js";
import { LIGHT_WEIGHT, QUESTION_WEIGHT, STOP_WEIGHT } from "./lexicon.js";
import type { MatcherOptions } from "./options.js";

const DIGITS = /^\d+$/u;
const UPPER_START = /^\p{Lu}\p{Ll}/u;

/** One matcher's scratch, reused from question to question (a matcher answers one question at a time). */
export interface ScoreState {
  cands: Candidates;
  /** Per sample question: the matched weight, the token (generation) that last credited it, and which were touched. */
  acc: Float64Array;
  stamp: Int32Array;
  touched: Int32Array;
  /** Per topic: its score, its best sample question, the share of the question that one explains. */
  topicBest: Float64Array;
  topicBestQ: Int32Array;
  topicBestCover: Float64Array;
  /** Share of the best sample question's own weight that the question matched. */
  topicBestFit: Float64Array;
  /** Per topic: the weight of the question its whole vocabulary explains, and the generation that last credited it. */
  topicCover: Float64Array;
  topicStamp: Int32Array;
  /** Bumped per token and per pair, so that stamps need no clearing between them. */
  stampGen: number;
  /** Set while the reader reads one message: its tokens' candidates, looked up once (candidates.ts). */
  memo: CandidateMemo | undefined;
  /** The tokens of the vocabulary, with their candidates, kept across messages (candidates.ts). */
  kept: Map<string, TokenCandidates>;
}

export function createScoreState(ix: MatcherIndex): ScoreState {
  return {
    cands: createCandidates(ix.nKeys),
    acc: new Float64Array(ix.nQ),
    stamp: new Int32Array(ix.nQ),
    touched: new Int32Array(ix.nQ),
    topicBest: new Float64Array(ix.nTopics),
    topicBestQ: new Int32Array(ix.nTopics),
    topicBestCover: new Float64Array(ix.nTopics),
    topicBestFit: new Float64Array(ix.nTopics),
    topicCover: new Float64Array(ix.nTopics),
    topicStamp: new Int32Array(ix.nTopics),
    stampGen: 0,
    memo: undefined,
    kept: new Map(),
  };
}

export interface TokenInfo {
  token: string;
  weight: number;
  /** Candidate stems and similarities, best first. */
  stems: number[];
  sims: number[];
}

export interface Scored {
  /** Tokens that can be a subject (not stop, light or question words), matched or not. */
  contentTokens: number;
  /** The kind of question asked (lexicon.ts's QUESTION_CLASSES), 0 for none. */
  queryClass: number;
  det: Detection;
  toks: TokenInfo[];
  best: number;
  second: number;
}

export function score(ix: MatcherIndex, st: ScoreState, opt: MatcherOptions, text: string, fallback: Lang, explain: boolean): Scored {
  const { nTopics, keyIds, keyLang, keyStem, keyPost, stemIdf, stemIsContent, stemClass, stemTopics, stemPost } = ix;
  const { bigramIds, bigramIdf, bigramPost, qTopic, qWeight, qClass, qMood, moodOfStem, lightStems, questionStems, unknownIdf, nameIdf } = ix;
  const { acc, stamp, touched, topicBest, topicBestQ, topicBestCover, topicBestFit, topicCover, topicStamp, cands } = st;
  const prepared = preparedText(text, st.memo?.tokens);
  // The content's votes are added below: to a copy, since the memo's evidence serves the next call.
  const ev = { ...prepared.ev, scores: { ...prepared.ev.scores } };
  const pre = decideLanguage(ev, fallback);
  const raw = prepared.raw;
  let names = 0;
  let contentTokens = 0;
  let queryClass = 0;
  let queryMood = 0;
  let tokenWeight = 0;
  topicCover.fill(0);
  topicBest.fill(-1);
  const toks: TokenInfo[] = [];
  const votes = { en: 0, ru: 0, kk: 0 };
  let queryWeight = 0;
  let nTouched = 0;
  const bestStemOf: number[] = [];
  const seenStems = new Set<number>();
  const seenUnknown = new Set<string>();

  for (let ti = 0; ti < raw.length; ti++) {
    const tok = raw[ti]!;
    if (ti > 0 && DIGITS.test(raw[ti - 1]!) && DIGITS.test(raw[ti + 1] ?? "") && ARITHMETIC_STEMS.has(stem(tok.toLowerCase()))) {
      // A sum ("what's 17 times 23") is a subject no fact of the case is about.
      queryWeight += nameIdf;
      tokenWeight += nameIdf;
      names++;
      contentTokens++;
      if (explain) toks.push({ token: tok, weight: nameIdf, stems: [], sims: [] });
      continue;
    }
    const { r, stems, sims, exactKeys, exactFactors, nExact } = tokenCandidates(ix, cands, opt.typoCredit, tok, pre, st.memo, st.kept);
    // Language votes from the content's vocabulary: a word only one language's sample questions use.
    const ownId = keyIds.get(r.own);
    if (ownId !== undefined) {
      const m = keyLang[ownId]!;
      if (m === 1) votes.en++;
      else if (m === 2) votes.ru++;
      else if (m === 4) votes.kk++;
    }
    if (r.kk !== undefined && keyIds.has(r.kk) && keyLang[keyIds.get(r.kk)!] === 4) votes.kk++;
    if (r.ru !== undefined && keyIds.has(r.ru) && keyLang[keyIds.get(r.ru)!] === 2) votes.ru++;

    // The token's weight in the question.
    let weight: number;
    let bestStem = -1;
    let bestSim = 0;
    for (let i = 0; i < stems.length; i++) if (sims[i]! > bestSim || (sims[i] === bestSim && stemIdf[stems[i]!]! > stemIdf[bestStem]!)) {
      bestSim = sims[i]!;
      bestStem = stems[i]!;
    }
    bestStemOf.push(bestSim >= 0.75 ? bestStem : -1);
    queryMood |= moodOfStem.get(stem(r.own)) ?? 0;
    if (bestStem >= 0 && bestSim >= 0.75) {
      if (stemIsContent[bestStem] === 1) contentTokens++;
      if (seenStems.has(bestStem)) {
        if (explain) toks.push({ token: tok, weight: 0, stems: [], sims: [] });
        continue;
      }
      seenStems.add(bestStem);
      weight = stemIdf[bestStem]!;
    } else {
      const s = stem(r.own);
      if (seenUnknown.has(s)) continue;
      seenUnknown.add(s);
      if (STOP_STEMS.has(s) || FILLER_STEMS.has(s) || s.length < 2) weight = STOP_WEIGHT;
      else if (lightStems.has(s)) weight = LIGHT_WEIGHT;
      else if (questionStems.has(s)) weight = QUESTION_WEIGHT;
      else {
        contentTokens++;
        if (DIGITS.test(s)) weight = unknownIdf * 0.3;
        else if (stems.length === 0 && (OFF_TOPIC_STEMS.has(s) || (ti > 0 && UPPER_START.test(tok) && tok.length >= 3))) {
          weight = nameIdf;
          names++;
        } else weight = unknownIdf;
      }
      if (bestStem >= 0) weight = Math.max(weight, stemIdf[bestStem]!);
    }
    queryWeight += weight;
    tokenWeight += weight;
    if (bestStem >= 0 && bestSim >= 0.75) {
      const c = stemClass[bestStem]!;
      if (c > 0 && (queryClass === 0 || c < queryClass)) queryClass = c;
    }
    if (explain) toks.push({ token: tok, weight, stems, sims });

    // Credit every sample question holding a candidate, once per token, best credit first:
    // the word as it is, then its stem in other forms, then its neighbours.
    const gen = ++st.stampGen;
    for (let i = 0; i < nExact; i++) {
      const kid = exactKeys[i]!;
      const credit = stemIdf[keyStem[kid]!]! * exactFactors[i]!;
      const post = keyPost[kid]!;
      for (let j = 0; j < post.length; j++) {
        const q = post[j]!;
        if (stamp[q] === gen) continue;
        if (stamp[q] === 0) touched[nTouched++] = q;
        stamp[q] = gen;
        acc[q]! += credit;
      }
    }
    for (let i = 0; i < stems.length; i++) {
      const s = stems[i]!;
      const credit = stemIdf[s]! * sims[i]! * opt.stemCredit;
      const post = stemPost[s]!;
      for (let j = 0; j < post.length; j++) {
        const q = post[j]!;
        if (stamp[q] === gen) continue;
        if (stamp[q] === 0) touched[nTouched++] = q;
        stamp[q] = gen;
        acc[q]! += credit;
      }
      const tp = stemTopics[s]!;
      for (let j = 0; j < tp.length; j++) {
        const t = tp[j]!;
        if (topicStamp[t] === gen) continue;
        topicStamp[t] = gen;
        topicCover[t]! += credit;
      }
    }
  }

  // Pairs of neighbouring words.
  for (let i = 0; i + 1 < bestStemOf.length; i++) {
    const a = bestStemOf[i]!;
    const b = bestStemOf[i + 1]!;
    if (a < 0 || b < 0) continue;
    const id = bigramIds.get(bigramKey(a, b));
    if (id === undefined) continue;
    const w = bigramIdf[id]!;
    queryWeight += w;
    const post = bigramPost[id]!;
    const gen = ++st.stampGen;
    for (let j = 0; j < post.length; j++) {
      const q = post[j]!;
      if (stamp[q] === gen) continue;
      if (stamp[q] === 0) touched[nTouched++] = q;
      stamp[q] = gen;
      acc[q]! += w;
    }
  }

  // Score the sample questions that share something; best per topic.
  const qs = opt.queryShare;
  for (let i = 0; i < nTouched; i++) {
    const q = touched[i]!;
    const overlap = acc[q]!;
    acc[q] = 0;
    stamp[q] = 0;
    const denom = qs * queryWeight + (1 - qs) * qWeight[q]!;
    let sc = denom > 0 ? overlap / denom : 0;
    if (sc > 1) sc = 1;
    if (overlap < opt.minInformation) sc *= (overlap / opt.minInformation) ** opt.informationPower;
    if (names > 0) sc *= opt.namePenalty ** names;
    if (queryClass !== 0 && (qClass[q]! & (1 << queryClass)) === 0) sc *= qClass[q] === 0 ? opt.unaskedPenalty : opt.classPenalty;
    if (queryMood !== 0 && qMood[q] !== 0 && (qMood[q]! & queryMood) === 0) sc *= opt.moodPenalty;
    const t = qTopic[q]!;
    const fit = qWeight[q]! > 0 ? overlap / qWeight[q]! : 0;
    // On a tie (two samples both capped at 1), the one the question fits more is the topic's best.
    if (sc > topicBest[t]! || (sc === topicBest[t]! && fit > topicBestFit[t]!)) {
      topicBest[t] = sc;
      topicBestQ[t] = q;
      topicBestCover[t] = queryWeight > 0 ? overlap / queryWeight : 0;
      topicBestFit[t] = fit;
    }
  }
  if (st.stampGen > 1e9) {
    st.stampGen = 0;
    stamp.fill(0);
    topicStamp.fill(0);
  }
  // Blend in how much of the question the topic's whole vocabulary explains.
  const bags = opt.vocabularyTopics;
  if ((opt.topicShare > 0 || bags.size > 0) && tokenWeight > 0) {
    const penalty = opt.namePenalty ** names;
    for (let t = 0; t < nTopics; t++) {
      if (topicBest[t]! < 0) continue;
      let cover = topicCover[t]! / tokenWeight;
      if (cover > 1) cover = 1;
      if (bags.has(ix.topicIds[t]!)) {
        // A bag of words (small talk: "this bot is stupid and useless") is said by any of its words, not one sample's.
        topicBest[t] = Math.max(topicBest[t]!, (1 - opt.vocabularyShare) * topicBest[t]! + opt.vocabularyShare * cover * penalty);
        if (cover > topicBestCover[t]!) topicBestCover[t] = cover;
      } else topicBest[t] = (1 - opt.topicShare) * topicBest[t]! + opt.topicShare * cover * penalty;
    }
  }
  let best = -1;
  let second = -1;
  for (let t = 0; t < nTopics; t++) {
    const v = topicBest[t]!;
    if (v < 0) continue;
    if (best < 0 || v > topicBest[best]!) {
      second = best;
      best = t;
    } else if (second < 0 || v > topicBest[second]!) {
      second = t;
    }
  }

  // Language: the word lists' evidence, plus the content's votes.
  if (ev.script === "latn") {
    ev.scores.en += votes.en;
    ev.scores.ru += votes.ru;
    ev.scores.kk += votes.kk;
  } else if (ev.script === "cyrl") {
    ev.scores.ru += votes.ru;
    ev.scores.kk += votes.kk;
  }
  const det = decideLanguage(ev, fallback);
  return { det, toks, best, second, contentTokens, queryClass };
}