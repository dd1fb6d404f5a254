/**
 * The index: built from the topics, then only read at query time. Every
 * sample question of every topic (and the topic's button label), in every
 * language and script, is brought to one space (tokens.ts) and cut into
 * keys; each key gets a stem (analyse.ts). Stems and pairs of neighbouring
 * stems are the features. Their weights are BM25-style inverse document
 * frequencies over topics, so a word many topics use ("trial", "суд",
 * "сот") counts for little, with caps by word class (lexicon.ts). The fuzzy
 * lookup's structures (fuzzy.ts) are built over the keys.
 */
import type { Lang, QuestionKey } from "../shared/lang.js";
import { COURTESY_STEMS, FILLER_STEMS, STOP_STEMS, stem } from "./analyse.js";
import { buildFuzzyIndex, type FuzzyIndex, type Vocabulary } from "./fuzzy.js";
import { LIGHT_WEIGHT, QUESTION_WEIGHT, STOP_WEIGHT, wordClasses } from "./lexicon.js";
import { cleanText, foldLookalikes } from "./normalise.js";
import type { MatcherOptions } from "./options.js";
import { indexKey, rawTokens } from "./tokens.js";

export interface TopicQuestions {
  id: string;
  questions: Partial<Record<QuestionKey, readonly string[]>>;
  /** The topic's button label: indexed as one more sample question per language (people type what the menu shows). */
  label?: Partial<Record<Lang, string>>;
}

/** The most a pair of words adds to a question's weight. */
const MAX_BIGRAM = 1;

function bm25Idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

const BIGRAM_SHIFT = 1 << 22;
export function bigramKey(a: number, b: number): number {
  return a * BIGRAM_SHIFT + b;
}

const LANG_BIT: Readonly<Record<QuestionKey, number>> = { en: 1, ru: 2, ru_latn: 2, kk: 4, kk_plain: 4, kk_latn: 4, kk_arab: 4 };

export interface MatcherIndex extends Vocabulary, FuzzyIndex {
  topicIds: readonly string[];
  /** topics.length, at least 1. */
  nTopics: number;
  /** Sample questions. */
  nQ: number;
  nKeys: number;

  /** Keys: a token in the index's space. */
  keyIds: ReadonlyMap<string, number>;
  keyNames: readonly string[];
  keyStem: Int32Array;
  /** The languages (LANG_BIT) whose sample questions use the key: a key of one language votes for it. */
  keyLang: Uint8Array;
  /** Sample questions holding the key as it is. */
  keyPost: readonly Int32Array[];

  stemIds: ReadonlyMap<string, number>;
  stemNames: readonly string[];
  stemIdf: Float64Array;
  /** 1 for a stem that can be a subject: not a stop, light or question word. */
  stemIsContent: Uint8Array;
  /** The kind of question a question word asks (lexicon.ts), 0 for other words. */
  stemClass: Uint8Array;
  /** Topics using the stem. */
  stemTopics: readonly Int32Array[];
  /** Sample questions holding the stem. */
  stemPost: readonly Int32Array[];

  /** Pairs of stems, keyed by bigramKey(a, b). */
  bigramIds: ReadonlyMap<number, number>;
  bigramIdf: Float64Array;
  bigramPost: readonly Int32Array[];

  qTopic: Int32Array;
  qText: readonly string[];
  qForm: readonly QuestionKey[];
  /** The sample question's own weight: its stems' and pairs' weights. */
  qWeight: Float64Array;
  /** The kinds of question each sample question asks, as bits (one may ask "where and when"). */
  qClass: Uint8Array;
  /** The moods each sample question asks in (lexicon.ts: may or did happen), as bits. */
  qMood: Uint8Array;
  moodOfStem: ReadonlyMap<string, number>;

  lightStems: ReadonlySet<string>;
  questionStems: ReadonlySet<string>;
  /** Weight of a word no sample question has. */
  unknownIdf: number;
  /** Weight of an unknown capitalised word inside a sentence. */
  nameIdf: number;
}

