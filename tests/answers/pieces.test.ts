import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { joinPieces } from "../../src/answers/pieces.js";
import { createReader } from "../../src/answers/reader.js";
import { splitQuestions } from "../../src/answers/split.js";
import { createSubjectOf } from "../../src/answers/subject.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const subjectOf = createSubjectOf();
const parts = (text: string) => joinPieces(splitQuestions(text), subjectOf);
const reader = createReader(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);
const read = (text: string, lang: "en" | "ru" | "kk") => reader.read(text, lang, undefined, 0).topics;

describe("splitQuestions marks how each sentence ends", () => {
  it("gives every piece of a sentence the sentence's closing mark", () => {
    expect(splitQuestions("Добрый вечер, я журналист. Подскажите, в чём их обвиняют?").map((p) => p.mark)).toEqual([".", ".", "?", "?"]);
    expect(splitQuestions("hi! when is it").map((p) => p.mark)).toEqual([".", ""]);
    expect(splitQuestions("сот қашан؟").map((p) => p.mark)).toEqual(["?"]);
  });

  it("cuts at «һәм» in each script", () => {
    for (const q of ["сот қашан һәм қай қалада?", "sot qashan häm qai qalada?", "سوت قاشان ءھام قاي قالادا؟", "سوت قاشان ھەم قاي قالادا؟"]) expect(splitQuestions(q), q).toHaveLength(2);
    expect(read("сот қашан һәм қай қалада?", "kk")).toEqual(["next-hearing", "place"]);
  });
});

describe("subjectOf.yesNo in Latin letters", () => {
  it("takes a Kazakh particle that ends the question, not an English 'me' inside a sentence", () => {
    expect(subjectOf.yesNo("olar qazir qamauda ma")).toBe(true);
    expect(subjectOf.yesNo("sot bolady ma eken")).toBe(true);
    expect(subjectOf.yesNo("my cousin told me something about it")).toBe(false);
  });
});

describe("joinPieces", () => {
  it("takes a sentence closed by a full stop before a question as the story, not a question", () => {
    expect(parts("Я журналист из Бишкека, пишу статью про это дело. Подскажите, в чём их обвиняют?").map((p) => p.aside)).toEqual([true, true, false, false]);
    // A question someone closed with a full stop still opens with the words that ask; "that's why…" is told.
    expect(parts("What are they charged with. And when is the trial?").map((p) => p.aside)).toEqual([false, false]);
    expect(parts("Оларға қандай айып тағылды. Сот қашан?").map((p) => p.aside)).toEqual([false, false]);
    expect(parts("My friend told me. That's why the case started. Is that true?").map((p) => p.aside)).toEqual([true, true, false]);
    // Without a question mark anywhere after it, a full stop says nothing.
    expect(parts("when is the trial. where is it").map((p) => p.aside)).toEqual([false, false]);
  });

  it("puts a relative clause and a bare 'what is the name' back on the piece before", () => {
    expect(parts("Кто такой этот Алимнур Турганбай, из-за которого был протест?").map((p) => p.text)).toEqual(["Кто такой этот Алимнур Турганбай из-за которого был протест"]);
    expect(parts("а прокурор кто, как зовут").map((p) => p.text)).toEqual(["а прокурор кто как зовут"]);
    expect(parts("sudya kim, aty kim?").map((p) => p.text)).toEqual(["sudya kim aty kim"]);
    // A name asked on its own is a question.
    expect(parts("как зовут?")).toHaveLength(1);
  });

  it("takes a reason guessed after a why as part of the why", () => {
    expect(parts("olardy ne ushin ustady, miting ushin ba?").map((p) => p.aside)).toEqual([false, true]);
    // Not after a question that is no why.
    expect(parts("sot qashan, miting ushin ba?").map((p) => p.aside)).toEqual([false, false]);
  });

  it("still splits two questions", () => {
    expect(parts("Когда суд и в каком городе?").map((p) => p.text)).toEqual(["Когда суд", "в каком городе"]);
  });
});

describe("the reader with those pieces", () => {
  it("answers the question after a preamble, not the preamble", () => {
    expect(read("Добрый вечер, я журналист из Бишкека, пишу статью про это дело. Подскажите, в чём их обвиняют?", "ru")).toEqual(["charges"]);
    expect(read("Кто такой этот Алимнур Турганбай, из-за которого был протест?", "ru")).toEqual(["turganbay"]);
    expect(read("olardy ne ushin ustady, miting ushin ba?", "kk")).toEqual(["why-detained"]);
  });

  it("answers two questions when the first was closed with a full stop", () => {
    expect(read("В чём их обвиняют. И когда суд?", "ru")).toEqual(["charges", "next-hearing"]);
    expect(read("how many are in custody. who are they?", "en")).toEqual(["custody", "defendants"]);
  });

  it("gives a piece that borrows its neighbour's subject only a topic its own words point at", () => {
    expect(read("what are they accused of and why?", "en")).toEqual(["charges", "why-detained"]);
    // "when" borrows "where is it" and is the date.
    expect(read("when and where is the trial?", "en")).toEqual(["next-hearing", "place"]);
  });

  it("reads a piece that points back at someone with a pronoun as about them when their topic is among its readings", () => {
    expect(read("Turganbai kim? ony ne ushin qamagan?", "kk")).toEqual(["turganbay"]);
  });

  it("beside a question of the case, answers a question about the bot only when the case matcher reads it", () => {
    expect(read("what is article 174 about and why they use it?", "en")).toEqual(["charges"]);
    expect(read("chto govorit amnesty i gde pochitat istochniki?", "ru")).toEqual(["amnesty", "sources"]);
  });
});
