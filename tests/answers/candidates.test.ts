import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTokenMemo } from "../../src/answers/candidates.js";
import { createMatcher } from "../../src/answers/matcher.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const matcher = createMatcher(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);

describe("the per-message token memo", () => {
  // The same tokens in texts whose language is guessed differently before lookup ("sot" as
  // Kazakh Latin, as Russian translit, as English): a memo keyed on the token alone would
  // hand one reading's candidates to the other.
  const texts = ["sot qashan", "sud kogda", "when is the sot", "sot", "qamauda neşeuı", "сот қашан", "заседание қашан болады", "sot qashan bolady, qai jerde?"];

  it("gives every text the reading it gets alone, whatever was read before it in the same message", () => {
    const alone = texts.map((t) => matcher.explain(t, "en"));
    const memo = createTokenMemo();
    const together = matcher.reading(memo, () => texts.map((t) => matcher.explain(t, "en")));
    expect(together).toEqual(alone);
    // And in the reverse order, so that each text follows different ones.
    const reversed = matcher.reading(createTokenMemo(), () => [...texts].reverse().map((t) => matcher.explain(t, "en"))).reverse();
    expect(reversed).toEqual(alone);
  });

  it("keeps nothing once the message is read", () => {
    const memo = createTokenMemo();
    matcher.reading(memo, () => matcher.match("sot qashan", "kk"));
    expect(memo.readings.size).toBeGreaterThan(0);
    // The matcher's own candidates are dropped; the reader clears the shared readings per message.
    expect(matcher.reading(memo, () => matcher.match("sud kogda", "ru"))).toEqual(matcher.match("sud kogda", "ru"));
  });
});

describe("the words a matcher keeps across messages", () => {
  // The same words, read first with a guessed language and then another, in messages of one
  // script and then mixed: what a kept word brings must be what a fresh matcher finds.
  const texts = ["when is the trial", "sot qashan", "Sot qashan bolady", "суд когда", "сот қашан", "when is the sot", "qashan", "Trial when", "sud kogda", "сот", "sot"];
  const fresh = () => createMatcher(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);

  it("read one after another, gives every question what a fresh matcher gives it alone", () => {
    const m = fresh();
    const along = texts.map((t) => m.explain(t, "en"));
    const once = texts.map((t) => fresh().explain(t, "en"));
    expect(along).toEqual(once);
    // Backwards and with other fallbacks: a kept word must not carry one language's guess into another.
    expect([...texts].reverse().map((t) => m.explain(t, "kk"))).toEqual([...texts].reverse().map((t) => fresh().explain(t, "kk")));
  });
});
