/**
 * The matcher: from a free-text question to a topic of the case, in
 * microseconds and without I/O (brief.md, "Answering a question").
 *
 * Build time. Every sample question of every topic (and the topic's button
 * label), in every language and script, is brought to one space: Kazakh
 * Latin and Arabic and Russian translit → Cyrillic, then the matcher's fold
 * (normalise.ts), cut into tokens; each token gets a stem (analyse.ts).
 * Stems and pairs of neighbouring stems are the features. Their weights are
 * BM25-style inverse document frequencies over topics, so a word many topics
 * use ("trial", "суд", "сот") counts for little, with caps by word class:
 * stop words, light words ("what", "қандай", "будет") and question words
 * ("when", "қашан") never weigh like a subject. Two lookup structures serve
 * fuzzy matching: a deletion index (SymSpell style) for typos one edit away,
 * and a trigram index over the vocabulary for inflection and transliteration
 * variants (Dice similarity and shared prefixes: Kazakh endings pile up).
 *
 * Query time. clean → detect → each token, with its readings in the other
 * scripts (a Latin word is read as English, as Kazakh Latin and as Russian
 * translit, the detected language's reading first), finds the stems it is or
 * is near → a weighted overlap with every sample question that shares one,
 * over a denominator mixing the question's and the sample's weights, so
 * words of the question that nothing explains pull the score down (unknown
 * words weigh like the rarest known word, unknown capitalised names more)
 * → factors for a different kind of question (where vs when) and for too
 * little matched information → the best sample question per topic, blended
 * with how much of the question the topic's whole vocabulary explains →
 * confident (score, margin to the second topic, coverage), close ("did you
 * mean", with up to three alternatives) or none. The content's own
 * vocabulary also votes on the language when language.ts's word lists leave
 * it open. Nothing is allocated per sample question at query time.
 */
import type { Lang, QuestionKey } from "../content/schema.js";
import { FILLER_STEMS, STOP_STEMS, stem } from "./analyse.js";
import { type Detection, type Script, decideLanguage, languageEvidence } from "./language.js";
import { bigramKey, buildIndex, type TopicQuestions } from "./build-index.js";
import { commonPrefix, osaDistance } from "./fuzzy.js";
import { HOW_CLASS, LIGHT_WEIGHT, QUESTION_WEIGHT, STOP_WEIGHT } from "./lexicon.js";
import { cleanText, foldLookalikes } from "./normalise.js";
import { DEFAULT_OPTIONS, type MatcherOptions } from "./options.js";
import { rawTokens, readings } from "./tokens.js";
export type { TopicQuestions } from "./build-index.js";
export { DEFAULT_OPTIONS, type MatcherOptions } from "./options.js";

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
  readonly topicIds: readonly string[];
  readonly size: { topics: number; questions: number; keys: number; stems: number; bigrams: number };
}

const MAX_CANDIDATES = 8;
const MIN_SIMILARITY = 0.5;
const DICE_CREDIT = 0.9;
const PREFIX_MIN = 5;
/** Similarity factor for a token's reading in a script other than the question's. */
const SECONDARY = 0.9;

const DIGITS = /^\d+$/u;
const UPPER_START = /^\p{Lu}\p{Ll}/u;

