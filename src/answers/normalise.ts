/**
 * Text normalisation for the answering engine (docs/answers.md). Pure functions, no I/O; every regular expression is
 * compiled once, at module load.
 */

/**
 * Invisible format characters (zero-width spaces and joiners U+200B–U+200F,
 * word joiner U+2060, BOM U+FEFF, bidi embeddings and isolates U+202A–U+202E,
 * U+2066–U+2069, Arabic letter mark U+061C, soft hyphen, …: the whole
 * Unicode "Cf" category), lone surrogates, variation selectors and the
 * combining grapheme joiner.
 */
const INVISIBLE = /[\p{Cf}\p{Cs}\uFE00-\uFE0F\u034F]/gu;
/** Control characters (C0, DEL, C1): they become a space. */
const CONTROL = /\p{Cc}/gu;
const SPACES = /\s+/gu;
/** A letter typed three times or more in a row ("рахмеееет", "helloooo"): no word of the content has one. */
const STRETCHED = /(\p{L})\1{2,}/gu;

/**
 * NFKC, without zero-width, bidi and other invisible format characters,
 * control characters turned into spaces, runs of white space collapsed into
 * one space, a letter stretched for emphasis written once, trimmed.
 */
export function cleanText(s: string): string {
  return s.replace(INVISIBLE, "").normalize("NFKC").replace(INVISIBLE, "").replace(CONTROL, " ").replace(SPACES, " ").replace(STRETCHED, "$1").trim();
}

// ---------------------------------------------------------------------------
// Look-alike letters

/** Latin letters that look like Cyrillic ones, as they are typed inside a Cyrillic word. */
const LATIN_TO_CYRL: Readonly<Record<string, string>> = {
  a: "а", c: "с", e: "е", o: "о", p: "р", x: "х", y: "у", i: "і", k: "к", h: "һ",
  A: "А", B: "В", C: "С", E: "Е", H: "Н", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х", Y: "У", I: "І",
};
/** Cyrillic letters that look like Latin ones, as they are typed inside a Latin word. */
const CYRL_TO_LATIN: Readonly<Record<string, string>> = {
  а: "a", с: "c", е: "e", о: "o", р: "p", х: "x", у: "y", і: "i", к: "k", һ: "h",
  А: "A", В: "B", С: "C", Е: "E", Н: "H", К: "K", М: "M", О: "O", Р: "P", Т: "T", Х: "X", У: "Y", І: "I",
};
/** Letters folded whatever the word: Latin schwa is the Kazakh ә; Uzbek/Belarusian ў is у. */
const ALWAYS: Readonly<Record<string, string>> = { ə: "ә", Ə: "Ә", ў: "у", Ў: "У" };
const ALWAYS_RE = /[əƏўЎ]/gu;
const HAS_ALWAYS = /[əƏўЎ]/u;
const WORD_RE = /[\p{L}\p{M}]+/gu;
const HAS_CYRL = /\p{Script=Cyrillic}/u;
const HAS_LATN = /\p{Script=Latin}/u;

function isCyrl(c: string): boolean {
  const n = c.charCodeAt(0);
  return (n >= 0x400 && n <= 0x52f) || (n >= 0x1c80 && n <= 0x1c8f) || (n >= 0x2de0 && n <= 0x2dff) || (n >= 0xa640 && n <= 0xa69f);
}
function isLatn(c: string): boolean {
  const n = c.charCodeAt(0);
  return (n >= 0x41 && n <= 0x5a) || (n >= 0x61 && n <= 0x7a) || (n >= 0xc0 && n <= 0x24f && n !== 0xd7 && n !== 0xf7) || (n >= 0x1e00 && n <= 0x1eff);
}

function foldWord(w: string): string {
  if (!HAS_CYRL.test(w) || !HAS_LATN.test(w)) return w;
  let cyrl = 0;
  let latn = 0;
  for (const c of w) {
    if (isCyrl(c)) cyrl++;
    else if (isLatn(c)) latn++;
  }
  const map = cyrl >= latn ? LATIN_TO_CYRL : CYRL_TO_LATIN;
  let out = "";
  for (const c of w) out += map[c] ?? c;
  return out;
}

