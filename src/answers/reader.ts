/**
 * Reading a message in its conversation: from a text, and what this chat asked in the last few
 * minutes, to the topics to answer (docs/answers.md, "How a message is read").
 *
 * 1. The message is cut into pieces (split.ts) and each piece is matched (matcher.ts).
 * 2. A piece that asks without a subject ("and where?", "ал қашан?") borrows one: from a
 *    neighbouring piece of the same message ("when and where is it?"), else from the chat's
 *    last question (DialogueState), if it is fresh. A piece with a subject that matches only
 *    weakly is tried with the last subject too, and keeps that reading when it is confident.
 * 3. Small talk and questions about the bot (content kinds smalltalk and meta) are made of the
 *    words the case matcher weighs least ("hi", "who are you"): a second matcher over those
 *    entries alone, which weighs every word alike, reads them.
 * 4. Two or more pieces confident on different topics are two questions: up to three are
 *    answered. Otherwise the message is one question: the whole, or the piece that says the
 *    most when the whole drowns in a preamble ("Good evening, I'm writing an article… when is
 *    the trial?").
 *
 * Pure and synchronous: the caller loads and stores the state (src/db/dialogue.ts).
 */
import type { TopicKind } from "../db/schema.js";
import type { Lang, QuestionKey } from "../shared/lang.js";
import type { Script } from "./language.js";
import { createMatcher, type MatcherOptions, type MatchResult, type TopicQuestions } from "./matcher.js";
import { splitQuestions } from "./split.js";
import { createSubjectOf } from "./subject.js";

/** How long a chat's last question still lends its subject to the next message. */
export const DIALOGUE_TTL_MS = 10 * 60_000;
/** The most topics one reply answers. */
export const MAX_ANSWERS = 3;

/** What a chat asked last: kept per chat for DIALOGUE_TTL_MS. */
export interface DialogueState {
  /** The topics last answered. */
  topics: string[];
  /** The subject words of the question they answered (subject.ts), in the words it was asked. */
  subject: string;
  lang: Lang;
  script: Script;
  /** When, in epoch milliseconds. */
  at: number;
}

export interface TopicEntry extends TopicQuestions {
  kind?: TopicKind;
}

export type ReadingKind = "answer" | "close" | "smalltalk" | "none";

export interface Reading {
  kind: ReadingKind;
  lang: Lang;
  form: QuestionKey;
  script: Script;
  /** The topics to answer, in the message's order: one, or up to MAX_ANSWERS for several questions. */
  topics: string[];
  /** For "close": other topics to offer. */
  alternatives: string[];
  score: number;
  /** The message leant on the chat's last question. */
  followUp: boolean;
  /** The state to keep for the next message (the old one when nothing of the case was answered). */
  state: DialogueState | undefined;
}

export interface Reader {
  read(text: string, fallback: Lang, state: DialogueState | undefined, now: number): Reading;
}

interface Piece {
  r: MatchResult;
  small: MatchResult | undefined;
  subject: string;
  followUp: boolean;
}

/** The small-talk matcher: every word counts, even a stop word; only near-verbatim phrases are confident. */
const SMALLTALK_OPTIONS: Partial<MatcherOptions> = { minInformation: 0.01, bareFit: 0, confident: 0.7, confidentCoverage: 0.7, margin: 0.05, topicShare: 0 };

const CHATTY: ReadonlySet<TopicKind> = new Set(["smalltalk", "meta"]);

