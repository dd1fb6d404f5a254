/**
 * The cross-language lexicon (cross-terms.ts) at read time. A Kazakh sentence with Russian case
 * terms in it ("заседание қашан?") is still Kazakh: its language is decided without those words,
 * and the sentence is also read with each borrowed term put back in the sentence's own language
 * ("отырыс қашан?"), so the term counts for its topic whichever language's sample questions
 * hold it. The same the other way round for Kazakh terms inside Russian ("когда сот?").
 */
import type { Lang } from "../shared/lang.js";
import { CROSS_TERMS } from "./cross-terms.js";
import { detectLanguage } from "./language.js";

export interface CrossReading {
  /** The sentence's own language, decided without the borrowed terms. */
  lang: Lang;
  /** The text with each borrowed term in that language. */
  text: string;
}

const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const single = (forms: readonly string[]) => forms.filter((f) => !f.includes(" "));

export function createCrossLexicon() {
  // A form both languages write (судья) borrows nothing: it is left out of both maps.
  const ru = new Map<string, string>();
  const kk = new Map<string, string>();
  for (const t of CROSS_TERMS) {
    const kkBase = single(t.kkInRu)[0];
    const ruBase = single(t.ruInKk)[0];
    const both = new Set(t.ruInKk.filter((f) => t.kkInRu.includes(f)));
    if (kkBase !== undefined) for (const f of single(t.ruInKk)) if (!both.has(f) && !ru.has(f)) ru.set(f, kkBase);
    if (ruBase !== undefined) for (const f of single(t.kkInRu)) if (!both.has(f) && !kk.has(f)) kk.set(f, ruBase);
  }
  return {
    /** Undefined when the text borrows no term from the other language (the usual case, and the fast one). */
    read(text: string, fallback: Lang): CrossReading | undefined {
      const lower = text.toLowerCase();
      let found = false;
      for (const m of lower.matchAll(WORD)) if (ru.has(m[0]) || kk.has(m[0])) {
        found = true;
        break;
      }
      if (!found) return undefined;
      const rest = lower.replace(WORD, (w) => (ru.has(w) || kk.has(w) ? " " : w));
      const det = detectLanguage(rest, fallback);
      if (!det.decided || det.lang === "en") return undefined;
      const from = det.lang === "kk" ? ru : kk;
      let changed = false;
      const out = lower.replace(WORD, (w) => {
        const to = from.get(w);
        if (to === undefined) return w;
        changed = true;
        return to;
      });
      return changed ? { lang: det.lang, text: out } : undefined;
    },
  };
}
