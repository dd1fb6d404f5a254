/** Cuts a text to at most `n` characters, ending in "…" when it was longer. */
export const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** Each language's quotation marks, outer and inner, and the marks a text in it may already hold. */
const QUOTES = {
  en: { outer: ["“", "”"], inner: ["‘", "’"], opens: /[«“]/g, closes: /[»”]/g },
  kk: { outer: ["«", "»"], inner: ["„", "“"], opens: /[«„]/g, closes: /[»“”]/g },
  ru: { outer: ["«", "»"], inner: ["„", "“"], opens: /[«„]/g, closes: /[»“”]/g },
} as const;

/**
 * A title or quotation in its language's quotation marks. Marks already inside become the inner
 * pair («…„Атажурт“…», “…‘hooliganism’…”): the same marks nested read as the quotation ending early.
 */
export function quoted(s: string, lang: keyof typeof QUOTES): string {
  const q = QUOTES[lang];
  const inner = s
    .replace(/"([^"]*)"/g, `${q.inner[0]}$1${q.inner[1]}`)
    .replace(q.opens, q.inner[0])
    .replace(q.closes, q.inner[1]);
  return `${q.outer[0]}${inner}${q.outer[1]}`;
}

const EN_PLURAL = new Intl.PluralRules("en");

/** "1 hearing", "2 hearings": the operator's English lines, where a number meets a noun. */
export const counted = (n: number, one: string, other = `${one}s`): string => `${n} ${EN_PLURAL.select(n) === "one" ? one : other}`;
