import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/answers/language.js";
import type { Lang, QuestionKey } from "../../src/shared/lang.js";
import { LANGS } from "../../src/shared/lang.js";
import { anyText } from "../support/arbitraries.js";

type Case = [text: string, lang: Lang, form: QuestionKey];

const decided: Case[] = [
  // English
  ["When is the next hearing?", "en", "en"],
  ["wen is the trail", "en", "en"],
  ["who are the defendants", "en", "en"],
  ["What's the weather in Almaty?", "en", "en"],
  ["Tell me a joke", "en", "en"],
  ["turganbay who", "en", "en"],
  // Russian
  ["Когда суд?", "ru", "ru"],
  ["кагда суд над активистами", "ru", "ru"],
  ["что говорит Amnesty International?", "ru", "ru"],
  ["За что их судят?", "ru", "ru"],
  ["Сколько лет им грозит?", "ru", "ru"],
  // Russian in Latin letters
  ["kogda sud", "ru", "ru_latn"],
  ["chto takoe atajurt", "ru", "ru_latn"],
  ["pochemu ih arestovali", "ru", "ru_latn"],
  ["skolko aktivistov", "ru", "ru_latn"],
  ["gde budet sud?", "ru", "ru_latn"],
  ["kto takoy Bilash", "ru", "ru_latn"],
  // Kazakh with its letters
  ["Сот қашан болады?", "kk", "kk"],
  ["Атажұрт деген не?", "kk", "kk"],
  ["Серікжан Біләш кім?", "kk", "kk"],
  // Kazakh typed on a Russian keyboard
  ["сот кашан", "kk", "kk_plain"],
  ["сот кайда болады", "kk", "kk_plain"],
  ["атажурт деген не", "kk", "kk_plain"],
  ["турганбай ким", "kk", "kk_plain"],
  ["белсендилер канша", "kk", "kk_plain"],
  ["олар камауда ма", "kk", "kk_plain"],
  ["белсендилерге кандай айып тагылды", "kk", "kk_plain"],
  // Kazakh in Latin letters
  ["sot qashan?", "kk", "kk_latn"],
  ["Sot qaşan bolady?", "kk", "kk_latn"],
  ["atajurt degen ne", "kk", "kk_latn"],
  ["qansha adam sottalady", "kk", "kk_latn"],
  ["Turganbay kim?", "kk", "kk_latn"],
  ["sot kaida bolady", "kk", "kk_latn"],
  ["belsendiler turaly aityp beriniz", "kk", "kk_latn"],
  ["Älımnūr Tūrğanbai kım?", "kk", "kk_latn"],
  // Kazakh in Arabic script
  ["سوت قاشان باستالادى؟", "kk", "kk_arab"],
  ["اتاجۇرت دەگەن نە؟", "kk", "kk_arab"],
];

describe("detectLanguage", () => {
  it.each(decided)("%s → %s/%s", (text, lang, form) => {
    const d = detectLanguage(text, lang === "en" ? "ru" : "en");
    expect({ lang: d.lang, form: d.form, decided: d.decided }).toEqual({ lang, form, decided: true });
  });

  it("gives the script", () => {
    expect(detectLanguage("Когда суд?", "en").script).toBe("cyrl");
    expect(detectLanguage("kogda sud", "en").script).toBe("latn");
    expect(detectLanguage("سوت قاشان", "en").script).toBe("arab");
  });

  it("folds look-alike Latin letters inside Cyrillic words first", () => {
    // "сoт қaшaн" with Latin o and a.
    expect(detectLanguage("сoт қaшaн", "en")).toMatchObject({ lang: "kk", form: "kk", script: "cyrl" });
    expect(detectLanguage("кoгдa суд", "en")).toMatchObject({ lang: "ru", form: "ru", script: "cyrl" });
  });

  it("ignores zero-width and bidi characters", () => {
    expect(detectLanguage("\u200Bсот\u200D қашан\u202E?", "en")).toMatchObject({ lang: "kk", form: "kk" });
  });

  describe("too short or undecided: the fallback, when the script allows it", () => {
    it("empty, punctuation, emoji only", () => {
      for (const t of ["", "   ", "?!", "😀😀", "1️⃣", "\u200B"]) {
        expect(detectLanguage(t, "kk")).toMatchObject({ lang: "kk", decided: false });
        expect(detectLanguage(t, "en")).toMatchObject({ lang: "en", form: "en", decided: false });
        expect(detectLanguage(t, "ru")).toMatchObject({ lang: "ru", form: "ru", decided: false });
      }
    });

    it("a single letter", () => {
      expect(detectLanguage("a", "ru")).toMatchObject({ lang: "ru", decided: false });
    });

    it("a name alone, in Latin letters, takes the chat's language", () => {
      expect(detectLanguage("Bilash", "en")).toMatchObject({ lang: "en", form: "en", decided: false });
      expect(detectLanguage("Bilash", "kk")).toMatchObject({ lang: "kk", form: "kk_latn", decided: false });
      expect(detectLanguage("Bilash", "ru")).toMatchObject({ lang: "ru", form: "ru_latn", decided: false });
    });

    it("a Cyrillic name alone: Russian or Kazakh, never English", () => {
      expect(detectLanguage("Билаш", "kk")).toMatchObject({ lang: "kk", form: "kk_plain", script: "cyrl", decided: false });
      expect(detectLanguage("Билаш", "ru")).toMatchObject({ lang: "ru", form: "ru", decided: false });
      expect(detectLanguage("Билаш", "en")).toMatchObject({ lang: "ru", form: "ru", decided: false });
    });

    it("Arabic script is always Kazakh", () => {
      expect(detectLanguage("بىلاش", "en")).toMatchObject({ lang: "kk", form: "kk_arab", script: "arab" });
    });
  });
});

describe("detectLanguage, on any text", () => {
  it("never throws, and gives one of the languages and a script", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...LANGS), (s, fallback) => {
        const d = detectLanguage(s, fallback);
        expect(LANGS).toContain(d.lang);
        expect(["cyrl", "latn", "arab"]).toContain(d.script);
      }),
      { numRuns: 500 },
    );
  });
});
