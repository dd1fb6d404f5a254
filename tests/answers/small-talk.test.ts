import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createReader } from "../../src/answers/reader.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const reader = createReader(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);
const T0 = Date.UTC(2026, 0, 20, 6);
const read = (q: string) => {
  const r = reader.read(q, "en", undefined, T0);
  return [r.kind, r.topics.join("+")];
};

describe("small talk (src/answers/small-talk.ts)", () => {
  it("hears a rebuke, a thanks or a greeting in any of its entry's words, not only in one sample's", () => {
    for (const q of ["useless and stupid, this bot", "what a stupid useless bot"]) expect(read(q), q).toEqual(["smalltalk", "abuse"]);
  });

  it("reads a letter typed twice as the word", () => {
    for (const q of ["hii there", "heyy"]) expect(read(q), q).toEqual(["smalltalk", "greeting"]);
  });

  it("takes a word or two about the bot beside small talk as addressing it", () => {
    for (const q of ["good morning, bot", "қайырлы кеш, бот"]) expect(read(q), q).toEqual(["smalltalk", "greeting"]);
  });
});

describe("thanks that share a word with a question about the bot", () => {
  it("are thanks when they ask nothing", () => {
    expect(read("thanks for the help")).toEqual(["smalltalk", "thanks"]);
    expect(read("can you help me?")).toEqual(["answer", "capabilities"]);
  });
});

describe("a sum", () => {
  it("is out of scope, though «times» is a word of the hour's questions", () => {
    for (const q of ["what is 6 times 7", "how much is 120 divided by 4"]) expect(read(q)[0], q).toBe("none");
    expect(read("what time does the hearing start")).toEqual(["answer", "unknown-hour"]);
  });
});

describe("English «has», «have», «had»", () => {
  it("weigh like the other auxiliaries, not like a subject the content lacks", () => {
    expect(read("has the trial started?")).toEqual(["answer", "next-hearing"]);
  });
});
