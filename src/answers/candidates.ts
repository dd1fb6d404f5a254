/**
 * One token's readings and candidate stems (fuzzy.ts), best first, as score.ts credits them.
 * The reader (reader.ts) scores one message several times: the whole, each piece, a piece with a
 * lent subject, the cross-language reading. Their tokens are mostly the same, and a token's
 * candidates depend only on the token and on the language guessed before lookup, so within one
 * message they are looked up once (a memo the reader opens per message, `Matcher.reading`), and
 * their readings in the other scripts are made once for all of them.
 * Outside a reading nothing is kept: one question costs what it did.
 */
import type { MatcherIndex } from "./build-index.js";
import { lookupToken, MAX_CANDIDATES, type Candidates } from "./fuzzy.js";
import type { Detection } from "./language.js";
import { readings, type Readings } from "./tokens.js";

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

/** What one message's tokens are, shared by the reader's matchers and its subject reading (subject.ts). */
export interface TokenMemo {
  readings: Map<string, Readings>;
}

export const createTokenMemo = (): TokenMemo => ({ readings: new Map() });

export function readingsOf(tok: string, memo: TokenMemo | undefined): Readings {
  let r = memo?.readings.get(tok);
  if (r === undefined) {
    r = readings(tok);
    memo?.readings.set(tok, r);
  }
  return r;
}

/** One matcher's memo while it reads a message: token and pre-lookup language → candidates. */
export interface CandidateMemo {
  tokens: TokenMemo;
  cands: Map<string, TokenCandidates>;
}

export function tokenCandidates(ix: MatcherIndex, cands: Candidates, typoCredit: number, tok: string, pre: Detection, memo: CandidateMemo | undefined): TokenCandidates {
  // The guessed language only orders a Latin token's readings (lookupToken): it is part of the key.
  const key = memo === undefined ? "" : `${pre.decided ? pre.lang : "?"}\u0000${tok}`;
  const hit = memo?.cands.get(key);
  if (hit !== undefined) return hit;
  const r = readingsOf(tok, memo?.tokens);
  const n = lookupToken(ix, cands, typoCredit, r, pre);
  const { candStem, candSim } = cands;
  const { stemIdf } = ix;
  const order: number[] = [];
  for (let i = 0; i < n; i++) order.push(i);
  order.sort((a, b) => stemIdf[candStem[b]!]! * candSim[b]! - stemIdf[candStem[a]!]! * candSim[a]!);
  if (order.length > MAX_CANDIDATES) order.length = MAX_CANDIDATES;
  const out: TokenCandidates = {
    r,
    stems: order.map((i) => candStem[i]!),
    sims: order.map((i) => candSim[i]!),
    // Kept, they are copied; otherwise the lookup's scratch serves until the next token.
    exactKeys: memo ? cands.exactKeys.slice(0, cands.nExactKeys) : cands.exactKeys,
    exactFactors: memo ? cands.exactKeyFactor.slice(0, cands.nExactKeys) : cands.exactKeyFactor,
    nExact: cands.nExactKeys,
  };
  memo?.cands.set(key, out);
  return out;
}
