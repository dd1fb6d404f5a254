import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../src/answers/language.js";
import { createMatcher } from "../../src/answers/matcher.js";
import { cleanText, foldKazakh, foldLookalikes, tokens } from "../../src/answers/normalise.js";
import { kkArabToCyrl, kkCyrlToArab, kkCyrlToLatn, kkLatnToCyrl, ruLatnToCyrl } from "../../src/answers/transliterate.js";
import { LANGS } from "../../src/shared/lang.js";

/** Any UTF-16 unit sequence: every code point, lone surrogates, and the characters this code treats specially. */
const special = fc.constantFrom(
  "\u200B", "\u200C", "\u200D", "\u200E", "\u200F", "\u2060", "\uFEFF", "\u202A", "\u202E", "\u2066", "\u2069",
  "\u0000", "\u0085", "\u00AD", "\u0301", "\u0307", "\uFE0F", "\u20E3", "İ", "ı", "ə", "ў", "ء", "ٴ", "ٵ", "ى", "ي",
  "қ", "ң", "і", "Ә", "ñ", "ş", "'", "’", " ", "\n", "?", "😀", "👍🏽", "🇰🇿", "1️⃣", "👨‍👩‍👧",
);
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => String.fromCharCode(u)),
  special,
  fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіاەبۆگعدجزيكقلمنڭوپرستۋۇفحھچشى"),
);
const anyText = fc.string({ unit, maxLength: 200 });
const emoji = fc.constantFrom("😀", "🎉", "👍🏽", "🇰🇿", "1️⃣", "👨‍👩‍👧", "❤️", "🙏", "⚖️", "📅", " ", "\u200B", "\u200D", "\uFE0F", "!", "?");
const emojiOnly = fc.string({ unit: emoji, maxLength: 30 });

const matcher = createMatcher([
  { id: "next-hearing", questions: { en: ["When is the next hearing?"], ru: ["Когда суд?"], kk: ["Сот қашан?"], kk_arab: ["سوت قاشان؟"] } },
  { id: "place", questions: { en: ["Where is the trial?"], ru: ["Где суд?"], kk: ["Сот қайда?"], kk_latn: ["sot qaida"] } },
]);

describe("never throws on any text", () => {
  it("cleanText, foldLookalikes, tokens, foldKazakh", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const c = cleanText(s);
        expect(typeof c).toBe("string");
        expect(c).not.toMatch(/[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/u);
        expect(c).toBe(c.trim());
        expect(typeof foldLookalikes(c)).toBe("string");
        expect(Array.isArray(tokens(s))).toBe(true);
        expect(typeof foldKazakh(s)).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("cleanText is idempotent", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(cleanText(cleanText(s))).toBe(cleanText(s));
      }),
      { numRuns: 300 },
    );
  });

  it("detectLanguage", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...LANGS), (s, fallback) => {
        const d = detectLanguage(s, fallback);
        expect(LANGS).toContain(d.lang);
        expect(["cyrl", "latn", "arab"]).toContain(d.script);
      }),
      { numRuns: 500 },
    );
  });

  it("transliterators", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        for (const f of [kkCyrlToLatn, kkLatnToCyrl, kkCyrlToArab, kkArabToCyrl, ruLatnToCyrl]) expect(typeof f(s)).toBe("string");
      }),
      { numRuns: 500 },
    );
  });

  it("match", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...LANGS), (s, fallback) => {
        const r = matcher.match(s, fallback);
        expect(["confident", "close", "none"]).toContain(r.kind);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        if (r.kind === "none") expect(r.topic).toBeUndefined();
        else expect(["next-hearing", "place"]).toContain(r.topic);
        if (r.kind !== "close") expect(r.alternatives).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("nothing to match", () => {
  it("empty, blank or emoji-only text gives kind none", () => {
    fc.assert(
      fc.property(emojiOnly, fc.constantFrom(...LANGS), (s, fallback) => {
        const r = matcher.match(s, fallback);
        expect(r.kind).toBe("none");
        expect(r.topic).toBeUndefined();
        expect(r.lang).toBe(fallback);
      }),
      { numRuns: 300 },
    );
    expect(matcher.match("", "en").kind).toBe("none");
    expect(matcher.match("   ", "kk").kind).toBe("none");
  });

  it("Kazakh Arabic-script text keeps its result after a round trip through the transliterators", () => {
    const q = "Сот қашан?";
    expect(matcher.match(kkCyrlToArab(q), "en").topic).toBe("next-hearing");
    expect(matcher.match(kkCyrlToLatn(q), "en").topic).toBe("next-hearing");
  });
});