export function createReader(topics: readonly TopicEntry[], options: Partial<MatcherOptions> = {}): Reader {
  const matcher = createMatcher(topics, options);
  const chatty = topics.filter((t) => t.kind !== undefined && CHATTY.has(t.kind));
  const small = chatty.length > 0 ? createMatcher(chatty, SMALLTALK_OPTIONS) : undefined;
  const smalltalkIds = new Set(topics.filter((t) => t.kind === "smalltalk").map((t) => t.id));
  const subjectOf = createSubjectOf();

  function piece(text: string, lang: Lang, lent: string): Piece {
    let r = matcher.match(text, lang);
    const subject = subjectOf(text);
    let followUp = false;
    if (lent !== "" && (subject === "" || r.kind !== "confident")) {
      const r2 = matcher.match(`${text} ${lent}`, lang);
      const better = subject === "" ? r2.kind !== "none" && (r.kind !== "confident" || r2.score > r.score) : r2.kind === "confident" && r2.score > r.score;
      if (better) {
        r = { ...r2, lang: r.lang, form: r.form, script: r.script };
        followUp = true;
      }
    }
    const s = small?.match(text, lang);
    return { r, small: s?.kind === "confident" ? s : undefined, subject: followUp && subject === "" ? lent : subject, followUp };
  }

  /** A piece's reading as the message's: small talk wins over a weaker case reading. */
  function single(p: Piece, base: Pick<Reading, "lang" | "form" | "script">, state: DialogueState | undefined, now: number): Reading {
    const { r } = p;
    if (p.small && (r.kind === "none" || p.small.score >= r.score || smalltalkIds.has(r.topic ?? ""))) {
      return { ...base, kind: "smalltalk", topics: [p.small.topic!], alternatives: [], score: p.small.score, followUp: false, state };
    }
    if (r.kind === "none" || r.topic === undefined) return { ...base, kind: "none", topics: [], alternatives: [], score: r.score, followUp: false, state };
    const next = { topics: [r.topic], subject: p.subject, lang: base.lang, script: base.script, at: now };
    return { ...base, kind: r.kind === "confident" ? "answer" : "close", topics: [r.topic], alternatives: r.alternatives, score: r.score, followUp: p.followUp, state: next };
  }

  return {
    read(text, fallback, state, now) {
      const fresh = state !== undefined && now - state.at < DIALOGUE_TTL_MS ? state : undefined;
      const lang0 = fresh?.lang ?? fallback;
      const lastSubject = fresh?.subject ?? "";
      const whole = piece(text, lang0, lastSubject);
      // One language for the reply: the message's as a whole, not each short piece's guess.
      const base = { lang: whole.r.lang, form: whole.r.form, script: whole.r.script };
      const parts = splitQuestions(text);
      if (parts.length === 1) return single(whole, base, fresh, now);

      const subjects = parts.map(subjectOf);
      const pieces = parts.map((p, i) => {
        // A piece without a subject takes its neighbour's ("when and where is it?"), else the chat's.
        const lent = subjects[i] !== "" ? lastSubject : (subjects[i + 1] || subjects[i - 1] || lastSubject);
        return piece(p, base.lang, lent ?? "");
      });
      const answered: Piece[] = [];
      for (const p of pieces) {
        if (p.r.kind !== "confident" || p.r.topic === undefined || smalltalkIds.has(p.r.topic)) continue;
        if (p.small && p.small.score >= p.r.score) continue;
        if (!answered.some((a) => a.r.topic === p.r.topic)) answered.push(p);
      }
      if (answered.length >= 2) {
        const shown = answered.slice(0, MAX_ANSWERS);
        const topics = shown.map((p) => p.r.topic!);
        const subject = shown.map((p) => p.subject).filter(Boolean).join(" ");
        return {
          ...base,
          kind: "answer",
          topics,
          alternatives: [],
          score: Math.min(...shown.map((p) => p.r.score)),
          followUp: shown.some((p) => p.followUp),
          state: { topics, subject, lang: base.lang, script: base.script, at: now },
        };
      }
      // One question: the whole, unless a piece alone is surer (a preamble drowned the whole).
      let best = whole;
      for (const p of pieces) {
        const rank = (x: Piece) => (x.r.kind === "confident" ? 2 : x.r.kind === "close" ? 1 : 0) + x.r.score;
        if (p.r.kind !== "none" && rank(p) > rank(best)) best = p;
      }
      if (best.r.kind === "none" && !best.small) best = pieces.find((p) => p.small) ?? best;
      return single(best, base, fresh, now);
    },
  };
}
