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
    expect(splitQuestions("когда суд и где?")).toEqual([{ text: "когда суд", byConjunction: false, mark: "?" }, { text: "где", byConjunction: true, mark: "?" }]);
  });

  it("cuts Russian translit at «i» before a question word, never at the English pronoun", () => {
    expect(splitQuestions("chto za atajurt i kto osnoval").map((p) => p.text)).toEqual(["chto za atajurt", "kto osnoval"]);
    expect(splitQuestions("how do i get reminders about the hearings").map((p) => p.text)).toEqual(["how do i get reminders about the hearings"]);
    // …and before a yes-or-no question: "i byl li prigovor".
    expect(splitQuestions("kakoy srok im grozit i byl li prigovor?").map((p) => p.text)).toEqual(["kakoy srok im grozit", "byl li prigovor"]);
  });

  it("leaves a message without breaks whole", () => {
    expect(splitQuestions("when is the trial")).toEqual([{ text: "when is the trial", byConjunction: false, mark: "" }]);
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

  it("lends no last subject to a message mostly of words the content lacks: it asks about something else", () => {
    const [, roof] = converse(["when is the trial?", "what colour is the courthouse roof"]);
    expect(roof!.kind).toBe("none");
    // "the others" is one unknown word and still asks on.
    const [, others] = converse(["сколько человек под стражей?", "а остальные?"]);
    expect(others!.kind).not.toBe("none");
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

describe("follow-ups that ask on in their own words, and pieces that ask nothing", () => {
  it("asks the last question again about «the others», in each language and script", () => {
    for (const q of ["а остальные?", "қалғандары ше?", "qalğandary şe?", "قالعاندارى شە؟", "and the others?"]) {
      expect(converse(["неше адам қамауда?", q])[1]!.topics, q).toEqual(["custody"]);
    }
    // Without a last question the same words lean on nothing.
    expect(reader.read("қалғандары ше?", "en", undefined, T0).topics).not.toEqual(["custody"]);
  });

  it("keeps a follow-up on what the last answer offered next when its own words ask for it", () => {
    expect(converse(["Amnesty не деди?", "кайдан билдин?"]).map((r) => r.topics)).toEqual([["amnesty"], ["sources"]]);
    expect(converse(["What did Amnesty say about it?", "where did you get that from?"])[1]!.topics).toEqual(["sources"]);
  });

  it("does not make a question of a polite word before it: «Подскажите, в каком городе будет суд?» is one question", () => {
    const r = reader.read("Здравствуйте, я из Шымкента, у нас многие обсуждают это дело. Подскажите, в каком городе будет суд?", "en", undefined, T0);
    expect(r.topics).toEqual(["place"]);
  });
});

describe("a bare follow-up about the topic just answered", () => {
  it("stays on the last topic when the bare question alone points at it nearly as much: «ол қашан болды?» after the protest is its date", () => {
    expect(converse(["шеру не туралы болды?", "ол қашан болды?"]).map((r) => r.topics)).toEqual([["protest"], ["protest"]]);
    expect(converse(["что за акция была?", "а когда это было?"])[1]!.topics).toEqual(["protest"]);
    // …and still gives way when it points elsewhere: «and where?» after the date is the place.
    expect(converse(["when is the trial?", "and where?"])[1]!.topics).toEqual(["place"]);
  });
});

describe("a follow-up that asks about the last answer itself", () => {
  it("stays on the last topic when it names nothing and asks no kind of question: «is that for all of them?», «это всем?», «бәріне ме?»", () => {
    expect(converse(["what's the maximum penalty?", "is that for all of them?"])[1]!.topics).toEqual(["penalty"]);
    expect(converse(["какое наказание грозит?", "это всем?"])[1]!.topics).toEqual(["penalty"]);
    expect(converse(["қандай жаза қаупі бар?", "бәріне ме?"])[1]!.topics).toEqual(["penalty"]);
  });

  it("still reads thanks after an answer as small talk, and a question word as asking something else", () => {
    expect(converse(["where is the trial?", "thanks"])[1]!.kind).toBe("smalltalk");
    expect(converse(["қандай жаза қаупі бар?", "рахмет"])[1]!.kind).toBe("smalltalk");
    expect(converse(["when is the trial?", "and where?"])[1]!.topics).toEqual(["place"]);
  });
});

describe("pronouns inside one message", () => {
  it("reads «he», «ол» after someone as them, and «it» after someone's topic as the thing named", () => {
    expect(reader.read("Тұрғанбай деген кім, ол да қамауда ма?", "en", undefined, T0).topics).toEqual(["turganbay"]);
    expect(reader.read("who is alimnur turganbay and why did they protest for him", "en", undefined, T0).topics).toEqual(["turganbay"]);
    expect(reader.read("Who founded Atajurt and what does it actually do?", "en", undefined, T0).topics).toEqual(["founder", "atajurt"]);
  });
});

describe("a follow-up naming a place the content does not know", () => {
  it("asks where: «Алматыда ма?», «это в Алматы?», «Is it in Almaty?» after the date are the place", () => {
    for (const [first, q] of [["келесі сот отырысы қашан?", "Алматыда ма?"], ["когда следующее заседание суда?", "это в Алматы?"], ["When's the next court date?", "Is it in Almaty?"], ["كەلەسى سوت وتىرىسى قاشان؟", "الماتىدا ما؟"]] as const) {
      expect(converse([first, q])[1]!.topics, q).toEqual(["place"]);
    }
  });

  it("leaves a Russian word that only ends like the Kazakh locative alone: «а погода там какая?» is not the place", () => {
    expect(converse(["когда суд?", "а погода там какая?"])[1]!.topics).not.toEqual(["place"]);
  });
});

describe("a yes-or-no question after «and»", () => {
  it("is a question of its own after a question: «…және үкім шықты ма?», «…and do they have lawyers?»", () => {
    expect(reader.read("қанша жыл беруі мүмкін және үкім шықты ма?", "en", undefined, T0).topics).toEqual(["penalty", "unknown-verdict"]);
    expect(reader.read("how many of them are in custody, and do they have lawyers?", "en", undefined, T0).topics).toEqual(["custody", "unknown-lawyers"]);
    // Two "did you mean" pieces count as two questions when each asks, a yes-or-no question too.
    expect(reader.read("what's the max sentence and has there been a verdict?", "en", undefined, T0).topics).toEqual(["penalty", "unknown-verdict"]);
  });

  it("is still one question after a noun: «are the defendants and the other activists all in jail?» is not the defendants", () => {
    expect(reader.read("are the defendants and the other activists all in jail?", "en", undefined, T0).topics).not.toContain("defendants");
  });
});
