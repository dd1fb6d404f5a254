/**
 * Fuzzy lookup: a word of the question that no sample question has as it is
 * may still be one of theirs, mistyped or in another form. Two structures
 * over the vocabulary serve it: a deletion index (SymSpell style) for typos
 * one edit away, and a trigram index for inflection and transliteration
 * variants (Dice similarity and shared prefixes: Kazakh endings pile up).
 * A token's candidates are the stems it is or is near, each with a
 * similarity; its readings in the other scripts (tokens.ts) are looked up
 * too, the detected language's reading first.
 */
import { FILLER_STEMS, STOP_STEMS, stem } from "./analyse.js";
import type { Detection } from "./language.js";
import type { Readings } from "./tokens.js";

/** The most candidates a token keeps for scoring (score.ts); lookup gathers up to four times as many. */
export const MAX_CANDIDATES = 8;
const MIN_SIMILARITY = 0.5;
const DICE_CREDIT = 0.9;
/** Credit for a word with one letter doubled ("heyy"): more than a typo, a little less than the word. */
const DOUBLED_CREDIT = 0.95;
const PREFIX_MIN = 5;
/** Similarity factor for a token's reading in a script other than the question's. */
const SECONDARY = 0.9;

const OSA_MAX_LEN = 64;
/** Rows shared by every matcher: a distance is computed start to end, nothing runs in between. */
const osaRows = [new Int32Array(OSA_MAX_LEN + 1), new Int32Array(OSA_MAX_LEN + 1), new Int32Array(OSA_MAX_LEN + 1)] as const;