export function buildIndex(topics: readonly TopicQuestions[], opt: Pick<MatcherOptions, "bigramWeight" | "unknownWeight" | "nameWeight" | "capCourtesy">): MatcherIndex {
  const topicIds = topics.map((t) => t.id);
  const nTopics = Math.max(1, topics.length);

  // --- Vocabulary -------------------------------------------------------------
  const keyIds = new Map<string, number>();
  const keyNames: string[] = [];
  const keyStemList: number[] = [];
  const keyLangList: number[] = [];
  const stemIds = new Map<string, number>();
  const stemNames: string[] = [];
  const stemTopicSets: Array<Set<number>> = [];
  const bigramIds = new Map<number, number>();
  const bigramTopicSets: Array<Set<number>> = [];

  const stemId = (s: string): number => {
    let id = stemIds.get(s);
    if (id === undefined) {
      id = stemNames.length;
      stemIds.set(s, id);
      stemNames.push(s);
      stemTopicSets.push(new Set());
    }
    return id;
  };
  const keyId = (k: string, langBit: number): number => {
    let id = keyIds.get(k);
    if (id === undefined) {
      id = keyNames.length;
      keyIds.set(k, id);
      keyNames.push(k);
      keyStemList.push(stemId(stem(k)));
      keyLangList.push(0);
    }
    keyLangList[id]! |= langBit;
    return id;
  };

  // --- Sample questions ------------------------------------------------------------
  const qTopic: number[] = [];
  const qText: string[] = [];
  const qForm: QuestionKey[] = [];
  const qStems: number[][] = [];
  const qBigrams: number[][] = [];
  const keyPostLists: number[][] = [];
  topics.forEach((topic, ti) => {
    const entries = Object.entries(topic.questions) as Array<[QuestionKey, readonly string[] | undefined]>;
    if (topic.label !== undefined) for (const [lang, text] of Object.entries(topic.label) as Array<[Lang, string | undefined]>) if (text) entries.push([lang, [text]]);
    for (const [form, list] of entries) {
      for (const text of list ?? []) {
        const raw = rawTokens(foldLookalikes(cleanText(text)));
        if (raw.length === 0) continue;
        const stems: number[] = [];
        const qIndex = qTopic.length;
        for (const t of raw) {
          const k = indexKey(t, form);
          if (k.length === 0) continue;
          const kid = keyId(k, LANG_BIT[form]);
          const posts = (keyPostLists[kid] ??= []);
          if (posts[posts.length - 1] !== qIndex) posts.push(qIndex);
          const s = keyStemList[kid]!;
          stems.push(s);
          stemTopicSets[s]!.add(ti);
        }
        const bigrams = new Set<number>();
        for (let i = 0; i + 1 < stems.length; i++) {
          const name = bigramKey(stems[i]!, stems[i + 1]!);
          let id = bigramIds.get(name);
          if (id === undefined) {
            id = bigramTopicSets.length;
            bigramIds.set(name, id);
            bigramTopicSets.push(new Set());
          }
          bigramTopicSets[id]!.add(ti);
          bigrams.add(id);
        }
        qTopic.push(ti);
        qText.push(text);
        qForm.push(form);
        qStems.push([...new Set(stems)]);
        qBigrams.push([...bigrams]);
      }
    }
  });
  const nQ = qTopic.length;
  const nKeys = keyNames.length;
  const keyStem = Int32Array.from(keyStemList);
  const keyLang = Uint8Array.from(keyLangList);

  // --- Weights -----------------------------------------------------------------
  const { lightStems, questionStems, classOfStem, moodOfStem } = wordClasses();
  const stemClass = new Uint8Array(stemNames.length);
  const stemIdf = new Float64Array(stemNames.length);
  const stemIsContent = new Uint8Array(stemNames.length);
  for (let i = 0; i < stemNames.length; i++) {
    stemClass[i] = classOfStem.get(stemNames[i]!) ?? 0;
    let w = bm25Idf(stemTopicSets[i]!.size, nTopics);
    const name = stemNames[i]!;
    // Among small talk alone, "привет", "рахмет" and "thanks" are what is said: they keep their weight there.
    if (STOP_STEMS.has(name) && (opt.capCourtesy || !COURTESY_STEMS.has(name))) w = Math.min(w, STOP_WEIGHT);
    else if (lightStems.has(name)) w = Math.min(w, LIGHT_WEIGHT);
    else if (questionStems.has(name)) w = Math.min(w, QUESTION_WEIGHT);
    // A filler ("actually", "просто") that a sample question happens to hold pads it out there too.
    else if (FILLER_STEMS.has(name)) w = Math.min(w, LIGHT_WEIGHT);
    else stemIsContent[i] = 1;
    stemIdf[i] = w;
  }
  const bigramIdf = new Float64Array(bigramTopicSets.length);
  for (const [name, i] of bigramIds) {
    const a = Math.floor(name / BIGRAM_SHIFT);
    const b = name % BIGRAM_SHIFT;
    const w = opt.bigramWeight * bm25Idf(bigramTopicSets[i]!.size, nTopics);
    // A pair says little more than its weaker word: "do i", "the protest", "бұл қандай" stay light.
    bigramIdf[i] = Math.min(w, 2 * Math.min(stemIdf[a]!, stemIdf[b]!), MAX_BIGRAM);
  }
  const maxIdf = bm25Idf(1, nTopics);
  const unknownIdf = maxIdf * opt.unknownWeight;
  const nameIdf = maxIdf * opt.nameWeight;

  const qWeight = new Float64Array(nQ);
  const qClass = new Uint8Array(nQ);
  const qMood = new Uint8Array(nQ);
  for (let q = 0; q < nQ; q++) {
    let mask = 0;
    for (const st of qStems[q]!) {
      if (stemClass[st]! > 0) mask |= 1 << stemClass[st]!;
      qMood[q]! |= moodOfStem.get(stemNames[st]!) ?? 0;
    }
    qClass[q] = mask;
  }
  const stemTopics = stemTopicSets.map((set) => Int32Array.from(set));
  const stemPostLists: number[][] = stemNames.map(() => []);
  const bigramPostLists: number[][] = bigramTopicSets.map(() => []);
  for (let q = 0; q < nQ; q++) {
    let w = 0;
    for (const s of qStems[q]!) {
      w += stemIdf[s]!;
      stemPostLists[s]!.push(q);
    }
    for (const b of qBigrams[q]!) {
      w += bigramIdf[b]!;
      bigramPostLists[b]!.push(q);
    }
    qWeight[q] = w;
  }
  const stemPost = stemPostLists.map((l) => Int32Array.from(l));
  const keyPost = Array.from({ length: nKeys }, (_, i) => Int32Array.from(keyPostLists[i] ?? []));
  const bigramPost = bigramPostLists.map((l) => Int32Array.from(l));

  const fuzzy = buildFuzzyIndex(keyNames);

  return {
    topicIds,
    nTopics,
    nQ,
    nKeys,
    keyIds,
    keyNames,
    keyStem,
    keyLang,
    keyPost,
    stemIds,
    stemNames,
    stemIdf,
    stemIsContent,
    stemClass,
    stemTopics,
    stemPost,
    bigramIds,
    bigramIdf,
    bigramPost,
    qTopic: Int32Array.from(qTopic),
    qText,
    qForm,
    qWeight,
    qClass,
    qMood,
    moodOfStem,
    lightStems,
    questionStems,
    unknownIdf,
    nameIdf,
    deletes: fuzzy.deletes,
    triIndex: fuzzy.triIndex,
    keyTriCount: fuzzy.keyTriCount,
  };
}
