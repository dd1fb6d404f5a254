/**
 * The subject of a question: its words less the ones that only ask (stop words, fillers, light
 * and question words, lexicon.ts). "When does the trial start?" → "trial start". A follow-up
 * that has none ("and where?", "а по какой статье?" keeps "статье") borrows the subject of the
 * question before it (reader.ts), in whatever language that was: the index holds every language.
 */
import { FILLER_STEMS, STOP_STEMS, stem } from "./analyse.js";
import { wordClasses } from "./lexicon.js";
import { cleanText, foldLookalikes } from "./normalise.js";
import { rawTokens, readings } from "./tokens.js";

export type SubjectOf = (text: string) => string;

export function createSubjectOf(): SubjectOf {
  const { lightStems, questionStems, classOfStem } = wordClasses();
  const asks = (s: string) => s.length < 2 || STOP_STEMS.has(s) || FILLER_STEMS.has(s) || lightStems.has(s) || questionStems.has(s) || classOfStem.has(s);
  return (text) => {
    const out: string[] = [];
    for (const tok of rawTokens(foldLookalikes(cleanText(text)))) {
      const r = readings(tok);
      if (asks(stem(r.own))) continue;
      // A Latin word is also read as Kazakh and Russian: "qashan" is a question word there.
      if ((r.kk !== undefined && asks(stem(r.kk))) || (r.ru !== undefined && asks(stem(r.ru)))) continue;
      out.push(tok);
    }
    return out.join(" ");
  };
}
