import { readFileSync } from "node:fs";
import i18next, { type TFunction } from "i18next";
import { escapeHtml } from "./shared/html.js";
import { LANGS, type Lang } from "./shared/lang.js";

export type { TFunction };

export const LOCALES_DIR = new URL("../locales/", import.meta.url);

export function readLocale(lang: Lang): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`${lang}.json`, LOCALES_DIR), "utf8")) as Record<string, unknown>;
}

export interface I18n {
  /** A translator fixed to one language: never changeLanguage per update. */
  t(lang: Lang): TFunction;
}

/** UI strings only; the case itself lives in the store. Values are HTML-escaped unless written {{- x}}. */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: "en",
    fallbackLng: "en",
    supportedLngs: [...LANGS],
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: readLocale(l) }])),
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
  });
  const fixed = new Map(LANGS.map((l) => [l, rememberTexts(instance.getFixedT(l))]));
  return { t: (lang) => fixed.get(lang) ?? fixed.get("en")! };
}

/** Enough for every label and heading and the few interpolations every answer makes; bounded, since some carry a value of the moment. */
const REMEMBERED = 1000;

/**
 * The same key with the same options is the same text for the life of the process (the resources
 * never change while it runs, and each translator has one language): looked up once, not in
 * i18next's resolver and interpolator on every message. Only calls whose options are plain
 * values are kept, at most REMEMBERED of them (all forgotten at once past that, which a dated or
 * counted text may cause, and which costs only the lookups again).
 */
function rememberTexts(t: TFunction): TFunction {
  const known = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const once = (key: unknown, ...rest: unknown[]): unknown => {
    const opts = rest[0];
    if (typeof key !== "string" || rest.length > 1 || (opts !== undefined && !plainValues(opts))) return call(key, ...rest);
    const id = opts === undefined ? key : `${key}\u0000${JSON.stringify(opts)}`;
    let text = known.get(id);
    if (text === undefined) {
      text = String(call(key, ...rest));
      if (known.size >= REMEMBERED) known.clear();
      known.set(id, text);
    }
    return text;
  };
  return once as unknown as TFunction;
}

const plainValues = (o: unknown): boolean =>
  typeof o === "object" && o !== null && Object.values(o).every((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean");