/**
 * Look-alike folding, the first step: inside a word that mixes
 * Cyrillic and Latin letters, the minority script's look-alikes become the
 * majority's (`сoт` with a Latin o → `сот`; `Аtajurt` with a Cyrillic А →
 * `Atajurt`); Latin `ə` → `ә` and `ў` → `у` everywhere.
 */
export function foldLookalikes(s: string): string {
  const t = HAS_ALWAYS.test(s) ? s.replace(ALWAYS_RE, (c) => ALWAYS[c] ?? c) : s;
  // A word mixes the two scripts only if the text has both: most texts have one, and skip the words.
  return HAS_CYRL.test(t) && HAS_LATN.test(t) ? t.replace(WORD_RE, foldWord) : t;
}

// ---------------------------------------------------------------------------
// Tokens

/** Apostrophes inside a word (what's, sud'ya) are dropped: the word stays one token. */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ`´](?=\p{L})/gu;
/** Any of those apostrophes: without one, the look-behind need not run. */
export const HAS_APOSTROPHE = /['’ʼ`´]/u;
const TOKEN_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** Marks that are not part of a letter: enclosing marks (keycaps), the dot that lowercasing İ leaves. */
const STRAY_MARKS = /[\p{Me}\u0307\uFE00-\uFE0F]/gu;
const HAS_STRAY_MARK = /[\p{Me}\u0307\uFE00-\uFE0F]/u;

/** Lowercase words (letters, digits) without punctuation, symbols or emoji. */
export function tokens(s: string): string[] {
  const lower = (HAS_APOSTROPHE.test(s) ? s.replace(INNER_APOSTROPHE, "") : s).toLowerCase();
  const out: string[] = [];
  for (const m of lower.matchAll(TOKEN_RE)) {
    const t = HAS_STRAY_MARK.test(m[0]) ? m[0].replace(STRAY_MARKS, "") : m[0];
    if (t.length > 0) out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Kazakh fold

const KAZAKH_FOLD: Readonly<Record<string, string>> = {
  ә: "а", ө: "о", ү: "у", ұ: "у", і: "ы", й: "и", ғ: "г", қ: "к", ң: "н", һ: "х", ё: "е",
  Ә: "А", Ө: "О", Ү: "У", Ұ: "У", І: "Ы", Й: "И", Ғ: "Г", Қ: "К", Ң: "Н", Һ: "Х", Ё: "Е",
};
const KAZAKH_FOLD_RE = /[әөүұійғқңһёӘӨҮҰІЙҒҚҢҺЁ]/gu;

/**
 * The Kazakh fold: ә→а ө→о ү→у ұ→у і→ы и/й→и ғ→г қ→к ң→н
 * һ→х ё→е, so that text typed without the Kazakh letters (or read back from
 * Arabic or Latin script) meets the written form.
 */
export function foldKazakh(s: string): string {
  return s.replace(KAZAKH_FOLD_RE, (c) => KAZAKH_FOLD[c] ?? c);
}

/**
 * The matcher's own, stronger fold of one lowercase token: the Kazakh fold,
 * and also ы/і/и all → и (a Russian keyboard types кім as ким, the Latin
 * alphabets write і as i or ı and ы as y or ı, Arabic script writes both і
 * and ы as ى), э→е, no soft or hard sign; Latin letters lose their
 * diacritics. Unlike the Kazakh fold, й stays й: every way of typing keeps
 * it apart from и (қайда, kayda, qaida, قايدا), and endings in й are not
 * endings in и. Used on both sides of a comparison, never shown.
 */
const MATCH_FOLD: Readonly<Record<string, string>> = {
  ә: "а", ө: "о", ү: "у", ұ: "у", і: "и", ы: "и", ғ: "г", қ: "к", ң: "н", һ: "х", ё: "е", э: "е", ь: "", ъ: "",
};
const MATCH_FOLD_RE = /[әөүұіығқңһёэьъ]/gu;
const NON_ASCII_LATIN = /[\u00c0-\u024f\u1e00-\u1eff]/u;
const COMBINING = /\p{M}/gu;
const DOTLESS_I = /ı/gu;

export function foldForMatch(token: string): string {
  let t = token.replace(MATCH_FOLD_RE, (c) => MATCH_FOLD[c] ?? c);
  if (NON_ASCII_LATIN.test(t)) t = t.normalize("NFD").replace(COMBINING, "").replace(DOTLESS_I, "i").normalize("NFC");
  return t;
}
