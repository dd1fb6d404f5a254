/**
 * The site's language versions: English, Kazakh in Cyrillic, Kazakh in the Arabic script (for
 * readers from Xinjiang, written right to left, by the project's own transliteration) and
 * Russian. A version is picked by the path's first segment; the root asks Accept-Language.
 */
import { kkCyrlToArab } from "../answers/transliterate.js";
import { LANGUAGE_NAMES } from "../render/languages.js";
import type { PageLang } from "../render/links.js";
import { transliterateHtml } from "../render/script.js";
import type { Lang } from "../shared/lang.js";

export interface Variant {
  /** The path segment: /en/, /kk/, /kk-arab/, /ru/. */
  page: PageLang;
  /** The language the content is stored in. */
  lang: Lang;
  /** BCP 47, for `lang` and `hreflang`. */
  tag: string;
  dir: "ltr" | "rtl";
  /** The version's name in itself, for the language links. */
  name: string;
  /** Open Graph's locale, where it has one. */
  ogLocale?: string;
  /** Plain text, and HTML (tags and entities kept), in this version's script. */
  text(s: string): string;
  html(s: string): string;
}

const same = (s: string) => s;
// The page says dir="rtl": no Telegram right-to-left marks in its text.
const arabHtml = (s: string) => transliterateHtml(s, "arab", { rtlMark: false });

export const VARIANTS: readonly Variant[] = [
  { page: "en", lang: "en", tag: "en", dir: "ltr", name: LANGUAGE_NAMES.en, ogLocale: "en_GB", text: same, html: same },
  { page: "kk", lang: "kk", tag: "kk", dir: "ltr", name: LANGUAGE_NAMES.kk, ogLocale: "kk_KZ", text: same, html: same },
  { page: "kk-arab", lang: "kk", tag: "kk-Arab", dir: "rtl", name: kkCyrlToArab(LANGUAGE_NAMES.kk), text: kkCyrlToArab, html: arabHtml },
  { page: "ru", lang: "ru", tag: "ru", dir: "ltr", name: LANGUAGE_NAMES.ru, ogLocale: "ru_RU", text: same, html: same },
];

const byPage = new Map<string, Variant>(VARIANTS.map((v) => [v.page, v]));

export const variantOf = (page: string): Variant | undefined => byPage.get(page);

/** A route parameter that matches exactly the versions' path segments. */
export const PAGE_PARAM = `:lang{(?:${VARIANTS.map((v) => v.page).join("|")})}`;

/**
 * The version an Accept-Language header asks for: the first, by q, of Kazakh in the Arabic
 * script (kk-Arab, or kk-CN: Kazakhs in China write it), Kazakh, Russian or English; English
 * when none is asked for, or "*" comes first.
 */
export function negotiate(header: string | undefined): Variant {
  const asked = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { range: range.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((a) => a.range && Number.isFinite(a.q) && a.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { range } of asked) {
    const [base, ...subtags] = range.split("-");
    if (base === "kk") return byPage.get(subtags.includes("arab") || subtags.includes("cn") ? "kk-arab" : "kk")!;
    if (base === "ru" || base === "en") return byPage.get(base)!;
    if (base === "*") break;
  }
  return byPage.get("en")!;
}

/** The version a path names (/kk-arab/…), else the one Accept-Language asks for: 404 and 405 pages speak it. */
export function variantFor(path: string, acceptLanguage: string | undefined): Variant {
  return variantOf(path.split("/")[1] ?? "") ?? negotiate(acceptLanguage);
}
