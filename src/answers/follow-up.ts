/**
 * How a follow-up leans on what was just answered (docs/answers.md, "How a message is read"):
 * the topics about someone, the topics the last answer offered next, and the best other topic for
 * a question that borrowed its subject. Used by the reader (reader.ts); pure.
 */
import type { Lang } from "../shared/lang.js";
import type { Matcher, MatchResult } from "./matcher.js";

/** How near the best of a bare question's own ranking the last topic must be to answer it again (chosen on the tuning split). */
const STILL_POINTED = 0.15;
/** Added to a follow-up's summed score (of two readings) for a topic the last answer offered next. */
const RELATED_BONUS = 0.15;
/** How far below an unsure follow-up's best a topic the last answer offered next may rank and still be taken (chosen on the tuning split). */
const OFFERED_MARGIN = 0.1;

/** How a message that asks on about the last subject opens or ends, in each language and script. */
export const OPENS_ON = /^\s*(?:and|what about|а|ал|и|a|al|i|ну а|ну|ал енді|ендеше|ال)\s+/iu;
export const FOLLOWS_ON = new RegExp(`${OPENS_ON.source}|(?:^|\\s)(?:ше|she|şe|شە|шэ)\\s*[?؟!.]*\\s*$`, "iu");

/** The word that asks "where" in each language: what a follow-up naming an unknown place ("Алматыда ма?") asks. */
const WHERE: Record<Lang, string> = { en: "where", ru: "где", kk: "қайда" };
// A word in the locative: after "in", "в", "на", or with the Kazakh locative ending (-да, -де, -та, -те, -nda…), in each script.
const LOCATIVE = /^(?:.+(?:да|де|та|те)|.+(?:da|de|ta|te)|.+(?:دا|دە|تا|تە))$/iu;
const PLACE_BEFORE = /^(?:in|at|в|во|на|v|vo)$/iu;

/**
 * "Is it in Almaty?", "это в Алматы?", "Алматыда ма?" after the trial date: a follow-up whose only
 * news is a place the content does not know asks where. Its text with the language's "where" for the place, or
 * undefined when it names no such place.
 */
export function mayNamePlace(text: string, lang: Lang): boolean {
  return /(?:^|\s)(?:in|at|в|во|на|v|vo)\s/iu.test(text) || (lang === "kk" && /(?:да|де|та|те|da|de|ta|te|دا|دە|تا|تە)(?=[\s?؟!.,]|$)/iu.test(text));
}

/** (Only for a text that mayNamePlace: its tokens, as the matcher read them, say whether the place is unknown.) */
export function asWhere(text: string, lang: Lang, tokens: ReadonlyArray<{ token: string; matches: readonly string[] }>): string | undefined {
  const words = tokens.map((t) => t.token.toLowerCase());
  // The Kazakh ending only in Kazakh: Russian "погода" and English "inside" end alike.
  const place = tokens.find((t, i) => t.matches.length === 0 && t.token.length >= 4 && ((lang === "kk" && LOCATIVE.test(t.token)) || PLACE_BEFORE.test(words[i - 1] ?? "")));
  // The place itself is left out: a word the content does not know would only weigh the question down.
  return place ? `${WHERE[lang]} ${text.replace(place.token, " ")}` : undefined;
}

interface Topic {
  id: string;
  label?: Partial<Record<Lang, string>> | undefined;
  related?: readonly string[] | undefined;
}

export interface FollowUps {
  /** Topics about someone (their English label names them): what is asked about them stays with them. */
  aboutSomeone: ReadonlySet<string>;
  /** The last topics that give way to the next one (all but those about someone). */
  giveWay(ids: readonly string[]): string[];
  /** `topic` is one the answers of `from` offer next (their related topics). */
  offered(from: readonly string[], topic: string): boolean;
  /** The reading moved to the someone the lent words came from, when it ranks them at all. */
  stayWith(r: MatchResult, from: readonly string[]): MatchResult;
  /**
   * The best topic not in `avoid`, for a piece that asks without a subject: its ranking alone
   * ("where?" → the place, the protest…) and with the lent subject (what it is about), summed,
   * so that neither the bare question word nor the borrowed words decide by themselves.
   */
  another(text: string, lent: string, lang: Lang, avoid: readonly string[]): MatchResult | undefined;
  /**
   * An unsure ("did you mean") reading of a follow-up moved to a topic the last answer offered
   * next when that ranks nearly as high: "oni eshe sidyat?" after the defendants is whether they
   * are held, not the conditions they are held in.
   */
  preferOffered(r: MatchResult, text: string, lang: Lang, from: readonly string[]): MatchResult;
  /**
   * A follow-up that names nothing still asks something new when its own words rank best a topic the
   * last answer offered next, if only nearly: "what could they get?" after the charges is the penalty,
   * not the charges again.
   */
  asksOffered(text: string, lang: Lang, from: readonly string[]): boolean;
}

