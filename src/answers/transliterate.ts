/**
 * Transliteration between the scripts Kazakh and Russian are typed in
 * (the tables below; tests/answers/transliterate.test.ts has them side by side). Pure functions; tables and
 * regular expressions are built once, at module load.
 *
 * - `kkCyrlToLatn`, `kkCyrlToArab`: for display, on whole paragraphs
 *   (anything that is not a Cyrillic letter passes through).
 * - `kkLatnToCyrl`, `kkArabToCyrl`, `ruLatnToCyrl`: for reading what users
 *   type, tolerant of the alphabets in the wild.
 */

// ---------------------------------------------------------------------------
// Kazakh Cyrillic → Latin (2021 alphabet)

const CYRL_LATN: Readonly<Record<string, string>> = {
  а: "a", ә: "ä", б: "b", в: "v", г: "g", ғ: "ğ", д: "d", е: "e", ё: "io", ж: "j", з: "z", и: "i", й: "i",
  к: "k", қ: "q", л: "l", м: "m", н: "n", ң: "ñ", о: "o", ө: "ö", п: "p", р: "r", с: "s", т: "t", у: "u",
  ұ: "ū", ү: "ü", ф: "f", х: "h", һ: "h", ц: "ts", ч: "ch", ш: "ş", щ: "şş", ъ: "", ы: "y", ь: "", і: "ı",
  э: "e", ю: "iu", я: "ia",
};
/** Capitals that are not simply the capital of the lowercase mapping. */
const CYRL_LATN_UPPER: Readonly<Record<string, string>> = { и: "İ", й: "İ", і: "I" };

function isUpper(c: string | undefined): boolean {
  return c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
}
function isLetter(c: string | undefined): boolean {
  return c !== undefined && c.toLowerCase() !== c.toUpperCase();
}

/**
 * Kazakh Cyrillic → Latin, 2021 alphabet. Capitals are kept (И → İ, І → I;
 * a digraph is "Ts" before a lowercase letter and "TS" in a word in
 * capitals); everything that is not a Cyrillic letter is left as it is.
 */
