/**
 * Small talk and the entries about the bot itself (kinds `smalltalk` and `meta`): their own
 * matcher, which weighs every word alike and needs a near-verbatim phrase, and the rules the
 * reader (reader.ts) applies to them. See docs/answers.md, "How a message is read", step 4.
 */
import type { TopicKind } from "../db/schema.js";
import type { Lang } from "../shared/lang.js";
import { SMALLTALK_OPTIONS } from "./options.js";
import { createMatcher, type MatchResult, type TopicQuestions } from "./matcher.js";

/** The most words a small-talk piece has ("thank you so much for your help" is seven). */
export const SMALLTALK_WORDS = 8;
/** Least score of a small-talk entry, in a conversation, for a piece that names nothing and asks no kind of question ("это всем?"). */
export const IN_TALK = 0.9;
export const wordCount = (s: string) => {
  let n = 0;
  for (const _ of s.matchAll(/[\p{L}\p{N}]+/gu)) if (++n > SMALLTALK_WORDS) break;
  return n;
};

const CHATTY: ReadonlySet<TopicKind> = new Set(["smalltalk", "meta"]);
/** The entries about the bot itself: answered beside a greeting ("hi, who are you?"), where a request (subscribe, privacy) or a question of the case is answered alone. */
export const INTRODUCTION: ReadonlySet<string> = new Set(["about-bot", "capabilities"]);
export const GREETING = "greeting";

/** The small-talk matcher over a content's chatty entries, and the readings made with it. */
export function createSmallTalk(topics: readonly (TopicQuestions & { kind?: TopicKind })[], asks: (text: string) => boolean) {
  const chatty = topics.filter((t) => t.kind !== undefined && CHATTY.has(t.kind));
  const chattyIds = new Set(chatty.map((t) => t.id));
  const smalltalkIds = new Set(topics.filter((t) => t.kind === "smalltalk").map((t) => t.id));
  const small = chatty.length > 0 ? createMatcher(chatty, { ...SMALLTALK_OPTIONS, vocabularyTopics: smalltalkIds }) : undefined;

  /** Small talk is a few words; nor is a piece the case matcher is sure of (the small-talk matcher costs about as much). */
  function smallOf(text: string, lang: Lang, r: MatchResult): MatchResult | undefined {
    if (!small || (r.kind === "confident" && !chattyIds.has(r.topic ?? "")) || wordCount(text) > SMALLTALK_WORDS) return undefined;
    const s = small.match(text, lang);
    if (s.kind === "confident") return s;
    // "thanks for the help", "thx, that helps": thanks that ask nothing are not a question about the bot, whose word they share.
    const aboutBot = r.kind === "confident" && !smalltalkIds.has(r.topic!);
    return aboutBot && s.kind === "close" && smalltalkIds.has(s.topic!) && !asks(text) ? { ...s, kind: "confident", score: r.score } : undefined;
  }

  /** "thanks bye", "рахмет сау бол": two small-talk entries said without a comma between them, each confident alone. */
  function twoCourtesies(text: string, lang: Lang): string[] | undefined {
    const w = text.split(/\s+/u).filter((x) => x !== "");
    const said = (x: string[]) => (small ? small.match(x.join(" "), lang) : undefined);
    const sure = (m: MatchResult | undefined) => (m?.kind === "confident" && smalltalkIds.has(m.topic!) ? m.topic : undefined);
    for (let i = 1; w.length <= 6 && i < w.length; i++) {
      const a = sure(said(w.slice(0, i)));
      const b = a && sure(said(w.slice(i)));
      if (a && b && a !== b) return [a, b];
    }
    return undefined;
  }

  /**
   * A word or two that asks nothing (the reader checks that) read as an entry about the bot does not make a
   * message about it: "спасибо, бот", "қайырлы таң, бот" address it; "рахмет, көп көмектестің" is near "көмек" only.
   */
  const addressesBot = (text: string, topic: string | undefined) => topic !== undefined && chattyIds.has(topic) && !smalltalkIds.has(topic) && wordCount(text) <= 2;

  return { small, chattyIds, smalltalkIds, smallOf, twoCourtesies, addressesBot };
}
