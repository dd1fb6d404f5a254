import { describe, expect, it } from "vitest";
import { createI18n, readLocale } from "../src/i18n.js";
import { LANGS } from "../src/shared/lang.js";
import { telegramHtmlProblems } from "./support/telegram-html.js";

function flatten(o: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (v && typeof v === "object") for (const [kk, vv] of flatten(v as Record<string, unknown>, `${prefix}${k}.`)) out.set(kk, vv);
    else out.set(`${prefix}${k}`, String(v));
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (k: string) => k.replace(PLURAL, "");
const placeholders = (s: string) => [...s.matchAll(/\{\{-?\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
const tags = (s: string) => [...s.matchAll(/<\/?([a-z]+)/g)].map((m) => m[0]).sort();

const en = flatten(readLocale("en"));
const kk = flatten(readLocale("kk"));
const ru = flatten(readLocale("ru"));
/** The keys English gives plural forms, without the suffix: relative_days for relative_days_one and _other. */
const plurals = new Set([...en.keys()].filter((k) => PLURAL.test(k)).map(base));

describe("locales", () => {
  it.each([
    ["kk", kk],
    ["ru", ru],
  ])("%s has every English key (plural forms aside) and nothing more", (_l, other) => {
    expect([...new Set([...other.keys()].map(base))].sort()).toEqual([...new Set([...en.keys()].map(base))].sort());
  });

  it.each([
    ["kk", kk],
    ["ru", ru],
  ])("%s keeps every placeholder and HTML tag of the English string", (_l, other) => {
    for (const [key, value] of other) {
      const enValue = en.get(key) ?? en.get(`${base(key)}_other`) ?? en.get(base(key));
      expect(enValue, key).toBeDefined();
      expect(placeholders(value), key).toEqual(placeholders(enValue!));
      expect(tags(value), key).toEqual(tags(enValue!));
    }
  });

  it("Russian plurals have every form Intl.PluralRules asks for", () => {
    const forms = new Intl.PluralRules("ru").resolvedOptions().pluralCategories;
    expect([...forms].sort()).toEqual(["few", "many", "one", "other"]);
    expect(plurals).toContain("relative_days");
    for (const key of plurals) for (const f of forms) expect(ru.has(`${key}_${f}`), `${key}_${f}`).toBe(true);
  });

  it("English and Kazakh plurals have one and other", () => {
    expect(plurals).toContain("relative_days");
    for (const key of plurals) for (const m of [en, kk]) for (const f of ["one", "other"]) expect(m.has(`${key}_${f}`), `${key}_${f}`).toBe(true);
  });
});

describe("the locale strings", () => {
  it.each(LANGS)("%s: every string, filled with hostile values, is valid Telegram HTML", (lang) => {
    const t = createI18n().t(lang);
    const problems: string[] = [];
    for (const [key, raw] of flatten(readLocale(lang))) {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, "");
      // `{{- x}}` takes HTML the bot made; every other value is escaped, so it gets the worst.
      const values: Record<string, unknown> = { count: 2 };
      for (const m of raw.matchAll(/\{\{(-?)\s*(\w+)\s*\}\}/g)) values[m[2]!] = m[1] ? "<i>made by the bot</i>" : "<script>&</b> <i>";
      const text = t(base, values);
      problems.push(...telegramHtmlProblems(text).map((p) => `${lang}.${key}: ${p}`));
    }
    expect(problems).toEqual([]);
  });
});