export function kkCyrlToLatn(text: string): string {
  const chars = Array.from(text.normalize("NFC"));
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const lower = c.toLowerCase();
    const latn = CYRL_LATN[lower];
    if (latn === undefined) {
      out += c;
      continue;
    }
    if (c === lower) {
      out += latn;
      continue;
    }
    const special = CYRL_LATN_UPPER[lower];
    if (special !== undefined) {
      out += special;
    } else if (latn.length <= 1) {
      out += latn.toUpperCase();
    } else {
      // Digraph: all capitals when the word is in capitals.
      const next = chars[i + 1];
      const prev = chars[i - 1];
      const allCaps = isUpper(next) || (!isLetter(next) && isUpper(prev));
      out += allCaps ? latn.toUpperCase() : latn[0]!.toUpperCase() + latn.slice(1);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Kazakh Latin (2021, 2018 acute, 2017 apostrophe, informal) → Cyrillic

const LATN_VOWELS = new Set(["a", "ä", "á", "e", "o", "ö", "ó", "u", "ū", "ü", "ú", "ý", "y", "ı", "i", "í"]);
/** Vowels after which y is the glide й (u is left out: "auyl" is ауыл). */
const GLIDE_AFTER = new Set(["a", "ä", "á", "e", "o", "ö", "ó", "ı"]);
/** Vowels after which i is the glide й (ūiym ұйым, üi үй, informal ui). */
const GLIDE_I_AFTER = new Set([...GLIDE_AFTER, "u", "ū", "ü", "ú"]);

const LATN_CYRL_SINGLE: Readonly<Record<string, string>> = {
  a: "а", ä: "ә", á: "ә", b: "б", c: "с", ç: "ч", d: "д", e: "е", é: "е", f: "ф", g: "г", ğ: "ғ", ǵ: "ғ",
  h: "х", ı: "і", í: "и", j: "ж", k: "к", l: "л", m: "м", n: "н", ñ: "ң", ń: "ң", ŋ: "ң", o: "о", ö: "ө",
  ó: "ө", p: "п", q: "қ", r: "р", s: "с", ş: "ш", t: "т", u: "у", ū: "ұ", ü: "ү", ú: "ү", ý: "у", v: "в",
  w: "у", x: "х", z: "з", "'": "", "’": "", "ʼ": "",
};
/** 2017 apostrophe alphabet: a' ә, o' ө, u' ү, g' ғ, n' ң, s' ш, c' ч, y' ұ, i' і. */
const APOSTROPHE_2017: Readonly<Record<string, string>> = { a: "ә", o: "ө", u: "ү", g: "ғ", n: "ң", s: "ш", c: "ч", y: "ұ", i: "і" };
const APOSTROPHES = new Set(["'", "’", "ʼ"]);

const LATIN_WORD = /(?:[\p{Script=Latin}'’ʼ]|\u0301)+/gu;
const ACUTE_I = /[ıi]\u0301/gu;

interface Piece {
  cyrl: string;
  len: number;
}

function kkLatnPiece(l: string[], i: number): Piece {
  const c = l[i]!;
  const n = l[i + 1];
  const prev = l[i - 1];
  const n2 = l[i + 2];
  if (n !== undefined && APOSTROPHES.has(n)) {
    const ap = APOSTROPHE_2017[c];
    if (ap !== undefined && n2 !== undefined && !APOSTROPHES.has(n2)) return { cyrl: ap, len: 2 };
  }
  if (c === "s" && n === "h") {
    if (n2 === "c" && l[i + 3] === "h") return { cyrl: "щ", len: 4 };
    return { cyrl: "ш", len: 2 };
  }
  if (c === "c" && n === "h") return { cyrl: "ч", len: 2 };
  if (c === "z" && n === "h") return { cyrl: "ж", len: 2 };
  if (c === "k" && n === "h") return { cyrl: "х", len: 2 };
  if (c === "g" && n === "h") return { cyrl: "ғ", len: 2 };
  if (c === "n" && n === "g" && (n2 === undefined || !LATN_VOWELS.has(n2))) return { cyrl: "ң", len: 2 };
  const atStartOrAfterVowel = prev === undefined || LATN_VOWELS.has(prev);
  if (c === "i") {
    if (atStartOrAfterVowel && n === "a") return { cyrl: "я", len: 2 };
    if (atStartOrAfterVowel && n === "u") return { cyrl: "ю", len: 2 };
    if (prev !== undefined && GLIDE_I_AFTER.has(prev)) return { cyrl: "й", len: 1 };
    return { cyrl: "и", len: 1 };
  }
  if (c === "y") {
    if (atStartOrAfterVowel && prev !== "y") {
      if (n === "a") return { cyrl: "я", len: 2 };
      if (n === "u") return { cyrl: "ю", len: 2 };
      if (n === "o") return { cyrl: "ё", len: 2 };
    }
    if (prev !== undefined && GLIDE_AFTER.has(prev) && (n === undefined || !LATN_VOWELS.has(n))) return { cyrl: "й", len: 1 };
    return { cyrl: "ы", len: 1 };
  }
  return { cyrl: LATN_CYRL_SINGLE[c] ?? c, len: 1 };
}

function convertLatinWord(word: string, piece: (l: string[], i: number) => Piece): string {
  // Lowercase letter by letter, remembering capitals (İ and I are the
  // Kazakh i and ı).
  const src = Array.from(word);
  const l: string[] = [];
  const upper: boolean[] = [];
  for (const c of src) {
    if (c === "İ") {
      l.push("i");
      upper.push(true);
    } else if (c === "I") {
      l.push("ı");
      upper.push(true);
    } else {
      const lc = c.toLowerCase();
      l.push(lc);
      upper.push(lc !== c);
    }
  }
  const allCaps = l.length > 1 && upper.every((u, k) => u || !isLetter(src[k]));
  let out = "";
  for (let i = 0; i < l.length; ) {
    const p = piece(l, i);
    const up = upper[i] === true;
    if (!up || p.cyrl.length === 0) out += p.cyrl;
    else out += allCaps ? p.cyrl.toUpperCase() : p.cyrl[0]!.toUpperCase() + p.cyrl.slice(1);
    i += p.len;
  }
  return out;
}

/**
 * Kazakh Latin → Cyrillic. Reads the 2021 alphabet (ä ğ ı i ñ ö q ş ū ü y),
 * the 2018 acute alphabet (á ǵ í ń ó ú ý), the 2017 apostrophes (a' g' n'
 * s'…), informal digraphs (sh ch zh kh gh ng) and ŋ. i and y after a vowel
 * are the glide й (qaida → қайда, Turganbay → Турганбай); ia/iu at the start
 * or after a vowel are я/ю. Capitals are kept.
 */
export function kkLatnToCyrl(text: string): string {
  return text.normalize("NFC").replace(ACUTE_I, "í").replace(LATIN_WORD, (w) => convertLatinWord(w, kkLatnPiece));
}

// ---------------------------------------------------------------------------
// Russian informal Latin → Cyrillic

const RU_LATN_SINGLE: Readonly<Record<string, string>> = {
  a: "а", b: "б", c: "ц", d: "д", e: "е", f: "ф", g: "г", h: "х", i: "и", j: "й", k: "к", l: "л", m: "м",
  n: "н", o: "о", p: "п", q: "к", r: "р", s: "с", t: "т", u: "у", v: "в", w: "в", x: "х", y: "ы", z: "з",
  "'": "ь", "’": "ь", "ʼ": "ь", ä: "а", ö: "ё", ü: "ю", é: "е", ë: "ё",
};
const ACUTE = /\u0301/gu;
const RU_VOWELS = new Set(["a", "e", "i", "o", "u", "y", "ä", "ö", "ü", "é", "ë"]);

function ruLatnPiece(l: string[], i: number): Piece {
  const c = l[i]!;
  const n = l[i + 1];
  const n2 = l[i + 2];
  const n3 = l[i + 3];
  const prev = l[i - 1];
  if (c === "s" && n === "h" && n2 === "c" && n3 === "h") return { cyrl: "щ", len: 4 };
  if (c === "s" && n === "c" && n2 === "h") return { cyrl: "щ", len: 3 };
  if (n === "h") {
    if (c === "s") return { cyrl: "ш", len: 2 };
    if (c === "c") return { cyrl: "ч", len: 2 };
    if (c === "z") return { cyrl: "ж", len: 2 };
    if (c === "k") return { cyrl: "х", len: 2 };
  }
  if (c === "t" && n === "z") return { cyrl: "ц", len: 2 };
  if (c === "t" && n === "s" && !((n2 === "y" || n2 === "i") && n3 === "a")) return { cyrl: "ц", len: 2 };
  if (c === "c" && n === "k") return { cyrl: "к", len: 2 };
  if (c === "j") {
    // j: й after a vowel and not before one (moj, Sergej), else ж (Atajurt, jena).
    if (prev !== undefined && RU_VOWELS.has(prev) && (n === undefined || !RU_VOWELS.has(n))) return { cyrl: "й", len: 1 };
    return { cyrl: "ж", len: 1 };
  }
  if (c === "y" && n !== undefined) {
    if (n === "a") return { cyrl: "я", len: 2 };
    if (n === "u") return { cyrl: "ю", len: 2 };
    if (n === "o" && (prev === undefined || RU_VOWELS.has(prev) || prev === "'")) return { cyrl: "ё", len: 2 };
    if (n === "e" && (prev === undefined || RU_VOWELS.has(prev) || prev === "'")) return { cyrl: "е", len: 2 };
  }
  if (c === "y") {
    // y after a vowel and not before one is й (kakoy, noviy, seychas).
    if (prev !== undefined && RU_VOWELS.has(prev) && (n === undefined || !RU_VOWELS.has(n))) return { cyrl: "й", len: 1 };
    return { cyrl: "ы", len: 1 };
  }
  if (c === "e" && prev === undefined && (n === "t" || n === "k" || n === "h")) return { cyrl: "э", len: 1 };
  return { cyrl: RU_LATN_SINGLE[c] ?? c, len: 1 };
}

/**
 * Russian typed in informal Latin ("translit") → Cyrillic: kogda → когда,
 * chto → что, shch/sch щ, sh ш, ch ч, zh ж, kh х, ts ц, ya я, yu ю, yo ё,
 * y after a vowel й, j ж (or й after a vowel), ' ь, word-initial e before t/k э (eto → это).
 */
export function ruLatnToCyrl(text: string): string {
  // A word-final "i" after a vowel is й: "takoi", "dobryi", "moi" are такой, добрый, мой.
  return text.normalize("NFC").replace(LATIN_WORD, (w) => convertLatinWord(w.replace(ACUTE, ""), ruLatnPiece).replace(/([аеиоуыэюя])и$/u, "$1й"));
}

// ---------------------------------------------------------------------------
// Kazakh Cyrillic → Arabic script (tote jazu)

const CYRL_ARAB: Readonly<Record<string, string>> = {
  а: "ا", ә: "ا", б: "ب", в: "ۆ", г: "گ", ғ: "ع", д: "د", е: "ە", ё: "يو", ж: "ج", з: "ز", и: "ي", й: "ي",
  к: "ك", қ: "ق", л: "ل", м: "م", н: "ن", ң: "ڭ", о: "و", ө: "و", п: "پ", р: "ر", с: "س", т: "ت", у: "ۋ",
  ұ: "ۇ", ү: "ۇ", ф: "ف", х: "ح", һ: "ھ", ц: "تس", ч: "چ", ш: "ش", щ: "شش", ъ: "", ы: "ى", ь: "", і: "ى",
  э: "ە", ю: "يۋ", я: "يا",
};
/** The hamza written at the start of a front-vowel word (U+0621; U+0674 is also seen). */
export const HAMZA = "\u0621";
const HAMZA_LETTERS = /[әөүі]/u;
const FRONT_MARKERS = /[екгэ]/u;
const CYRL_WORD = /[\u0400-\u04ff]+/gu;
const GLIDE_AFTER_I = new Set(["й", "я", "ю", "ё"]);
const ARABIC_PUNCT: Readonly<Record<string, string>> = { ",": "،", "?": "؟", ";": "؛" };
/** A link or an e-mail address (left whole), or one comma, question mark or semicolon. */
const PUNCT_OR_LINK = /(?:https?:\/\/|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[,?;]/gu;
const DIGIT = /\d/u;

/**
 * Kazakh Cyrillic → Arabic script. A word with ә ө ү or і and none of е к г
 * takes one hamza at its start; и before й я ю ё is written once. Digits, Latin words and other characters are
 * left as they are; comma, question mark and semicolon become ، ؟ ؛ (but not
 * a comma between two digits, nor inside a link or an e-mail address).
 */
export function kkCyrlToArab(text: string): string {
  const words = text.normalize("NFC").replace(CYRL_WORD, (w) => {
    const lower = w.toLowerCase();
    let out = HAMZA_LETTERS.test(lower) && !FRONT_MARKERS.test(lower) ? HAMZA : "";
    for (let i = 0; i < lower.length; i++) {
      const c = lower[i]!;
      // и before й я ю ё is one ي, not two: жария جاريا, кийім كيىم.
      if (c === "и" && GLIDE_AFTER_I.has(lower[i + 1] ?? "")) continue;
      out += CYRL_ARAB[c] ?? c;
    }
    return out;
  });
  // Punctuation becomes Arabic, except inside links and addresses and between two digits.
  return words.replace(PUNCT_OR_LINK, (p, offset: number, s: string) => {
    if (p.length > 1) return p;
    if (p === "," && DIGIT.test(s[offset - 1] ?? "") && DIGIT.test(s[offset + 1] ?? "")) return p;
    return ARABIC_PUNCT[p] ?? p;
  });
}

// ---------------------------------------------------------------------------
// Arabic script → Kazakh Cyrillic

const ARAB_CYRL: Readonly<Record<string, string>> = {
  "ا": "а", "آ": "а", "أ": "а", "إ": "а", "ٱ": "а", "ٵ": "а",
  "ب": "б", "پ": "п", "ت": "т", "ط": "т", "ث": "с", "ج": "ж", "ژ": "ж", "چ": "ч", "ح": "х", "خ": "х",
  "د": "д", "ذ": "з", "ر": "р", "ز": "з", "ض": "з", "ظ": "з", "س": "с", "ص": "с", "ش": "ш",
  "ع": "ғ", "غ": "ғ", "ف": "ф", "ق": "қ", "ك": "к", "ک": "к", "گ": "г", "ڭ": "ң", "ل": "л", "م": "м", "ن": "н",
  "ە": "е", "ه": "е", "ة": "е", "ھ": "һ", "و": "о", "ؤ": "о", "ٶ": "о", "ۆ": "в", "ۋ": "у", "ۇ": "ұ", "ٷ": "ұ",
  "ى": "ы", "ی": "ы", "ئ": "ы", "ٸ": "ы", "ي": "и",
  "،": ",", "؟": "?", "؛": ";", "٪": "%", "٫": ",", "٬": ",",
};
/** Hamza forms, harakat, superscript alef and tatweel: dropped. */
const ARAB_DROP = /[\u0621\u0674\u0640]|[\u064b-\u065f]|\u0670/gu;
const ARAB_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/gu;
const ARAB_RUN = /[\u0600-\u06ff]+/gu;
const CYRL_VOWELS = new Set(["а", "е", "о", "у", "ұ", "ы", "и", "ә", "ө", "ү", "і", "э", "ю", "я"]);

function arabicWord(w: string): string {
  const chars = Array.from(w);
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const n = chars[i + 1];
    if (c === "ي") {
      const last = out[out.length - 1];
      const atStartOrAfterVowel = last === undefined || CYRL_VOWELS.has(last);
      if (atStartOrAfterVowel && n === "ا") {
        out += "я";
        i++;
        continue;
      }
      if (atStartOrAfterVowel && n === "ۋ") {
        out += "ю";
        i++;
        continue;
      }
      out += last !== undefined && CYRL_VOWELS.has(last) && last !== "и" ? "й" : "и";
      continue;
    }
    out += ARAB_CYRL[c] ?? c;
  }
  return out;
}

/**
 * Arabic-script Kazakh → Cyrillic: every hamza form is dropped, ا و ۇ ى are
 * read as the back vowels а о ұ ы (the Kazakh fold makes the front/back
 * choice irrelevant for matching); ي is и, or й after a vowel; Arabic digits
 * and punctuation become ASCII.
 */
export function kkArabToCyrl(text: string): string {
  return text
    .normalize("NFKC")
    .replace(ARAB_DROP, "")
    .replace(ARAB_DIGIT, (d) => String((d.charCodeAt(0) - (d.charCodeAt(0) >= 0x6f0 ? 0x6f0 : 0x660)) % 10))
    .replace(ARAB_RUN, arabicWord);
}
