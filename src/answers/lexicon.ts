/**
 * Words that ask rather than say. Weights are inverse document frequencies
 * over topics (build-index.ts), but with caps by word class, so that stop
 * words (analyse.ts), light words ("what", "қандай", "будет") and question
 * words ("when", "қашан") never weigh like a subject, however few topics use
 * them. Question words also tell one kind of question from another: "where"
 * is not answered by a topic about "when".
 */
import { stem } from "./analyse.js";
import { readings } from "./tokens.js";

export const STOP_WEIGHT = 0.15;
/** Generic words (what, which, this, will be): they say a question is asked, not about what. */
export const LIGHT_WEIGHT = 0.45;
const LIGHT_RAW = `get got what which whats будет будут был была были было есть болады болды болып болған
  budet budut byl byla byli bylo bolady boldy что чем чём какой какая какое какие каков это эти этот этих эту этим этом этого этой этому этими не қандай қай екен екені екенін екендігін
  кандай кай ne qandai kandai chto chem kakoy kakoi kakaya kakie eto eti etot is eken ekeni ekenin
  known белгілі белгили belgili известно izvestno`;
/**
 * Question words: they tell one kind of question from another ("when" is
 * about a date) but are not a subject; however few topics use one, it
 * weighs at most this.
 */
export const QUESTION_WEIGHT = 1;
/** Kinds of question, most telling first: a question's kind is the first one it has. */
const QUESTION_CLASSES: ReadonlyArray<readonly [number, string]> = [
  [1, "many much сколько скольких қанша неше нешеу qansha kansha neshe skolko"],
  [2, "when whens когда қашан нешеде kogda qashan kashan"],
  [3, "where wheres где қайда жерде qaida kaida kayda gde jerde zherde"],
  // "как зовут X" asks who X is by name: "зовут" asks, the subject is X.
  [4, "who whom whose whos кто кого кому кім кімдер кімді kim kimder kto зовут zovut"],
  [5, "why почему зачем неге pochemu zachem nege"],
  [6, "how как қалай kak qalai kalai"],
  // From where (Kazakh): how a fact is known ("бұл қайдан белгілі?") or where someone comes from. Russian
  // "откуда" stays a plain question word: "kto oni, otkuda" is one question, not a second about the sources.
  [7, "қайдан qaidan kaidan"],
];
export const HOW_CLASS = 6;
/**
 * What an English question asks of time: what may happen ("what could they get?": the penalty they
 * face) or what did ("what did they get?": a sentence passed, a penalty served). Stop words, but a
 * sample question of the other mood fits it less (options.ts, moodPenalty).
 */
const MOODS: ReadonlyArray<readonly [number, string]> = [
  [1, "could can may might will would face faces facing"],
  [2, "did was were got"],
];
const QUESTION_RAW = `when where who whom whose why how many much whos wheres whens
  когда где кто кого кому почему зачем как сколько откуда куда зовут
  қашан қайда жерде кім кімді кімнің неге қалай қанша неше нешеде қайдан қайсы
  kogda gde kto pochemu zachem kak skolko otkuda kuda zovut qashan kashan qaida kayda kaida kim nege qalai kalai
  qansha kansha neshe qaidan`;

/** The light and question words as stems, and the kind of question each question word asks. */
export interface WordClasses {
  lightStems: ReadonlySet<string>;
  questionStems: ReadonlySet<string>;
  classOfStem: ReadonlyMap<string, number>;
  /** The mood (bit 1: may happen, bit 2: did happen) each English mood word asks. */
  moodOfStem: ReadonlyMap<string, number>;
}

/** The stems of a list of words; "all": with the Kazakh and Russian readings of its Latin words. */
function stemsOfWords(raw: string, forLatin: "en" | "all"): Set<string> {
  const set = new Set<string>();
  for (const w of raw.split(/\s+/u)) {
    if (w.length === 0) continue;
    const r = readings(w);
    set.add(stem(r.own));
    if (forLatin === "all" && r.kk !== undefined) set.add(stem(r.kk));
    if (forLatin === "all" && r.ru !== undefined) set.add(stem(r.ru));
  }
  return set;
}

export function wordClasses(): WordClasses {
  const lightStems = stemsOfWords(LIGHT_RAW, "en");
  const questionStems = stemsOfWords(QUESTION_RAW, "en");
  const classOfStem = new Map<string, number>();
  for (const [cls, words] of QUESTION_CLASSES) for (const st of stemsOfWords(words, "all")) if (!classOfStem.has(st)) classOfStem.set(st, cls);
  const moodOfStem = new Map<string, number>();
  for (const [mood, words] of MOODS) for (const st of stemsOfWords(words, "en")) moodOfStem.set(st, mood);
  return { lightStems, questionStems, classOfStem, moodOfStem };
}
