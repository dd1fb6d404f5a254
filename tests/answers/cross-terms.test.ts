import { describe, expect, it } from "vitest";
import { CROSS_TERMS } from "../../src/answers/cross-terms.js";
import { cleanText, foldLookalikes, tokens } from "../../src/answers/normalise.js";

/** A form as the matcher's normalisation leaves it: what a table entry must already be. */
const normalised = (s: string) => tokens(foldLookalikes(cleanText(s))).join(" ");

const LISTS = ["en", "ruInKk", "kkInRu"] as const;
const CYRILLIC_ONLY = /^[\p{Script=Cyrillic}\d ]+$/u;
const LATIN_ONLY = /^[a-z\d ]+$/u;

describe("the cross-language lexicon", () => {
  it("names each concept once, and has its words in every language", () => {
    const concepts = CROSS_TERMS.map((t) => t.concept);
    expect(new Set(concepts).size).toBe(concepts.length);
    expect(CROSS_TERMS.length).toBeGreaterThanOrEqual(10);
    for (const t of CROSS_TERMS) for (const l of LISTS) expect(t[l].length, `${t.concept} ${l}`).toBeGreaterThan(0);
  });

  it("has the case's core concepts", () => {
    const concepts = new Set(CROSS_TERMS.map((t) => t.concept));
    for (const c of ["hearing", "verdict", "arrest", "defendants", "court", "article", "lawyer", "penalty", "detention", "protest"]) expect(concepts.has(c), c).toBe(true);
  });

  it("writes every form as normalisation leaves it: lowercase words, one space, no punctuation", () => {
    const off = CROSS_TERMS.flatMap((t) => LISTS.flatMap((l) => t[l].filter((f) => normalised(f) !== f).map((f) => `${t.concept} ${l}: "${f}" → "${normalised(f)}"`)));
    expect(off).toEqual([]);
  });

  it("writes English in Latin letters and Russian and Kazakh in Cyrillic", () => {
    const wrong = CROSS_TERMS.flatMap((t) => [
      ...t.en.filter((f) => !LATIN_ONLY.test(f)),
      ...t.ruInKk.filter((f) => !CYRILLIC_ONLY.test(f)),
      ...t.kkInRu.filter((f) => !CYRILLIC_ONLY.test(f)),
    ]);
    expect(wrong).toEqual([]);
  });

  it("gives a form to one concept only, once, in each language", () => {
    for (const l of LISTS) {
      const all = CROSS_TERMS.flatMap((t) => t[l]);
      const twice = all.filter((f, i) => all.indexOf(f) !== i);
      expect(twice, l).toEqual([]);
    }
  });

  it("marks a form for review only when the concept has that form", () => {
    const stray = CROSS_TERMS.flatMap((t) => (t.review ?? []).filter((r) => !t.ruInKk.includes(r.term) && !t.kkInRu.includes(r.term)).map((r) => `${t.concept}: ${r.term}`));
    expect(stray).toEqual([]);
  });
});
