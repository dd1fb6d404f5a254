import type { KazakhScript } from "../db/schema.js";
import type { Lang } from "../shared/lang.js";

/** Each language's name in itself: what a language button shows, whatever the reader's language. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", kk: "Қазақша", ru: "Русский" };

/** Kazakh's name written in each of its scripts: the button is its own sample of the script. */
export const KAZAKH_NAMES: Record<KazakhScript, string> = { cyrl: "Қазақша", latn: "Qazaqşa", arab: "قازاقشا" };

/** One button of the language choice: a language, and for Kazakh the script it is read in. */
export interface LanguageChoice {
  lang: Lang;
  kkScript?: KazakhScript;
  label: string;
  /** How the choice is written in callback data: `en`, `ru`, `kk:cyrl`, `kk:latn`, `kk:arab`. */
  code: string;
}

const kazakh = (s: KazakhScript): LanguageChoice => ({ lang: "kk", kkScript: s, label: KAZAKH_NAMES[s], code: `kk:${s}` });

/** The choice, in rows: the two other languages, then Kazakh in its three scripts. */
export const LANGUAGE_CHOICES: readonly (readonly LanguageChoice[])[] = [
  [
    { lang: "en", label: LANGUAGE_NAMES.en, code: "en" },
    { lang: "ru", label: LANGUAGE_NAMES.ru, code: "ru" },
  ],
  [kazakh("cyrl"), kazakh("latn"), kazakh("arab")],
];

/** Labels that name a language in its own script, and so are never transliterated. */
export const SELF_NAMED_LABELS: ReadonlySet<string> = new Set(LANGUAGE_CHOICES.flat().map((c) => c.label));

/**
 * A choice's code back as a choice. A bare `kk` (a button sent before scripts were offered) is
 * Kazakh without a script: the chat keeps the one it has.
 */
export function parseLanguageChoice(code: string): Omit<LanguageChoice, "label" | "code"> | undefined {
  if (code === "kk") return { lang: "kk" };
  return LANGUAGE_CHOICES.flat().find((c) => c.code === code);
}

/** The chat's language by its name, Kazakh in the script the chat reads. */
export function languageName(lang: Lang, kkScript: KazakhScript | null | undefined): string {
  return lang === "kk" ? KAZAKH_NAMES[kkScript ?? "cyrl"] : LANGUAGE_NAMES[lang];
}
