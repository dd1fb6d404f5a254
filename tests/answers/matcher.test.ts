import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMatcher, type TopicQuestions } from "../../src/answers/matcher.js";
import { createReader } from "../../src/answers/reader.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";
import { LANGS } from "../../src/shared/lang.js";
import { kkCyrlToArab, kkCyrlToLatn } from "../../src/answers/transliterate.js";
import { anyText, emojiOnly } from "../support/arbitraries.js";

const TOPICS: TopicQuestions[] = [
  {
    id: "next-hearing",
    questions: {
      en: ["When is the next hearing?", "When does the trial start?", "trial date?"],
      ru: ["Когда будет суд?", "Когда следующее заседание?"],
      ru_latn: ["kogda sud"],
      kk: ["Сот қашан басталады?", "Келесі сот отырысы қашан?"],
      kk_plain: ["сот кашан"],
      kk_latn: ["sot qashan"],
      kk_arab: ["سوت قاشان باستالادى؟"],
    },
  },
  {
    id: "place",
    questions: {
      en: ["Where is the trial?", "Which court hears the case?"],
      ru: ["Где проходит суд?"],
      kk: ["Сот қайда өтеді?"],
      kk_latn: ["sot qaida"],
    },
  },
  {
    id: "defendants",
    questions: {
      en: ["Who are the defendants?", "Who are the activists on trial?"],
      ru: ["Кто обвиняемые?", "Кто эти активисты?"],
      kk: ["Айыпталушылар кімдер?", "Белсенділер кімдер?"],
    },
  },
  {
    id: "amnesty",
    questions: {
      en: ["What does Amnesty International say?"],
      ru: ["Что говорит Amnesty International?"],
      kk: ["Amnesty International не дейді?"],
    },
  },
];

describe("createMatcher on a small case", () => {
  const m = createMatcher(TOPICS);

  it("indexes every sample question", () => {
    expect(m.topicIds).toEqual(["next-hearing", "place", "defendants", "amnesty"]);
    expect(m.size.questions).toBe(25);
  });

  it.each([
    ["When is the next hearing?", "next-hearing", "en", "en"],
    ["wen is the trail", "next-hearing", "en", "en"],
    ["когда суд?", "next-hearing", "ru", "ru"],
    ["кагда суд", "next-hearing", "ru", "ru"],
    ["kogda sud", "next-hearing", "ru", "ru_latn"],
    ["Сот қашан?", "next-hearing", "kk", "kk"],
    ["сот кашан", "next-hearing", "kk", "kk_plain"],
    ["Sot qaşan?", "next-hearing", "kk", "kk_latn"],
    ["سوت قاشان؟", "next-hearing", "kk", "kk_arab"],
    ["Where is the court?", "place", "en", "en"],
    ["сот қайда", "place", "kk", "kk"],
    ["Кто эти активисты", "defendants", "ru", "ru"],
    // Kazakh case endings: белсенділердің (genitive), айыпталушыларды (accusative).
    ["белсенділердің аты кімдер", "defendants", "kk", "kk"],
    ["Amnesty не дейді", "amnesty", "kk", "kk"],
  ])("%s → %s (%s, %s)", (q, topic, lang, form) => {
    const r = m.match(q, "en");
    expect(r).toMatchObject({ topic, lang, form });
    expect(r.kind).not.toBe("none");
  });

  it("answers an exact sample question confidently, with a score of at most 1", () => {
    const r = m.match("Who are the defendants?", "en");
    expect(r).toMatchObject({ kind: "confident", topic: "defendants", alternatives: [] });
    expect(r.score).toBeLessThanOrEqual(1);
  });

  it("never answers unrelated questions confidently", () => {
    for (const q of [
      "What's the weather in Almaty?",
      "Tell me a joke",
      "Какая погода в Алматы?",
      "Расскажи анекдот",
      "Ауа райы қандай?",
      "hello how are you",
      "When is the next hearing in the Trump case?",
      "Когда суд по делу Бишимбаева?",
      "Who won the football match?",
    ]) {
      expect(m.match(q, "en").kind, q).not.toBe("confident");
    }
  });

  it("returns none with no topic and no alternatives for nothing to match", () => {
    for (const q of ["", "?", "😀😀", "the", "и", "asdfghjkl qwertyuiop"]) {
      const r = m.match(q, "en");
      expect(r.kind, q).toBe("none");
      expect(r.topic).toBeUndefined();
      expect(r.alternatives).toEqual([]);
    }
  });

  it("offers alternatives only when close, never the best topic itself", () => {
    // "суд" alone fits the date and the place about as well.
    expect(m.match("суд", "en")).toMatchObject({ kind: "close", topic: "next-hearing", alternatives: ["place"] });
    expect(m.match("сот", "en")).toMatchObject({ kind: "close", topic: "place", alternatives: ["next-hearing"] });
    expect(m.match("trial date", "en")).toMatchObject({ kind: "confident", topic: "next-hearing", alternatives: [] });
    expect(m.match("trial", "en")).toMatchObject({ kind: "none", alternatives: [] });
  });

  it("takes the chat's language for a bare name", () => {
    expect(m.match("Amnesty", "kk").lang).toBe("kk");
    expect(m.match("Amnesty", "en").lang).toBe("en");
  });

  it("works with no topics at all", () => {
    const empty = createMatcher([]);
    expect(empty.match("когда суд", "ru")).toMatchObject({ kind: "none", lang: "ru", alternatives: [] });
  });

  it("indexes button labels", () => {
    const withLabel = createMatcher([
      ...TOPICS,
      { id: "privacy", questions: { en: ["What do you store about me?"] }, label: { en: "Privacy", ru: "Конфиденциальность", kk: "Құпиялылық" } },
    ]);
    expect(withLabel.match("Конфиденциальность", "en")).toMatchObject({ kind: "confident", topic: "privacy", lang: "ru" });
  });

  it("explain gives the same decision with tokens and a ranking", () => {
    const q = "когда суд над активистами";
    const e = m.explain(q, "en");
    const r = m.match(q, "en");
    expect({ kind: e.kind, topic: e.topic, score: e.score, lang: e.lang }).toEqual({ kind: r.kind, topic: r.topic, score: r.score, lang: r.lang });
    expect(e.ranking[0]?.topic).toBe(r.topic);
    expect(e.tokens.map((t) => t.token)).toEqual(["когда", "суд", "над", "активистами"]);
  });
});

