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
  const fixed = new Map(LANGS.map((l) => [l, plainOnce(instance.getFixedT(l))]));
  return { t: (lang) => fixed.get(lang) ?? fixed.get("en")! };
}

/**
 * A key asked without options (a button label, a heading) is the same text for the life of the
 * process, since the resources never change while it runs: looked up once per language, not in
 * i18next's resolver on every message. A call with options (interpolation, plurals) goes through.
 */
function plainOnce(t: TFunction): TFunction {
  const plain = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const once = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== "string") return call(key, ...rest);
    let text = plain.get(key);
    if (text === undefined) {
      text = String(call(key));
      plain.set(key, text);
    }
    return text;
  };
  return once as unknown as TFunction;
}
