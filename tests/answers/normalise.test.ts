import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, foldForMatch, foldKazakh, foldLookalikes, tokens } from "../../src/answers/normalise.js";
import { anyText } from "../support/arbitraries.js";

describe("cleanText", () => {
  it("strips zero-width characters", () => {
    expect(cleanText("со\u200Bт қа\u200Cшан\u200D?\u2060\uFEFF")).toBe("сот қашан?");
    expect(cleanText("\u200E\u200Fwhen\u200B")).toBe("when");
  });

  it("writes a letter stretched for emphasis once, and leaves a doubled one", () => {
    expect(cleanText("рахмеееет!!! helloooo")).toBe("рахмет!!! hello");
    expect(cleanText("Талдыкорган, hello, 2026")).toBe("Талдыкорган, hello, 2026");
  });

  it("strips bidi controls (RTL marks, embeddings, isolates)", () => {
    expect(cleanText("\u202Bسوت\u202C \u2067قاشان\u2069\u202E")).toBe("سوت قاشان");
    expect(cleanText("\u202Atrial\u202D\u2066 date\u2068")).toBe("trial date");
  });

  it("turns control characters into spaces and collapses white space", () => {
    expect(cleanText("when\tis\n\nthe\u0000trial\u0085?")).toBe("when is the trial ?");
    expect(cleanText("  a \u00A0\u2003 b  ")).toBe("a b");
  });

  it("applies NFKC (full-width, ligatures, compatibility forms)", () => {
    expect(cleanText("ｗｈｅｎ ﬁle ①")).toBe("when file 1");
    // Arabic presentation forms become the letters.
    expect(cleanText("\uFEE3\uFEE0\uFEE4")).toBe(cleanText("\u0645\u0644\u0645"));
  });

  it("keeps emoji (tokens drops them)", () => {
    expect(cleanText("😀 hi")).toBe("😀 hi");
  });

  it("emoji only, empty, only invisible characters", () => {
    expect(cleanText("😀🎉👍🏽")).toBe("😀🎉👍🏽");
    expect(cleanText("")).toBe("");
    expect(cleanText("\u200B\u200C\u202E\uFEFF")).toBe("");
  });

  it("drops lone surrogates", () => {
    expect(cleanText("a\uD800b\uDC00c")).toBe("abc");
  });

  it("handles 10,000 characters quickly", () => {
    const long = "Когда суд над активистами? \u200B😀 ".repeat(400).slice(0, 10_000);
    expect(long.length).toBe(10_000);
    const t0 = performance.now();
    const out = cleanText(long);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(out).not.toContain("\u200B");
    expect(out.length).toBeGreaterThan(8_000);
  });
});

describe("foldLookalikes", () => {
  it("Latin look-alikes inside a Cyrillic word become Cyrillic", () => {
    expect(foldLookalikes("сoт кaшaн")).toBe("сот кашан"); // Latin o, a
    expect(foldLookalikes("Cуд")).toBe("Суд"); // Latin C
    expect(foldLookalikes("бiлемiн")).toBe("білемін"); // Latin i for Kazakh і
  });

  it("Cyrillic look-alikes inside a Latin word become Latin", () => {
    expect(foldLookalikes("Аtajurt")).toBe("Atajurt"); // Cyrillic А
  });

  it("Latin schwa is ә, ў is у; words in one script are left alone", () => {
    expect(foldLookalikes("Бiлəш")).toBe("Біләш");
    expect(foldLookalikes("ўақыт")).toBe("уақыт");
    expect(foldLookalikes("court суд")).toBe("court суд");
    // A mixed word among words of one script each: only it changes.
    expect(foldLookalikes("Аtajurt сотта, when")).toBe("Atajurt сотта, when");
    expect(foldLookalikes("when is the trial")).toBe("when is the trial");
  });
});

describe("tokens", () => {
  it("lowercase words without punctuation or emoji", () => {
    expect(tokens("When's the TRIAL?! 😀👍 #atajurt")).toEqual(["whens", "the", "trial", "atajurt"]);
    expect(tokens("Сот қашан? «Атажұрт»")).toEqual(["сот", "қашан", "атажұрт"]);
  });

  it("keeps digits; hyphens split; keycap emoji keep their digit", () => {
    expect(tokens("174-бабы, 19 activists 1️⃣")).toEqual(["174", "бабы", "19", "activists", "1"]);
  });

  it("emoji only and empty give no tokens", () => {
    expect(tokens("😀🎉👍🏽 🇰🇿")).toEqual([]);
    expect(tokens("")).toEqual([]);
    expect(tokens("?!…")).toEqual([]);
  });

  it("Arabic script with hamza", () => {
    expect(tokens("بۇل ءىس نە؟")).toEqual(["بۇل", "ءىس", "نە"]);
  });

  it("lowercasing İ leaves no combining dot", () => {
    expect(tokens("İs")).toEqual(["is"]);
  });
});

describe("foldKazakh", () => {
  it("folds the Kazakh letters to their Russian look-alikes", () => {
    expect(foldKazakh("әөүұійғқңһё")).toBe("аоууыигкнхе");
    expect(foldKazakh("ӘӨҮҰІЙҒҚҢҺЁ")).toBe("АОУУЫИГКНХЕ");
    expect(foldKazakh("Әлімнұр Тұрғанбай қашан")).toBe("Алымнур Турганбаи кашан");
  });

  it("makes Kazakh typed on a Russian keyboard meet the written form", () => {
    expect(foldKazakh("қашан")).toBe(foldKazakh("кашан"));
    expect(foldKazakh("жоқ")).toBe("жок");
  });
});

describe("foldForMatch", () => {
  it("merges і ы и (кім typed as ким, Arabic ى), keeps й, drops soft signs", () => {
    expect(foldForMatch("кім")).toBe(foldForMatch("ким"));
    expect(foldForMatch("кым")).toBe(foldForMatch("ким"));
    expect(foldForMatch("қайда")).toBe("кайда");
    expect(foldForMatch("сколько")).toBe("сколко");
    expect(foldForMatch("это")).toBe("ето");
  });

  it("removes Latin diacritics", () => {
    expect(foldForMatch("ürümqi")).toBe("urumqi");
  });
});

describe("cleanText and the folds, on any text", () => {
  it("never throw; cleanText leaves no invisible characters and no outer white space", () => {
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
});