export function createMatcher(topics: readonly TopicQuestions[], options: Partial<MatcherOptions> = {}): Matcher {
  const opt: MatcherOptions = { ...DEFAULT_OPTIONS, ...options };
  const ix = buildIndex(topics, opt);
  const { topicIds, nTopics, nQ, nKeys, keyIds, keyNames, keyStem, keyLang, keyPost, stemIds, stemNames, stemIdf, stemIsContent, stemClass } = ix;
  const { stemTopics, stemPost, bigramIds, bigramIdf, bigramPost, qTopic, qText, qForm, qWeight, qClass, lightStems, questionStems } = ix;
  const { unknownIdf, nameIdf, deletes, triIndex, keyTriCount } = ix;

  // --- Per-query scratch, reused --------------------------------------------------------
  const acc = new Float64Array(nQ);
  const stamp = new Int32Array(nQ);
  const touched = new Int32Array(nQ);
  const topicBest = new Float64Array(nTopics);
  const topicBestQ = new Int32Array(nTopics);
  const topicBestCover = new Float64Array(nTopics);
  /** Share of the best sample question's own weight that the question matched. */
  const topicBestFit = new Float64Array(nTopics);
  const topicCover = new Float64Array(nTopics);
  const topicStamp = new Int32Array(nTopics);
  const sharedTri = new Int32Array(nKeys);
  const sharedTouched = new Int32Array(nKeys);
  const candStem = new Int32Array(MAX_CANDIDATES * 4);
  const candSim = new Float64Array(MAX_CANDIDATES * 4);
  const triSeen = new Set<string>();
  let stampGen = 0;

  /** Adds a candidate stem with a similarity, keeping the best similarity per stem. */
  function addCand(n: number, s: number, sim: number): number {
    for (let i = 0; i < n; i++) {
      if (candStem[i] === s) {
        if (sim > candSim[i]!) candSim[i] = sim;
        return n;
      }
    }
    if (n < candStem.length) {
      candStem[n] = s;
      candSim[n] = sim;
      return n + 1;
    }
    // Full: replace the weakest if this one is better.
    let weakest = 0;
    for (let i = 1; i < n; i++) if (candSim[i]! < candSim[weakest]!) weakest = i;
    if (sim > candSim[weakest]!) {
      candStem[weakest] = s;
      candSim[weakest] = sim;
    }
    return n;
  }

  /** Set by lookup: the reading was found as a key or a stem. */
  let exactFound = false;
  /** Keys found as they are, for the token being looked up, with their factors. */
  const exactKeys = new Int32Array(4);
  const exactKeyFactor = new Float64Array(4);
  let nExactKeys = 0;

  /**
   * Candidates for one reading of a token: exact key, exact stem, typo,
   * trigram/prefix neighbours; similarities times `factor` (a secondary
   * reading counts for a little less).
   */
  function lookup(k: string, n: number, factor: number): number {
    const kid = keyIds.get(k);
    if (kid !== undefined) {
      n = addCand(n, keyStem[kid]!, factor);
      if (nExactKeys < exactKeys.length) {
        exactKeys[nExactKeys] = kid;
        exactKeyFactor[nExactKeys++] = factor;
      }
    }
    const st = stem(k);
    const sid = stemIds.get(st);
    if (sid !== undefined) n = addCand(n, sid, factor);
    exactFound = kid !== undefined || sid !== undefined;
    if (k.length < 3) return n;
    // A function word is not a typo of a content word ("этих" is not "етіп").
    if (!exactFound && (STOP_STEMS.has(st) || FILLER_STEMS.has(st) || lightStems.has(st) || questionStems.has(st))) return n;
    // Typos: one edit away.
    if (kid === undefined) {
      const consider = (ids: Int32Array | undefined): void => {
        if (ids === undefined) return;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          const name = keyNames[id]!;
          if (k.length === 3 && name.length !== 4) continue;
          if (osaDistance(k, name, 1) <= 1) n = addCand(n, keyStem[id]!, opt.typoCredit * factor);
        }
      };
      consider(deletes.get(k));
      if (k.length >= 4) for (let i = 0; i < k.length; i++) consider(deletes.get(k.slice(0, i) + k.slice(i + 1)));
    }
    // Neighbours by shared trigrams and prefixes.
    if (k.length >= 4) {
      const p = ` ${k} `;
      triSeen.clear();
      let nShared = 0;
      for (let i = 0; i + 3 <= p.length; i++) {
        const g = p.slice(i, i + 3);
        if (triSeen.has(g)) continue;
        triSeen.add(g);
        const ids = triIndex.get(g);
        if (ids === undefined) continue;
        for (let j = 0; j < ids.length; j++) {
          const id = ids[j]!;
          if (sharedTri[id] === 0) sharedTouched[nShared++] = id;
          sharedTri[id]!++;
        }
      }
      const tq = triSeen.size;
      for (let i = 0; i < nShared; i++) {
        const id = sharedTouched[i]!;
        const shared = sharedTri[id]!;
        sharedTri[id] = 0;
        if (shared < 2 || id === kid) continue;
        const dice = (2 * shared) / (tq + keyTriCount[id]!);
        let sim = dice * DICE_CREDIT;
        const name = keyNames[id]!;
        const pre = commonPrefix(k, name);
        if (pre >= PREFIX_MIN) sim = Math.max(sim, (DICE_CREDIT * pre) / Math.min(k.length, name.length));
        if (sim >= MIN_SIMILARITY) n = addCand(n, keyStem[id]!, Math.min(sim, DICE_CREDIT) * factor);
      }
    }
    return n;
  }

  interface TokenInfo {
    token: string;
    weight: number;
    /** Candidate stems and similarities, best first. */
    stems: number[];
    sims: number[];
  }

  interface Scored {
    /** Tokens that can be a subject (not stop, light or question words), matched or not. */
    contentTokens: number;
    /** The kind of question asked (QUESTION_CLASSES), 0 for none. */
    queryClass: number;
    det: Detection;
    toks: TokenInfo[];
    best: number;
    second: number;
  }

  function score(text: string, fallback: Lang, explain: boolean): Scored {
    const cleaned = foldLookalikes(cleanText(text));
    const ev = languageEvidence(cleaned);
    const pre = decideLanguage(ev, fallback);
    const raw = rawTokens(cleaned);
    let names = 0;
    let contentTokens = 0;
    let queryClass = 0;
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
      const r = readings(tok);
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

      // The reading of the language the question seems to be in first; the
      // others only when it is not a known word, for a little less.
      let n: number;
      nExactKeys = 0;
      if (r.kk === undefined || r.ru === undefined) {
        n = lookup(r.own, 0, 1);
        if (r.latn !== undefined && n === 0) n = lookup(r.latn, n, SECONDARY);
      } else if (!pre.decided) {
        n = lookup(r.own, 0, 1);
        n = lookup(r.kk, n, 1);
        if (r.ru !== r.kk) n = lookup(r.ru, n, 1);
      } else {
        const first = pre.lang === "en" ? r.own : pre.lang === "kk" ? r.kk : r.ru;
        n = lookup(first, 0, 1);
        if (!exactFound) {
          if (first !== r.own) n = lookup(r.own, n, SECONDARY);
          if (first !== r.kk) n = lookup(r.kk, n, SECONDARY);
          if (first !== r.ru && r.ru !== r.kk) n = lookup(r.ru, n, SECONDARY);
        }
      }

      // Order candidates by credit (IDF × similarity), best first.
      const order: number[] = [];
      for (let i = 0; i < n; i++) order.push(i);
      order.sort((a, b) => stemIdf[candStem[b]!]! * candSim[b]! - stemIdf[candStem[a]!]! * candSim[a]!);
      if (order.length > MAX_CANDIDATES) order.length = MAX_CANDIDATES;
      const stems = order.map((i) => candStem[i]!);
      const sims = order.map((i) => candSim[i]!);

      // The token's weight in the question.
      let weight: number;
      let bestStem = -1;
      let bestSim = 0;
      for (let i = 0; i < stems.length; i++) if (sims[i]! > bestSim || (sims[i] === bestSim && stemIdf[stems[i]!]! > stemIdf[bestStem]!)) {
        bestSim = sims[i]!;
        bestStem = stems[i]!;
      }
      bestStemOf.push(bestSim >= 0.75 ? bestStem : -1);
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
          else if (ti > 0 && stems.length === 0 && UPPER_START.test(tok) && tok.length >= 3) {
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
      stampGen++;
      for (let i = 0; i < nExactKeys; i++) {
        const kid = exactKeys[i]!;
        const credit = stemIdf[keyStem[kid]!]! * exactKeyFactor[i]!;
        const post = keyPost[kid]!;
        for (let j = 0; j < post.length; j++) {
          const q = post[j]!;
          if (stamp[q] === stampGen) continue;
          if (stamp[q] === 0) touched[nTouched++] = q;
          stamp[q] = stampGen;
          acc[q]! += credit;
        }
      }
      for (let i = 0; i < stems.length; i++) {
        const s = stems[i]!;
        const credit = stemIdf[s]! * sims[i]! * opt.stemCredit;
        const post = stemPost[s]!;
        for (let j = 0; j < post.length; j++) {
          const q = post[j]!;
          if (stamp[q] === stampGen) continue;
          if (stamp[q] === 0) touched[nTouched++] = q;
          stamp[q] = stampGen;
          acc[q]! += credit;
        }
        const tp = stemTopics[s]!;
        for (let j = 0; j < tp.length; j++) {
          const t = tp[j]!;
          if (topicStamp[t] === stampGen) continue;
          topicStamp[t] = stampGen;
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
      stampGen++;
      for (let j = 0; j < post.length; j++) {
        const q = post[j]!;
        if (stamp[q] === stampGen) continue;
        if (stamp[q] === 0) touched[nTouched++] = q;
        stamp[q] = stampGen;
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
      const t = qTopic[q]!;
      if (sc > topicBest[t]!) {
        topicBest[t] = sc;
        topicBestQ[t] = q;
        topicBestCover[t] = queryWeight > 0 ? overlap / queryWeight : 0;
        topicBestFit[t] = qWeight[q]! > 0 ? overlap / qWeight[q]! : 0;
      }
    }
    if (stampGen > 1e9) {
      stampGen = 0;
      stamp.fill(0);
      topicStamp.fill(0);
    }
    // Blend in how much of the question the topic's whole vocabulary explains.
    if (opt.topicShare > 0 && tokenWeight > 0) {
      const penalty = opt.namePenalty ** names;
      for (let t = 0; t < nTopics; t++) {
        if (topicBest[t]! < 0) continue;
        let cover = topicCover[t]! / tokenWeight;
        if (cover > 1) cover = 1;
        topicBest[t] = (1 - opt.topicShare) * topicBest[t]! + opt.topicShare * cover * penalty;
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

  function decide(r: Scored): MatchResult {
    const { det } = r;
    const base = { lang: det.lang, form: det.form, script: det.script };
    if (r.best < 0 || topicBest[r.best]! <= 0) return { ...base, kind: "none", score: 0, alternatives: [] };
    const bestScore = topicBest[r.best]!;
    const secondScore = r.second >= 0 ? Math.max(0, topicBest[r.second]!) : 0;
    const rounded = Math.round(bestScore * 1000) / 1000;
    if (bestScore < opt.close) return { ...base, kind: "none", score: rounded, alternatives: [] };
    // A question of only function words ("hello, how are you?", "what is this?") has no
    // subject: it is answered only when it is (nearly) one of the sample questions. A
    // pointed question word is subject enough here ("how many of them?", "who are they?").
    const pointed = r.queryClass !== 0 && r.queryClass !== HOW_CLASS;
    if (r.contentTokens === 0 && !pointed && topicBestFit[r.best]! < opt.bareFit) return { ...base, kind: "none", score: rounded, alternatives: [] };
    const topic = topicIds[r.best]!;
    if (bestScore >= opt.confident && bestScore - secondScore >= opt.margin && topicBestCover[r.best]! >= opt.confidentCoverage) {
      return { ...base, kind: "confident", topic, score: rounded, alternatives: [] };
    }
    // Did you mean: the next topics near the best.
    const floor = Math.max(opt.close * 0.8, bestScore - 0.2);
    const order: number[] = [];
    for (let t = 0; t < nTopics; t++) if (t !== r.best && topicBest[t]! >= floor) order.push(t);
    order.sort((a, b) => topicBest[b]! - topicBest[a]!);
    return { ...base, kind: "close", topic, score: rounded, alternatives: order.slice(0, 3).map((t) => topicIds[t]!) };
  }

  return {
    topicIds,
    size: { topics: topics.length, questions: nQ, keys: nKeys, stems: stemNames.length, bigrams: bigramIdf.length },
    match(text: string, fallback: Lang): MatchResult {
      return decide(score(text, fallback, false));
    },
    explain(text: string, fallback: Lang): Explanation {
      const r = score(text, fallback, true);
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
      return { ...decide(r), tokens, ranking: ranking.slice(0, 5) };
    },
  };
}
