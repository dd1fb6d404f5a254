import { cleanText, foldForMatch, foldLookalikes, tokens } from "../answers/normalise.js";
import { kkArabToCyrl, kkCyrlToArab, kkCyrlToLatn } from "../answers/transliterate.js";

/**
 * The names that make a news item about this case, as content/case.yaml writes them in each
 * language: the group and the man whose detention the protest was about.
 */
export const CASE_KEYWORDS: readonly string[] = ["Atajurt", "Alimnur Turganbay", "Атажұрт", "Әлімнұр Тұрғанбай", "Атажурт", "Алимнур Турганбай"];

const ARABIC = /\p{Script=Arabic}/u;

/**
 * The answers engine's normalisation (clean, look-alikes, the matcher's fold), with Arabic-script
 * Kazakh read back into Cyrillic first, so one keyword meets every script a source writes in.
 */
function words(text: string): string[] {
  let s = foldLookalikes(cleanText(text));
  if (ARABIC.test(s)) s = kkArabToCyrl(s);
  return tokens(s).map(foldForMatch);
}

/** A word's stem for comparison: its last letter off when long enough, so Атажурта and Турганбая still meet. */
const stem = (w: string) => (w.length >= 7 ? w.slice(0, -1) : w);

/** Every keyword in Cyrillic, Latin (2021 alphabet) and Arabic script, as lists of stems. */
function keywordForms(keywords: readonly string[]): string[][] {
  const forms = new Map<string, string[]>();
  for (const k of keywords) {
    for (const f of [k, kkCyrlToLatn(k), kkCyrlToArab(k)]) {
      const w = words(f).map(stem);
      if (w.length) forms.set(w.join(" "), w);
    }
  }
  return [...forms.values()];
}

/** A matcher over a keyword list: true when every word of some keyword starts a word of the text. */
export function mentionsMatcher(keywords: readonly string[] = CASE_KEYWORDS): (text: string) => boolean {
  const forms = keywordForms(keywords);
  return (text) => {
    const ws = words(text);
    return forms.some((f) => f.every((k) => ws.some((w) => w.startsWith(k))));
  };
}
