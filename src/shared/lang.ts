/** The three languages every text of the case is written in. */
export const LANGS = ["en", "kk", "ru"] as const;
export type Lang = (typeof LANGS)[number];

/** A text in en, kk and ru. */
export type Translated = Record<Lang, string>;
/** Case updates may leave kk and ru out on purpose: readers then get English. */
export type PartialTranslated = Partial<Translated> & { en: string };

/**
 * The keys under which a topic's sample questions are kept: each language,
 * plus the other ways people type Kazakh and Russian (docs/content.md).
 */
export const QUESTION_KEYS = ["en", "ru", "ru_latn", "kk", "kk_plain", "kk_latn", "kk_arab"] as const;
export type QuestionKey = (typeof QUESTION_KEYS)[number];

/** BCP 47 tags for Intl: dates and numbers as each language writes them. */
export const LOCALE_TAGS: Record<Lang, string> = { en: "en-GB", kk: "kk-KZ", ru: "ru-RU" };

/** Telegram's language_code is only a hint: kk and ru, anything else English. */
export function langFromCode(code: string | undefined): Lang {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return base === "kk" || base === "ru" ? base : "en";
}