export function createFollowUps(topics: readonly Topic[], matcher: Matcher, opt: { close: number; confident: number }): FollowUps {
  const relatedOf = new Map(topics.map((t) => [t.id, t.related ?? []]));
  // A topic about someone (its English label names them: "Alimnur Turganbay", "What is Atajurt?")
  // answers what is asked about them: "where is he now?" after it is the same topic, not the next.
  const aboutSomeone = new Set(topics.filter((t) => /\s\p{Lu}\p{Ll}/u.test(t.label?.en ?? "")).map((t) => t.id));
  const offered = (from: readonly string[], topic: string) => from.some((t) => relatedOf.get(t)?.includes(topic));
  return {
    aboutSomeone,
    giveWay: (ids) => ids.filter((id) => !aboutSomeone.has(id)),
    offered,
    stayWith(r, from) {
      const them = from.find((t) => aboutSomeone.has(t) && (r.topic === t || r.alternatives.includes(t)));
      if (them === undefined || r.topic === them) return r;
      return { ...r, kind: "close", topic: them, alternatives: [] };
    },
    preferOffered(r, text, lang, from) {
      if (r.kind !== "close" || r.topic === undefined || from.includes(r.topic) || offered(from, r.topic) || !r.alternatives.some((t) => offered(from, t))) return r;
      const next = matcher.explain(text, lang).ranking.find((t) => t.topic !== r.topic && offered(from, t.topic) && t.score >= r.score - OFFERED_MARGIN);
      return next ? { ...r, topic: next.topic, score: next.score, alternatives: r.alternatives.filter((t) => t !== next.topic) } : r;
    },
    asksOffered(text, lang, from) {
      const top = matcher.explain(text, lang).ranking[0];
      return top !== undefined && !from.includes(top.topic) && offered(from, top.topic) && top.score >= opt.close - OFFERED_MARGIN;
    },
    another(text, lent, lang, last) {
      const alone = matcher.explain(text, lang);
      // A last topic the bare question alone points at nearly as much as at its best answers it too:
      // "ол қашан болды?" after the protest is the protest's date, not the trial's. Unless its best is
      // what the last answer offered next: "what could they get?" after the verdict is the penalty.
      const top = alone.ranking[0]?.score ?? 0;
      const next = alone.ranking[0] !== undefined && !last.includes(alone.ranking[0].topic) && offered(last, alone.ranking[0].topic);
      const avoid = next ? last : last.filter((a) => !alone.ranking.some((t) => t.topic === a && t.score >= top - STILL_POINTED));
      const withLent = matcher.explain(`${text} ${lent}`, lang);
      const sum = new Map<string, number>();
      // Only a topic its own words point at: "and why?" beside the charges is why, not who is charged.
      const own = new Set(alone.ranking.map((t) => t.topic));
      for (const t of [...alone.ranking, ...withLent.ranking]) if (!avoid.includes(t.topic) && (own.size === 0 || own.has(t.topic))) sum.set(t.topic, (sum.get(t.topic) ?? 0) + t.score);
      // The last answer's related topics are its editors' guess at what comes next.
      for (const [t, v] of sum) if (offered(last, t)) sum.set(t, v + RELATED_BONUS);
      let topic: string | undefined;
      let best = 0;
      for (const [t, v] of sum) if (v > best) [topic, best] = [t, v];
      if (topic === undefined || best < opt.close) return undefined;
      const score = Math.round(Math.min(1, best / 2 + 0.2) * 1000) / 1000;
      return { lang: alone.lang, form: alone.form, script: alone.script, kind: score >= opt.confident ? "confident" : "close", topic, score, alternatives: [] };
    },
  };
}
