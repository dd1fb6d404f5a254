import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createReader, DIALOGUE_TTL_MS, type DialogueState } from "../../src/answers/reader.js";
import { splitQuestions } from "../../src/answers/split.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const reader = createReader(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);
const T0 = Date.UTC(2026, 0, 20, 6);

/** Reads the turns of one chat, `gap` apart; the readings in order. */
function converse(turns: string[], gap = 30_000) {
  let state: DialogueState | undefined;
  return turns.map((q, i) => {
    const r = reader.read(q, "en", state, T0 + i * gap);
    state = r.state;
    return r;
  });
}

describe("splitQuestions", () => {
  it("cuts at question marks, commas and each language's conjunctions, Arabic-script punctuation too", () => {
    expect(splitQuestions("How many are in custody and in which city is the trial?").map((p) => p.text)).toEqual(["How many are in custody", "in which city is the trial"]);
    expect(splitQuestions("шеру не туралы болды, Тұрғанбай кім?").map((p) => p.text)).toEqual(["шеру не туралы болды", "Тұрғанбай кім"]);
    expect(splitQuestions("Amnesty не дейді және бұл ақпарат қайдан?").map((p) => p.text)).toEqual(["Amnesty не дейді", "бұл ақпарат қайдан"]);
    expect(splitQuestions("قاشان، قايدا وتەدى؟").map((p) => p.text)).toEqual(["قاشان", "قايدا وتەدى"]);
    expect(splitQuestions("когда суд и где?")).toEqual([{ text: "когда суд", byConjunction: false }, { text: "где", byConjunction: true }]);
  });

  it("cuts Russian translit at «i» before a question word, never at the English pronoun", () => {
    expect(splitQuestions("chto za atajurt i kto osnoval").map((p) => p.text)).toEqual(["chto za atajurt", "kto osnoval"]);
    expect(splitQuestions("how do i get reminders about the hearings").map((p) => p.text)).toEqual(["how do i get reminders about the hearings"]);
  });

  it("leaves a message without breaks whole", () => {
    expect(splitQuestions("when is the trial")).toEqual([{ text: "when is the trial", byConjunction: false }]);
  });
});

