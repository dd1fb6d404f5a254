import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_CASE_FILE } from "../../src/case/content/load.js";
import { transliterateHtml, type OtherScript } from "../../src/render/script.js";
import kk from "../../locales/kk.json" with { type: "json" };

/**
 * Every Kazakh text the bot can send, in each script a Kazakh reader may read it in: a letter the
 * tables do not map stays Cyrillic in Latin or Arabic output, and a Latin word in an Arabic text
 * is one the text was written with. Both are caught here, for the locale and the content file.
 */

/** What passes through on purpose: code, tags, entities, links, @usernames, /commands, #hashtags, placeholders. */
const KEPT = /<code\b[^>]*>[\s\S]*?<\/code>|<pre\b[^>]*>[\s\S]*?<\/pre>|<[^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|(?:https?:\/\/|www\.)(?:[^\s<>«»"]*[^\s<>«»".,;:!?)])?|@\w+|(?<![\p{L}\p{N}_])\/[A-Za-z0-9_]+|#[\p{L}\p{N}_]+|\{\{[^}]*\}\}/gu;

/**
 * Latin words a Kazakh text may keep in Arabic script: names written in Latin, the terms Telegram
 * itself shows in English, and the words of a command (/editors add). A new one is a choice to
 * make here, not an accident.
 */
const LATIN_KEPT = new Set(["Amnesty", "International", "Atajurt", "Telegram", "WhatsApp", "Facebook", "Atom", "ics", "cookie", "ADMIN_IDS", "RSS", "username", "chat", "id", "add", "remove"]);

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN_WORD = /[\p{Script=Latin}][\p{Script=Latin}\d_]*/gu;
/**
 * A combining mark that is neither Arabic nor part of an emoji (an acute on a stressed vowel, say)
 * has nothing to sit on.
 */
const FOREIGN_MARK = /(?![\u064b-\u065f\u0670\ufe00-\ufe0f\u20e3])\p{M}/u;

/** What is wrong with a text in a script, one line per problem; empty when nothing is. */
export function scriptProblems(source: string, script: OtherScript): string[] {
  const out = transliterateHtml(source, script).replace(KEPT, " ");
  const problems: string[] = [];
  for (const c of new Set(out.match(/\p{Script=Cyrillic}/gu) ?? [])) problems.push(`Cyrillic "${c}" left in ${script}`);
  if (script === "arab") {
    for (const w of new Set(out.match(LATIN_WORD) ?? [])) if (!LATIN_KEPT.has(w)) problems.push(`Latin "${w}" in arab`);
    if (FOREIGN_MARK.test(out)) problems.push("a non-Arabic combining mark in arab");
  }
  return problems;
}

function localeStrings(o: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof o === "string") out.push([path, o]);
  else if (o && typeof o === "object") for (const [k, v] of Object.entries(o)) localeStrings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Every string under a `kk` key of the content file (titles, answers, labels, places, sample questions). */
function contentStrings(o: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (Array.isArray(o)) o.forEach((x, i) => contentStrings(x, `${path}[${i}]`, out));
  else if (o && typeof o === "object") {
    for (const [k, v] of Object.entries(o)) {
      if (k !== "kk") contentStrings(v, `${path}.${k}`, out);
      else for (const s of Array.isArray(v) ? v : [v]) if (typeof s === "string") out.push([`${path}.kk`, s]);
    }
  }
  return out;
}

const locale = localeStrings(kk, "", []);
const content = contentStrings(parse(readFileSync(fileURLToPath(DEFAULT_CASE_FILE), "utf8")), "", []);

describe("every Kazakh text in Latin and Arabic script", () => {
  it("finds the texts it checks", () => {
    expect(locale.length).toBeGreaterThan(250);
    expect(content.length).toBeGreaterThan(150);
    expect(locale.every(([, s]) => CYRILLIC.test(s) || !/\p{L}/u.test(s.replace(KEPT, "")))).toBe(true);
  });

  it.each(["latn", "arab"] as const)("leaves no letter of the wrong script in %s", (script) => {
    const bad = [...locale.map(([p, s]) => [`locales/kk.json ${p}`, s] as const), ...content.map(([p, s]) => [`content/case.yaml ${p}`, s] as const)]
      .map(([where, s]) => scriptProblems(s, script).map((p) => `${where}: ${p}`))
      .flat();
    expect(bad).toEqual([]);
  });

  it("fails on a letter no table maps, a stray accent and an unlisted Latin word", () => {
    expect(scriptProblems("Київ", "latn")).toEqual(['Cyrillic "ї" left in latn']);
    expect(scriptProblems("Беларусь, Ўзбекистон", "arab")).toContain('Cyrillic "ў" left in arab');
    expect(scriptProblems("сот\u0301", "arab")).toEqual(["a non-Arabic combining mark in arab"]);
    expect(scriptProblems("Human Rights Watch айтты", "arab")).toEqual(['Latin "Human" in arab', 'Latin "Rights" in arab', 'Latin "Watch" in arab']);
  });

  it("lets markup, links, commands, placeholders and listed names through", () => {
    const s = '<a href="https://amnesty.org/сот">Amnesty International</a> {{count}} /subscribe @{{bot}} #Атажұрт &amp; сот';
    expect(scriptProblems(s, "arab")).toEqual([]);
    expect(scriptProblems(s, "latn")).toEqual([]);
  });
});
