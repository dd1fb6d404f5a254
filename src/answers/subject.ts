/**
 * The subject of a question: its words less the ones that only ask (stop words, fillers, light
 * and question words, lexicon.ts). "When does the trial start?" → "trial start". A follow-up
 * that has none ("and where?", "а по какой статье?" keeps "статье") borrows the subject of the
 * question before it (reader.ts), in whatever language that was: the index holds every language.
 */
import { FILLER_STEMS, STOP_STEMS, stem } from "./analyse.js";
import { wordClasses } from "./lexicon.js";
import { preparedText, readingsOf, type TokenMemo } from "./candidates.js";
import { cleanText, foldLookalikes } from "./normalise.js";
import { rawTokens } from "./tokens.js";
import { kkArabToCyrl, kkLatnToCyrl, ruLatnToCyrl } from "./transliterate.js";

export interface SubjectOf {
  (text: string): string;
  /** The text has a word that asks (what, when, қашан, сколько…): it can be a question of its own. */
  asks(text: string): boolean;
  /** The text is a yes-or-no question: an English auxiliary first, Russian "ли", a Kazakh question particle. */
  yesNo(text: string): boolean;
  /** The text has a word that asks a kind of question (when, where, who, why, how many, how: lexicon.ts). */
  kindAsked(text: string): boolean;
  /** The text asks about the rest of what was just answered ("and the others?", "а остальные?", "қалғандары ше?"). */
  rest(text: string): boolean;
  /** The text points at one person or thing with a pronoun ("he", "его", "оны"): at someone just spoken of. */
  pointsAtOne(text: string): boolean;
  /** The text points at a thing, never a person ("it", "оно"). */
  pointsAtIt(text: string): boolean;
}

/** `memo`: the reader's per-message token memo, so a token is read in the other scripts once. */
/**
 * Words that point at the subject instead of naming it ("where is he now?", "а сейчас?", "қазір
 * қайда?", "skolko tam"): in the matcher's folded Cyrillic, or English. A follow-up made of them
 * asks about the subject before it, so they are no subject of their own.
 */
const POINTING = new Set(["now", "there", "then", "today", "still", "сейчас", "щас", "теперь", "тепер", "там", "тогда", "сегодня", "сих", "пор", "казир", "сонда", "бугин", "all", "everyone", "всем", "все", "всех", "бари", "барине", "барин", "барлыгына"]);
/**
 * Words for the rest of a group just spoken of ("and the others?", "а остальные?", "қалғандары
 * ше?", "басқалары ше?"), in the matcher's folded Cyrillic or English: such a follow-up asks the
 * last question again about them, so they are no subject of their own either.
 */
/**
 * Singular personal pronouns as written (not folded: Kazakh "оны" folds into Russian "они", "they"):
 * "was he prosecuted too?", "его тоже судили?", "оны да соттады ма?".
 */
const ONE = new Set(["he", "him", "his", "she", "her", "он", "его", "ему", "него", "нём", "нем", "она", "её", "ее", "ей", "неё", "нее", "ол", "оны", "оның", "оған", "одан"]);
/** Pronouns for a thing only, never a person: "what does it do?" after "who founded Atajurt?" is about Atajurt. */
const IT = new Set(["it", "its", "оно"]);
const AUXILIARY = /^(?:has|have|had|do|does|did|is|are|was|were|can|could|will|would|should)$/u;
const PARTICLE = /^(?:ли|li|ма|ме|ба|бе|па|пе|ma|me|ba|be|pa|pe|ما|مە|با|بە|پا|پە)$/u;
const isOne = (tok: string) => {
  const low = tok.toLowerCase();
  if (/[\u0600-\u06ff]/u.test(low)) return ONE.has(kkArabToCyrl(low).replace(/^ٴ/u, ""));
  return ONE.has(low) || (/^[a-zäöüūıñğşq]+$/u.test(low) && (ONE.has(kkLatnToCyrl(low)) || ONE.has(ruLatnToCyrl(low))));
};
const REST = /^(?:others?|rest|остальн|другие|других|калганда|баскала)/u;

export function createSubjectOf(memo?: TokenMemo): SubjectOf {
  const { lightStems, questionStems, classOfStem } = wordClasses();
  const asks = (s: string) => s.length < 2 || STOP_STEMS.has(s) || FILLER_STEMS.has(s) || lightStems.has(s) || questionStems.has(s) || classOfStem.has(s);
  const asking = (s: string) => lightStems.has(s) || questionStems.has(s) || classOfStem.has(s);
  const isRest = (r: { own: string; kk?: string | undefined; ru?: string | undefined }) => REST.test(r.own) || (r.kk !== undefined && REST.test(r.kk)) || (r.ru !== undefined && REST.test(r.ru));
  const subjectOf = (text: string) => {
    const out: string[] = [];
    for (const tok of preparedText(text, memo).raw) {
      const r = readingsOf(tok, memo);
      if (asks(stem(r.own)) || POINTING.has(r.own) || isRest(r) || (r.kk !== undefined && POINTING.has(r.kk)) || (r.ru !== undefined && POINTING.has(r.ru))) continue;
      // A Latin word is also read as Kazakh and Russian: "qashan" is a question word there.
      if ((r.kk !== undefined && asks(stem(r.kk))) || (r.ru !== undefined && asks(stem(r.ru)))) continue;
      out.push(tok);
    }
    return out.join(" ");
  };
  return Object.assign(subjectOf, {
    asks(text: string) {
      for (const tok of preparedText(text, memo).raw) {
        const r = readingsOf(tok, memo);
        if (asking(stem(r.own)) || (r.kk !== undefined && asking(stem(r.kk))) || (r.ru !== undefined && asking(stem(r.ru)))) return true;
      }
      return false;
    },
    yesNo(text: string) {
      const toks = rawTokens(cleanText(text)).map((t) => t.toLowerCase());
      // In Latin letters a particle ends the question ("qamauda ma?", "bar ma eken"): mid-sentence "me" is English ("told me about it").
      return AUXILIARY.test(toks[0] ?? "") || toks.some((t, i) => PARTICLE.test(t) && (!/^[a-z]+$/u.test(t) || i === toks.length - 1 || /^(?:eken|edi|ekenin)$/u.test(toks[i + 1]!)));
    },
    kindAsked(text: string) {
      for (const tok of rawTokens(foldLookalikes(cleanText(text)))) {
        const r = readingsOf(tok, memo);
        if (classOfStem.has(stem(r.own)) || (r.kk !== undefined && classOfStem.has(stem(r.kk))) || (r.ru !== undefined && classOfStem.has(stem(r.ru)))) return true;
      }
      return false;
    },
    pointsAtOne(text: string) {
      for (const tok of rawTokens(cleanText(text))) if (isOne(tok)) return true;
      return false;
    },
    pointsAtIt(text: string) {
      for (const tok of rawTokens(cleanText(text))) if (IT.has(tok.toLowerCase())) return true;
      return false;
    },
    rest(text: string) {
      for (const tok of rawTokens(foldLookalikes(cleanText(text)))) if (isRest(readingsOf(tok, memo))) return true;
      return false;
    },
  });
}