describe("the reader", () => {
  it("reads an elliptical follow-up with the last question's subject, in each language and script", () => {
    expect(converse(["When does the trial start?", "and where?"]).map((r) => r.topics[0])).toEqual(["next-hearing", "place"]);
    expect(converse(["почему их задержали?", "а по какой статье?"]).map((r) => r.topics[0])).toEqual(["why-detained", "charges"]);
    expect(converse(["олар неге ұсталды?", "ал қашан басталады?"]).map((r) => r.topics[0])).toEqual(["why-detained", "next-hearing"]);
    const arab = converse(["سوت قاشان باستالادى؟", "قايدا؟"]);
    expect(arab.map((r) => r.topics[0])).toEqual(["next-hearing", "place"]);
    expect(arab[1]!.script).toBe("arab");
    expect(arab[1]!.followUp).toBe(true);
  });

  it("lets a follow-up switch language: the reply follows the new message", () => {
    const [, second] = converse(["When does the trial start?", "а где?"]);
    expect(second!.lang).toBe("ru");
    expect(second!.topics).toEqual(["place"]);
  });

  it("forgets the last question after its time: the bare follow-up then leans on nothing", () => {
    const [, fresh] = converse(["When does the trial start?", "and where?"]);
    const [, stale] = converse(["When does the trial start?", "and where?"], DIALOGUE_TTL_MS + 1);
    expect(fresh!.followUp).toBe(true);
    expect(stale!.followUp).toBe(false);
  });

  it("keeps only topics, language and script in the state, never the words asked", () => {
    const [r] = converse(["When does the trial start?"]);
    expect(Object.keys(r!.state!).sort()).toEqual(["at", "lang", "script", "topics"]);
  });

  it("answers up to three questions of one message, and one question only once", () => {
    expect(reader.read("Amnesty не дейді және бұл ақпарат қайдан?", "en", undefined, T0).topics).toEqual(["amnesty", "sources"]);
    expect(reader.read("when is the trial", "en", undefined, T0).topics).toEqual(["next-hearing"]);
    expect(reader.read("Who are the defendants and the activists?", "en", undefined, T0).topics).toHaveLength(1);
    const many = reader.read("когда суд? где суд? сколько их? что им грозит? кто основал Атажурт?", "en", undefined, T0);
    expect(many.topics.length).toBe(3);
  });

  it("reads small talk made only of words the case matcher ignores", () => {
    for (const q of ["hi", "thanks!", "рахмет", "сәлем", "sälem", "سالەم", "спасибо большое"]) expect(reader.read(q, "en", undefined, T0).kind, q).toBe("smalltalk");
  });

  it("reads a courtesy word beside a word it does not know as small talk", () => {
    for (const q of ["спс бро", "көмегіңізге рахмет", "благодарю за ответ"]) expect(reader.read(q, "en", undefined, T0).kind, q).toBe("smalltalk");
    expect(reader.read("what's the weather in Almaty tomorrow", "en", undefined, T0).kind).toBe("none");
  });

  it("answers a hello beside a question about the bot, but not beside a request or a question of the case", () => {
    for (const q of ["hi, who are you?", "сәлем, сен кімсің?", "привет, ты кто?"]) {
      const r = reader.read(q, "en", undefined, T0);
      expect([r.kind, [...r.topics].sort()], q).toEqual(["smalltalk", ["about-bot", "greeting"]]);
    }
    expect(reader.read("hi, how do I subscribe?", "en", undefined, T0).topics).toEqual(["subscribe"]);
    expect(reader.read("hi, when is the trial?", "en", undefined, T0).topics).toEqual(["next-hearing"]);
  });

  it("does not lend a question's subject to a greeting beside it: one question, one answer", () => {
    for (const q of ["salem, sot qashan bastalady?", "сәлем, сот қашан басталады?", "hello, when does the trial start?"]) {
      expect(reader.read(q, "en", undefined, T0).topics, q).toEqual(["next-hearing"]);
    }
  });

  it("takes a story told before the question for no second question, though it names a topic's words", () => {
    expect(reader.read("сәлеметсіз бе, менің ағам сол тізімде, сот қашан болады?", "en", undefined, T0).topics).toEqual(["next-hearing"]);
    expect(reader.read("суд кашан болады, Талдыкорганда ма?", "en", undefined, T0).topics).toEqual(["next-hearing", "place"]);
  });

  it("reads the 19 spelt out as the digits the content writes", () => {
    expect(reader.read("имена девятнадцати активистов", "en", undefined, T0).topics).toEqual(["unknown-names"]);
    expect(reader.read("who are the nineteen", "en", undefined, T0).topics).toEqual(["defendants"]);
  });

  it("reads small talk in Latin letters in the language its own words are in, a name or an «I'm» beside them", () => {
    const langOf = (q: string) => reader.read(q, "en", undefined, T0);
    expect([langOf("Hi, I'm Aidos").kind, langOf("Hi, I'm Aidos").lang]).toEqual(["smalltalk", "en"]);
    expect(langOf("privet, ya Marat").lang).toBe("ru");
    expect(langOf("salem, men Asel").lang).toBe("kk");
  });

  it("takes no Kazakh word of the conversation for a typo of an insult, and a «did you mean» about the bot gives way to a hello", () => {
    expect(reader.read("сұрақ бар", "en", undefined, T0).topics).not.toContain("abuse");
    expect(reader.read("сәлем! сұрақ қойсам бола ма?", "en", undefined, T0).topics).toEqual(["greeting"]);
    expect(reader.read("hello bot!", "en", undefined, T0).topics).toEqual(["greeting"]);
    for (const q of ["tnx", "mersi", "мерси"]) expect(reader.read(q, "en", undefined, T0).topics, q).toEqual(["thanks"]);
  });

  it("reads asking the bot's name, its languages and how it is as small talk, not as the activists' names or their health", () => {
    for (const [q, t] of [["сенің атың кім?", "about-bot"], ["who created you", "about-bot"], ["what languages do you speak", "capabilities"], ["how are you doing", "greeting"], ["рахмеееет", "thanks"]] as const) {
      expect(reader.read(q, "en", undefined, T0).topics, q).toEqual([t]);
    }
    expect(reader.read("кто эти активисты, как их зовут?", "en", undefined, T0).topics).not.toContain("about-bot");
  });

  it("answers thanks and goodbye said without a comma, and one entry said with a word beside it once", () => {
    for (const q of ["thanks bye", "спасибо пока", "рахмет сау бол"]) expect(reader.read(q, "en", undefined, T0).topics, q).toEqual(["thanks", "goodbye"]);
    for (const q of ["сау бол бауырым", "спасибо большое", "good morning"]) expect(reader.read(q, "en", undefined, T0).topics, q).toHaveLength(1);
  });

  it("answers nothing to everyday questions on other subjects that share a case question's frame", () => {
    for (const q of ["Кытайга виза калай алуга болады", "when is the next election in Kazakhstan", "how do I get a Chinese visa", "what's the weather in Taldykorgan", "қытай визасын қалай аламын?", "kurs dollara segodnya"]) {
      expect(reader.read(q, "en", undefined, T0).topics, q).toEqual([]);
    }
  });

  it("finds the question after a long preamble", () => {
    const r = reader.read("Good evening, I am writing an article in Bishkek about this case for a local paper, could you tell me what exactly the charges are?", "en", undefined, T0);
    expect(r.topics).toEqual(["charges"]);
  });

  it("counts a Russian term inside a Kazakh sentence, and replies in Kazakh", () => {
    const r = reader.read("заседание кашан", "en", undefined, T0);
    expect(r.topics).toEqual(["next-hearing"]);
    expect(r.lang).toBe("kk");
  });
});

describe("follow-ups about someone, and two unsure questions", () => {
  it("keeps a question about someone with them: «where is he now?» after a person is that person's topic, not the next", () => {
    expect(converse(["Кто такой Турганбай?", "а где он сейчас?"]).map((r) => r.topics)).toEqual([["turganbay"], ["turganbay"]]);
    expect(converse(["who is Alimnur Turganbay?", "where is he now?"])[1]!.topics).toEqual(["turganbay"]);
    // The same in one message: one question about him, answered once.
    expect(reader.read("Турганбай кім, қазір қайда?", "en", undefined, T0).topics).toEqual(["turganbay"]);
  });

  it("still gives way after a topic about something: «and where?» after the date is the place", () => {
    expect(converse(["when is the trial?", "and where?"]).map((r) => r.topics)).toEqual([["next-hearing"], ["place"]]);
  });

  it("answers two questions that are each only a «did you mean», when both ask and both are near", () => {
    expect(reader.read("kto oni takie i skolko ih", "en", undefined, T0).topics).toEqual(["defendants", "how-many"]);
  });

  it("does not take «…ше?» asked on in a conversation for small talk", () => {
    const [, second] = converse(["нешеуі қамауда?", "қалғандары ше?"]);
    expect(second!.kind).not.toBe("smalltalk");
  });
});