/** Optimal string alignment distance, bounded: max+1 as soon as it is exceeded (or for words over 64 letters). */
export function osaDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max || la > OSA_MAX_LEN || lb > OSA_MAX_LEN) return max + 1;
  let [prev2, prev, cur] = osaRows;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        v = Math.min(v, prev2[j - 2]! + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

export interface FuzzyIndex {
  /** Key ids under every key of three letters or more, and under each one-letter deletion of keys of four or more. */
  deletes: ReadonlyMap<string, Int32Array>;
  /** Key ids under each trigram of the key padded with a space either side. */
  triIndex: ReadonlyMap<string, Int32Array>;
  /** Distinct trigrams per key: the Dice denominator. */
  keyTriCount: Int32Array;
}

export function buildFuzzyIndex(keyNames: readonly string[]): FuzzyIndex {
  const deleteLists = new Map<string, number[]>();
  const addDelete = (k: string, id: number): void => {
    const l = deleteLists.get(k);
    if (l === undefined) deleteLists.set(k, [id]);
    else if (l[l.length - 1] !== id) l.push(id);
  };
  const triLists = new Map<string, number[]>();
  const keyTriCount = new Int32Array(keyNames.length);
  keyNames.forEach((k, id) => {
    if (k.length >= 3) {
      addDelete(k, id);
      if (k.length >= 4) for (let i = 0; i < k.length; i++) addDelete(k.slice(0, i) + k.slice(i + 1), id);
    }
    const p = ` ${k} `;
    const seen = new Set<string>();
    for (let i = 0; i + 3 <= p.length; i++) seen.add(p.slice(i, i + 3));
    keyTriCount[id] = seen.size;
    for (const g of seen) {
      const l = triLists.get(g);
      if (l === undefined) triLists.set(g, [id]);
      else l.push(id);
    }
  });
  const deletes = new Map<string, Int32Array>();
  for (const [k, l] of deleteLists) deletes.set(k, Int32Array.from(l));
  const triIndex = new Map<string, Int32Array>();
  for (const [g, l] of triLists) triIndex.set(g, Int32Array.from(l));
  return { deletes, triIndex, keyTriCount };
}

/** What lookup reads of the index (build-index.ts) besides the fuzzy structures. */
export interface Vocabulary {
  keyIds: ReadonlyMap<string, number>;
  keyNames: readonly string[];
  keyStem: Int32Array;
  stemIds: ReadonlyMap<string, number>;
  lightStems: ReadonlySet<string>;
  questionStems: ReadonlySet<string>;
}

/** One matcher's candidate list and lookup scratch, reused from token to token. */
export interface Candidates {
  /** The candidate stems and their similarities; lookup returns how many there are. */
  candStem: Int32Array;
  candSim: Float64Array;
  /** Set by lookup: the reading was found as a key or a stem. */
  exactFound: boolean;
  /** Keys found as they are, for the token being looked up, with their factors. */
  exactKeys: Int32Array;
  exactKeyFactor: Float64Array;
  nExactKeys: number;
  /** Trigrams shared with each key, zeroed again after each lookup. */
  sharedTri: Int32Array;
  sharedTouched: Int32Array;
  triSeen: Set<string>;
}

export function createCandidates(nKeys: number): Candidates {
  return {
    candStem: new Int32Array(MAX_CANDIDATES * 4),
    candSim: new Float64Array(MAX_CANDIDATES * 4),
    exactFound: false,
    exactKeys: new Int32Array(4),
    exactKeyFactor: new Float64Array(4),
    nExactKeys: 0,
    sharedTri: new Int32Array(nKeys),
    sharedTouched: new Int32Array(nKeys),
    triSeen: new Set<string>(),
  };
}

/** Adds a candidate stem with a similarity, keeping the best similarity per stem. */
function addCand(c: Candidates, n: number, s: number, sim: number): number {
  const { candStem, candSim } = c;
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

/**
 * Candidates for one reading of a token: exact key, exact stem, typo,
 * trigram/prefix neighbours; similarities times `factor` (a secondary
 * reading counts for a little less).
 */
function lookup(ix: Vocabulary & FuzzyIndex, c: Candidates, typoCredit: number, k: string, n: number, factor: number): number {
  const { keyIds, keyNames, keyStem, stemIds, lightStems, questionStems, deletes, triIndex, keyTriCount } = ix;
  const { exactKeys, exactKeyFactor, sharedTri, sharedTouched, triSeen } = c;
  const kid = keyIds.get(k);
  if (kid !== undefined) {
    n = addCand(c, n, keyStem[kid]!, factor);
    if (c.nExactKeys < exactKeys.length) {
      exactKeys[c.nExactKeys] = kid;
      exactKeyFactor[c.nExactKeys++] = factor;
    }
  }
  const st = stem(k);
  const sid = stemIds.get(st);
  if (sid !== undefined) n = addCand(c, n, sid, factor);
  c.exactFound = kid !== undefined || sid !== undefined;
  if (k.length < 3) return n;
  // A letter typed twice where the word has it once ("heyy", "thankss", "рахметт") is the word itself, nearly.
  if (!c.exactFound) {
    for (let i = 1; i < k.length; i++) {
      if (k[i] !== k[i - 1]) continue;
      const once = keyIds.get(k.slice(0, i) + k.slice(i + 1));
      if (once !== undefined) n = addCand(c, n, keyStem[once]!, DOUBLED_CREDIT * factor);
    }
  }
  // A function word is not a typo of a content word ("этих" is not "етіп"), even when its stem is known ("сұрақ" is not "дурак").
  const functionWord = STOP_STEMS.has(st) || FILLER_STEMS.has(st) || lightStems.has(st) || questionStems.has(st);
  if (!c.exactFound && functionWord) return n;
  // Typos: one edit away.
  if (kid === undefined && !functionWord) {
    const consider = (ids: Int32Array | undefined): void => {
      if (ids === undefined) return;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        const name = keyNames[id]!;
        if (k.length === 3 && name.length !== 4) continue;
        if (osaDistance(k, name, 1) <= 1) n = addCand(c, n, keyStem[id]!, typoCredit * factor);
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
      // A function word's neighbours are its own inflections, never a word that only rhymes with it.
      if (functionWord && pre < PREFIX_MIN) continue;
      if (pre >= PREFIX_MIN) sim = Math.max(sim, (DICE_CREDIT * pre) / Math.min(k.length, name.length));
      if (sim >= MIN_SIMILARITY) n = addCand(c, n, keyStem[id]!, Math.min(sim, DICE_CREDIT) * factor);
    }
  }
  return n;
}

/**
 * A token's candidates from its readings. The reading of the language the
 * question seems to be in first; the others only when it is not a known
 * word, for a little less.
 */
export function lookupToken(ix: Vocabulary & FuzzyIndex, c: Candidates, typoCredit: number, r: Readings, pre: Detection): number {
  let n: number;
  c.nExactKeys = 0;
  if (r.kk === undefined || r.ru === undefined) {
    n = lookup(ix, c, typoCredit, r.own, 0, 1);
    if (r.latn !== undefined && n === 0) n = lookup(ix, c, typoCredit, r.latn, n, SECONDARY);
  } else if (!pre.decided) {
    n = lookup(ix, c, typoCredit, r.own, 0, 1);
    n = lookup(ix, c, typoCredit, r.kk, n, 1);
    if (r.ru !== r.kk) n = lookup(ix, c, typoCredit, r.ru, n, 1);
  } else {
    const first = pre.lang === "en" ? r.own : pre.lang === "kk" ? r.kk : r.ru;
    n = lookup(ix, c, typoCredit, first, 0, 1);
    if (!c.exactFound) {
      if (first !== r.own) n = lookup(ix, c, typoCredit, r.own, n, SECONDARY);
      if (first !== r.kk) n = lookup(ix, c, typoCredit, r.kk, n, SECONDARY);
      if (first !== r.ru && r.ru !== r.kk) n = lookup(ix, c, typoCredit, r.ru, n, SECONDARY);
    }
  }
  return n;
}
