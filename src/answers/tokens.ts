/**
 * Tokens in the matcher's space. Every sample question, in every language
 * and script, is brought to one space: Kazakh Latin and Arabic and Russian
 * translit → Cyrillic, then the matcher's fold (normalise.ts). A question's
 * token is not known to be in one script's language, so it has several
 * readings: a Latin word is read as English, as Kazakh Latin and as Russian
 * translit; a Cyrillic word also in Latin, for names the content writes in
 * Latin.
 */
import type { QuestionKey } from "../shared/lang.js";
import { SLANG } from "./analyse.js";
import { foldForMatch, HAS_APOSTROPHE } from "./normalise.js";
import { kkArabToCyrl, kkCyrlToLatn, kkLatnToCyrl, ruLatnToCyrl } from "./transliterate.js";

const RAW_TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ`´](?=\p{L})/gu;
const STRAY_MARKS = /[\p{Me}\u0307\uFE00-\uFE0F]/gu;
const HAS_STRAY_MARK = /[\p{Me}\u0307\uFE00-\uFE0F]/u;

type Alphabet = "latn" | "cyrl" | "arab" | "other";

function alphabetOf(t: string): Alphabet {
  const c = t.charCodeAt(0);
  if (c >= 0x400 && c <= 0x52f) return "cyrl";
  if (c >= 0x600 && c <= 0x6ff) return "arab";
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff)) return "latn";
  return "other";
}

/** Tokens as typed, capitals kept: a capital inside a sentence tells a name. */
export function rawTokens(s: string): string[] {
  const out: string[] = [];
  const marks = HAS_STRAY_MARK.test(s);
  for (const m of (HAS_APOSTROPHE.test(s) ? s.replace(INNER_APOSTROPHE, "") : s).matchAll(RAW_TOKEN)) out.push(marks ? m[0].replace(STRAY_MARKS, "") : m[0]);
  return out;
}

function lower(t: string): string {
  return t.toLowerCase().replace(STRAY_MARKS, "");
}

/** A sample question's token in the index's space, given the form it is written in. */
export function indexKey(token: string, form: QuestionKey): string {
  const t = lower(token);
  const a = alphabetOf(t);
  if (a === "latn") {
    if (form === "kk_latn") return foldForMatch(kkLatnToCyrl(t));
    if (form === "ru_latn") return foldForMatch(ruLatnToCyrl(t));
  } else if (a === "arab") {
    return foldForMatch(kkArabToCyrl(t));
  }
  return foldForMatch(t);
}

/** The readings of a question's token: itself, and what it is in the other scripts. */
export interface Readings {
  /** As typed (folded): English, or Cyrillic, or Arabic read as Cyrillic. */
  own: string;
  /** Kazakh Latin → Cyrillic (Latin tokens). */
  kk?: string;
  /** Russian translit → Cyrillic (Latin tokens). */
  ru?: string;
  /** Cyrillic → Latin (Cyrillic tokens: names the content writes in Latin). */
  latn?: string;
}

export function readings(token: string): Readings {
  let t = lower(token);
  t = SLANG.get(t) ?? t;
  const a = alphabetOf(t);
  if (a === "latn") {
    const own = foldForMatch(t);
    return { own, kk: foldForMatch(kkLatnToCyrl(t)), ru: foldForMatch(ruLatnToCyrl(t)) };
  }
  if (a === "arab") return { own: foldForMatch(kkArabToCyrl(t)) };
  if (a === "cyrl") return { own: foldForMatch(t), latn: foldForMatch(kkCyrlToLatn(t)) };
  return { own: t };
}