describe("on the case file", () => {
  const caseFile = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE));
  const m = createMatcher(caseFile.topics);

  it("matches every sample question to its own topic", () => {
    // A greeting made only of words the case matcher weighs least ("привет") is the small-talk
    // matcher's to read (reader.ts): small talk is checked through the reader.
    const reader = createReader(caseFile.topics);
    const wrong: string[] = [];
    for (const t of caseFile.topics) {
      for (const [form, list] of Object.entries(t.questions)) {
        for (const q of list ?? []) {
          const r = m.match(q, "en");
          if (r.topic === t.id && r.kind !== "none") continue;
          const read = t.kind === "smalltalk" ? reader.read(q, "en", undefined, 0) : undefined;
          if (read?.kind === "smalltalk" && read.topics.join() === t.id) continue;
          wrong.push(`${t.id} [${form}] ${q} → ${r.kind} ${r.topic}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("is fast: well under half a millisecond a question (fastest of several batches, so a busy machine does not fail it)", () => {
    const qs = ["when is the trial", "кагда суд", "сот қашан", "بۇل ءىس نە تۋرالى؟", "What's the weather in Almaty?", "kto sozdal etot bot"];
    for (const q of qs) m.match(q, "en");
    let best = Infinity;
    for (let batch = 0; batch < 8; batch++) {
      const t0 = performance.now();
      for (let i = 0; i < 300; i++) m.match(qs[i % qs.length]!, "en");
      best = Math.min(best, (performance.now() - t0) / 300);
    }
    expect(best).toBeLessThan(0.5);
  });
});

describe("match, on any text", () => {
  const matcher = createMatcher([
    { id: "next-hearing", questions: { en: ["When is the next hearing?"], ru: ["Когда суд?"], kk: ["Сот қашан?"], kk_arab: ["سوت قاشان؟"] } },
    { id: "place", questions: { en: ["Where is the trial?"], ru: ["Где суд?"], kk: ["Сот қайда?"], kk_latn: ["sot qaida"] } },
  ]);

  it("never throws; gives a kind, a score in [0, 1], a known topic, and alternatives only when close", () => {
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
