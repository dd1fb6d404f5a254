/**
 * Fuzzy lookup: a word of the question that no sample question has as it is
 * may still be one of theirs, mistyped or in another form. Two structures
 * over the vocabulary serve it: a deletion index (SymSpell style) for typos
 * one edit away, and a trigram index for inflection and transliteration
 * variants (Dice similarity and shared prefixes: Kazakh endings pile up).
 */

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
