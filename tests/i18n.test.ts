import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
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

  it("gives a key asked again the same text, and the same key with other options its own text", () => {
    const t = createI18n().t("ru");
    expect(t("menu_button")).toBe(ru.get("menu_button"));
    expect(t("menu_button")).toBe(ru.get("menu_button"));
    // Plurals and interpolation are never served from what a call without options looked up.
    expect(t("relative_days", { count: 1 })).not.toBe(t("relative_days", { count: 5 }));
    expect(t("relative_days", { count: 5 })).toContain("5");
    expect(createI18n().t("en")("menu_button")).toBe(en.get("menu_button"));
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

/**
 * Keys the code builds from a value, as the code writes them (`${}` for the value). They are listed
 * here on purpose: a new one must be added by hand, and one the code no longer builds fails the test.
 */
const DYNAMIC_KEYS = [
  "commands.${}", // bot/commands.ts: each command's menu description
  "conv.key_${}", // bot/conversations/add-paraphrase.ts: a question form's name
  "editorial.${}_prompt_en", // bot/conversations/hearing-add.ts: place, title or outcome, per language
  "editorial.${}_prompt_kk",
  "editorial.${}_prompt_ru",
  "editorial.skip_${}_button", // bot/conversations/publish-update.ts: kk or ru
  "editorial.update_prompt_${}",
  "editorial.what_${}", // bot/conversations/hearing-change.ts: what changed
  "editors.chat_${}", // render/editorial.ts: a chat type
  "fix.confirm_${}", // bot/conversations/fix-update.ts, broadcast.ts: correct, translate or retract
  "fix.go_${}",
  "fix.lang_${}",
  "fix.none_${}",
  "fix.pick_${}",
  "fix.progress_${}",
  "fix.progress_done_${}",
  "hearing_was_${}", // render/hearing.ts: what became of the latest hearing
  "review.cannot_${}", // bot/conversations/review.ts: why a review could not be decided
  "review.kind_${}", // bot/conversations/broadcast.ts: what the broadcast does
  "passing.status_${}", // render/hearing.ts, render/calendar.ts, bot/conversations/hearing-change.ts: a hearing status
  "web.${}_title", // web/pages/errors.ts: not_found, not_allowed or error
  "web.${}_text",
];

/** A call that translates: t(…), tl(…), ctx.t(…), tFor()(…), i18n.t(lang)(…), and the site's p.ui(…), p.uiText(…). */
const TRANSLATOR = /(?:^|\.)(?:t|tl)$|^tFor\(\)$|\.t\([^()]*\)$|\.ui(?:Text)?$/;

/** The keys src/ names: at translator calls (literal or template), and every dotted key written as a string. */
function keysInSource() {
  const atCalls = new Set<string>();
  const templates = new Set<string>();
  const anywhere = new Set<string>();
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []));
  for (const file of files(fileURLToPath(new URL("../src", import.meta.url)))) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const keyArgument = (e: ts.Expression): void => {
      if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) atCalls.add(e.text);
      else if (ts.isTemplateExpression(e)) templates.add(e.head.text + e.templateSpans.map((s) => `\${}${s.literal.text}`).join(""));
      else if (ts.isConditionalExpression(e)) [e.whenTrue, e.whenFalse].forEach(keyArgument);
      else if (ts.isParenthesizedExpression(e)) keyArgument(e.expression);
    };
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && n.arguments[0] && TRANSLATOR.test(n.expression.getText(sf))) keyArgument(n.arguments[0]);
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) anywhere.add(n.text);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { atCalls, templates, anywhere };
}

describe("locale keys", () => {
  const { atCalls, templates, anywhere } = keysInSource();
  const dynamic = DYNAMIC_KEYS.map((d) => new RegExp(`^${d.split("${}").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[a-z_]+")}$`));

  it("finds the keys the code uses (so an empty result cannot pass the next test)", () => {
    expect(atCalls).toContain("welcome");
    expect(atCalls).toContain("editors.stats_row");
    // A dotted key handed to a helper that translates it (bot/filters/manage.ts refuse()).
    expect(anywhere).toContain("subscribe.channel_not_found");
  });

  it("lists exactly the keys the code builds from values", () => {
    expect([...templates].sort()).toEqual([...DYNAMIC_KEYS].sort());
  });

  it("uses every key of en.json somewhere in src/ (plural forms by their base)", () => {
    // An undotted key is a plain word (help, error) that src/ also writes for other reasons: it
    // counts only where it is translated. A dotted key counts wherever it is written.
    const used = (key: string) => atCalls.has(key) || (key.includes(".") && anywhere.has(key)) || dynamic.some((d) => d.test(key));
    expect([...en.keys()].filter((k) => !used(k) && !used(base(k)))).toEqual([]);
  });
});
