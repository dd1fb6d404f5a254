/**
 * One token's readings and candidate stems (fuzzy.ts), best first, as score.ts credits them.
 * The reader (reader.ts) scores one message several times: the whole, each piece, a piece with a
 * lent subject, the cross-language reading. Their tokens are mostly the same, and a token's
 * candidates depend only on the token and on the language guessed before lookup, so within one
 * message they are looked up once (a memo the reader opens per message, `Matcher.reading`), and
 * their readings in the other scripts are made once for all of them.
 * Across messages a matcher keeps only the tokens that are words of its own vocabulary (found as
 * a key, in one of their readings: the content's words, never a name or a typo of the person's),
 * at most KEPT_WORDS of them: their candidates too depend on nothing else, and most of a
 * question's words are such words, so a long message no longer looks each one up again.
 */
import type { MatcherIndex } from "./build-index.js";
import { lookupToken, MAX_CANDIDATES, type Candidates } from "./fuzzy.js";
import { type Detection, type Evidence, languageEvidence } from "./language.js";
import { cleanText, foldLookalikes } from "./normalise.js";
import { rawTokens, readings, type Readings } from "./tokens.js";

export interface TokenCandidates {
  r: Readings;
  /** Candidate stems and similarities, by credit (IDF × similarity), best first. */
  stems: number[];
  sims: number[];
  /** Keys the token is exactly (in one of its readings), with the factor of their credit: the first nExact. */
  exactKeys: Int32Array;
  exactFactors: Float64Array;
  nExact: number;
}

/** A text brought to the matcher's space: its raw tokens and what its letters and words say of its language. */
export interface PreparedText {
  raw: string[];
  /** Read only: score.ts adds the content's votes to a copy of its scores. */
  ev: Evidence;
}

/** What one message's tokens are, shared by the reader's matchers and its subject reading (subject.ts). */
export interface TokenMemo {
  readings: Map<string, Readings>;
  /** Each text the message is read as (the whole, a piece), cleaned and cut into tokens once for both matchers and the subject. */
  texts: Map<string, PreparedText>;
}

export const createTokenMemo = (): TokenMemo => ({ readings: new Map(), texts: new Map() });

/** A text's tokens and language evidence, made once per message when there is a memo. */
export function preparedText(text: string, memo: TokenMemo | undefined): PreparedText {
  const hit = memo?.texts.get(text);
  if (hit !== undefined) return hit;
  const cleaned = foldLookalikes(cleanText(text));
  const out = { raw: rawTokens(cleaned), ev: languageEvidence(cleaned) };
  memo?.texts.set(text, out);
  return out;
}

export function readingsOf(tok: string, memo: TokenMemo | undefined): Readings {
  let r = memo?.readings.get(tok);
  if (r === undefined) {
    r = readings(tok);
    memo?.readings.set(tok, r);
  }
  return r;
}

/** The most tokens a matcher keeps across messages; past that all are forgotten at once (and looked up again). */
export const KEPT_WORDS = 5000;

/** One matcher's memo while it reads a message: token and pre-lookup language → candidates. */
export interface CandidateMemo {
  tokens: TokenMemo;
  cands: Map<string, TokenCandidates>;
}

export function tokenCandidates(
  ix: MatcherIndex,
  cands: Candidates,
  typoCredit: number,
  tok: string,
  pre: Detection,
  memo: CandidateMemo | undefined,
  kept: Map<string, TokenCandidates>,
): TokenCandidates {
  // The guessed language only orders a Latin token's readings (lookupToken): it is part of the key.
  const key = `${pre.decided ? pre.lang : "?"}\u0000${tok}`;
  const hit = memo?.cands.get(key) ?? kept.get(key);
  if (hit !== undefined) {
    // The subject reading (subject.ts) then finds the token's readings made.
    if (memo !== undefined && !memo.tokens.readings.has(tok)) memo.tokens.readings.set(tok, hit.r);
    return hit;
  }
  const r = readingsOf(tok, memo?.tokens);
  const n = lookupToken(ix, cands, typoCredit, r, pre);
  const { candStem, candSim } = cands;
  const { stemIdf } = ix;
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  order.sort((a, b) => stemIdf[candStem[b]!]! * candSim[b]! - stemIdf[candStem[a]!]! * candSim[a]!);
  if (order.length > MAX_CANDIDATES) order.length = MAX_CANDIDATES;
  // A word of the vocabulary (found as a key) is kept across messages; any token within a message.
  const word = cands.nExactKeys > 0;
  const keep = word || memo !== undefined;
  const out: TokenCandidates = {
    r,
    stems: order.map((i) => candStem[i]!),
    sims: order.map((i) => candSim[i]!),
    // Kept, they are copied; otherwise the lookup's scratch serves until the next token.
    exactKeys: keep ? cands.exactKeys.slice(0, cands.nExactKeys) : cands.exactKeys,
    exactFactors: keep ? cands.exactKeyFactor.slice(0, cands.nExactKeys) : cands.exactKeyFactor,
    nExact: cands.nExactKeys,
  };
  if (word) {
    if (kept.size >= KEPT_WORDS) kept.clear();
    kept.set(key, out);
  } else memo?.cands.set(key, out);
  return out;
}
