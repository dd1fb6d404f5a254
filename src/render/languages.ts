import type { Lang } from "../shared/lang.js";

/** Each language's name in itself: what a language button shows, whatever the reader's language. */
export const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", kk: "Қазақша", ru: "Русский" };
