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
import { DEFAULT_OPTIONS } from "./options.js";
import { createMatcher, type MatcherOptions, type MatchResult, type TopicQuestions } from "./matcher.js";
import { createTokenMemo } from "./candidates.js";
import { createCrossLexicon } from "./cross-lexicon.js";
import { formOf, type Script } from "./language.js";
import { splitQuestions } from "./split.js";
import { joinPieces } from "./pieces.js";
import { createSubjectOf } from "./subject.js";
import { asWhere, createFollowUps, FOLLOWS_ON, mayNamePlace, OPENS_ON } from "./follow-up.js";
import { createAskedTwice } from "./asked-twice.js";
import { createSmallTalk, GREETING, INTRODUCTION, IN_TALK } from "./small-talk.js";

/** How long a chat's last question still lends its subject to the next message. */
export const DIALOGUE_TTL_MS = 10 * 60_000;
/** The most topics one reply answers. */
export const MAX_ANSWERS = 3;
/** Least score for a "did you mean" piece to count as a second question beside a confident one. */
const MULTI_CLOSE = 0.43;
/** Least score for each of two "did you mean" pieces, both asking, to count as two questions (chosen on the tuning split). */
const MULTI_BOTH_CLOSE = 0.5;

/** What a chat asked last: kept per chat for DIALOGUE_TTL_MS. */
export interface DialogueState {
  /** The topics last answered. */
  topics: string[];
  lang: Lang;
  script: Script;
  /** When, in epoch milliseconds. */
  at: number;
}

export interface TopicEntry extends TopicQuestions {
  kind?: TopicKind;
  /** The topics its answer offers next: where a follow-up without a subject most likely goes. */
  related?: readonly string[];
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
  text: string;
  r: MatchResult;
  small: MatchResult | undefined;
  /** Its small-talk reading is still to be made (smallOf): it matters only if nothing of the case is found. */
  pending?: boolean;
  subject: string;
  followUp: boolean;
}

export function createReader(topics: readonly TopicEntry[], options: Partial<MatcherOptions> = {}): Reader {
  const opt = { ...DEFAULT_OPTIONS, ...options };
  const matcher = createMatcher(topics, options);
  const { small, chattyIds, smalltalkIds, smallOf, twoCourtesies, addressesBot } = createSmallTalk(topics, (t) => asksAnything(t));
  const tokens = createTokenMemo();
  const subjectOf = createSubjectOf(tokens);
  const { aboutSomeone, giveWay, offered, stayWith, another, preferOffered, asksOffered } = createFollowUps(topics, matcher, opt);
  // A word that asks, or a yes-no question (its particle or auxiliary: subjectOf.yesNo).
  const asksAnything = (text: string) => subjectOf.asks(text) || subjectOf.yesNo(text);
  const askedTwice = createAskedTwice(topics, subjectOf, (t, l) => matcher.match(t, l));
  const labelSubject = new Map<string, string>();
  for (const t of topics) for (const [l, label] of Object.entries(t.label ?? {})) if (label) labelSubject.set(`${t.id}:${l}`, subjectOf(label));

  /**
   * One piece, read alone and, when it asks without a subject or matches only weakly, with a lent
   * subject. A piece that borrowed its subject asks something else about it: "and where?" after
   * "when is the trial?" is not the date again, so the topics in `avoid` give way to the next one.
   */
  /** Most of what a piece weighs is words the content does not have ("what colour is the courthouse roof"): it asks about something else, and lends itself to no last subject. */
  function mostlyUnknown(text: string, lang: Lang): boolean {
    // Two words at least: one unknown word is more often a typo or a word for "the others" than another subject.
    let unknown = 0;
    let words = 0;
    let all = 0;
    for (const t of matcher.explain(text, lang).tokens) {
      all += t.weight;
      if (t.matches.length === 0) [unknown, words] = [unknown + t.weight, words + 1];
    }
    return words >= 2 && unknown / all >= 0.5 && !subjectOf.rest(text);
  }

  function piece(whole: string, lang: Lang, lent: string, avoid: readonly string[], known?: string, from: readonly string[] = [], lazy = false): Piece {
    // "ал қашан?", "a kogda?": in a conversation the opening "and" only says it asks on; the matcher
    // would weigh it as an unknown word.
    let text = lent !== "" ? whole.replace(OPENS_ON, "") || whole : whole;
    let r = matcher.match(text, lang);
    // "Алматыда ма?" after the date names a place the content does not know: it asks where, of the last subject.
    const where = lent !== "" && r.kind === "none" && mayNamePlace(text, r.lang) ? asWhere(text, r.lang, matcher.explain(text, lang).tokens) : undefined;
    if (where !== undefined) {
      r = { ...matcher.match(where, r.lang), lang: r.lang, form: r.form, script: r.script };
      text = where;
      known = undefined;
    }
    // "қалғандары ше?", "а остальные?", "and the others?" in a conversation ask on: no small talk.
    const asksOn = lent !== "" && FOLLOWS_ON.test(text);
    if (asksOn && smalltalkIds.has(r.topic ?? "")) r = { ...r, kind: "none", topic: undefined, alternatives: [] };
    // Only a piece that may lean on another needs its subject (a sibling's is computed by the caller).
    const subject = known ?? (lent !== "" ? subjectOf(text) : "-");
    let followUp = false;
    // "and the others?" after "how many are in custody?": the same question about the rest. So is one that
    // names nothing and asks no kind of question ("is that for all of them?", "это всем?", "бәріне ме?"),
    // unless it is one of the case's or small talk's own phrases.
    const sure = r.kind === "confident" && (!smalltalkIds.has(r.topic ?? "") || r.score >= IN_TALK);
    if (lent !== "" && subject === "" && from.length > 0 && (subjectOf.rest(text) || (!sure && !subjectOf.kindAsked(text) && (subjectOf.asks(text) || /[?؟]\s*$/u.test(text)) && !asksOffered(text, lang, from)))) {
      const r2 = matcher.match(`${text} ${lent}`, lang);
      const topic = from.find((t) => t === r2.topic || r2.alternatives.includes(t)) ?? from[0]!;
      r = { ...r, kind: "confident", topic, score: Math.max(r2.score, opt.confident), alternatives: [] };
      return { text, r, small: undefined, subject: lent, followUp: true };
    }
    // "was he prosecuted too?", "оны да соттады ма?" after someone: about them, unless its own words ask
    // for what their answer offers next ("а кто его основал?" after Atajurt is the founder).
    if (lent !== "" && subject !== "" && r.topic !== undefined && !from.includes(r.topic) && from.some((t) => aboutSomeone.has(t)) && subjectOf.pointsAtOne(text) && !offered(from, r.topic)) {
      const e = matcher.explain(`${text} ${lent}`, lang);
      const them = e.ranking.find((t) => from.includes(t.topic) && aboutSomeone.has(t.topic));
      if (them) {
        const kind = e.topic === them.topic ? e.kind : "close";
        return { text, r: { ...r, kind, topic: them.topic, score: them.score, alternatives: [] }, small: undefined, subject, followUp: true };
      }
    }
    if (lent !== "" && (subject === "" || r.kind !== "confident") && !(subject !== "" && r.kind === "none" && mostlyUnknown(text, lang))) {
      let r2 = matcher.match(`${text} ${lent}`, lang);
      if (subject === "" && r2.topic !== undefined && avoid.includes(r2.topic)) r2 = another(text, lent, lang, avoid) ?? r2;
      if (asksOn && smalltalkIds.has(r2.topic ?? "")) r2 = another(text, lent, lang, [...avoid, ...smalltalkIds]) ?? { ...r2, kind: "none", topic: undefined, alternatives: [] };
      // A question with no subject of its own names no one: "where is he now?" after someone is about them.
      if (subject === "") r2 = stayWith(r2, from);
      const aboutThem = r2.topic !== undefined && aboutSomeone.has(r2.topic) && r2.topic !== r.topic;
      // What the last answer offered next, asked in words of its own ("where did you get that?" after
      // Amnesty's statement: the sources), stays, however the lent words read.
      // So does the last topic itself when the bare question alone already points at it ("when was it?" after the protest).
      const expected = r.topic !== undefined && r.kind !== "none" && (from.includes(r.topic) || offered(from, r.topic)) && (r.kind === "confident" || r.score >= r2.score || (subject === "" && from.includes(r2.topic ?? "")));
      const better = subject === "" ? r2.kind !== "none" && !expected && (r.kind !== "confident" || r2.score > r.score || aboutThem) : r2.kind === "confident" && r2.score > r.score && (r.kind === "none" || r2.topic === r.topic);
      // Its own words say too little ("the most they could get", "napomnit"), and the lent words alone
      // would answer the last topic again: read beside the last subject, the last topics giving way.
      const again = better && subject !== "" && giveWay(from).includes(r2.topic ?? "");
      if (better && !again) {
        r = { ...r2, lang: r.lang, form: r.form, script: r.script };
        followUp = true;
      } else if (subject !== "" && r.kind === "none" && from.length > 0) {
        const alt = another(text, lent, lang, giveWay(from));
        const next = alt?.kind === "confident" && alt.score > r.score ? alt : again ? r2 : undefined;
        if (next) {
          r = { ...next, lang: r.lang, form: r.form, script: r.script };
          followUp = true;
        }
      }
    }
    // Small talk is a few words: a longer piece is not read as it (and costs no second match). An unsure follow-up may take what the last answer offered next.
    const p: Piece = { text, r: lent !== "" && !followUp ? preferOffered(r, text, lang, from) : r, small: undefined, subject: followUp && subject === "" ? lent : subject, followUp };
    if (asksOn) return p;
    if (lazy && p.r.kind === "none") return { ...p, pending: true };
    return { ...p, small: smallOf(text, lang, p.r) };
  }

  /** A piece's reading as the message's: small talk wins over a weaker case reading. */
  function single(p: Piece, base: Pick<Reading, "lang" | "form" | "script">, state: DialogueState | undefined, now: number): Reading {
    const { r } = p;
    // A "did you mean" about the bot ("hello bot!" → About this bot) gives way to small talk said outright.
    if (p.small && (r.kind === "none" || p.small.score >= r.score || smalltalkIds.has(r.topic ?? "") || (r.kind === "close" && chattyIds.has(r.topic ?? "")))) {
      // A word or two says little about its language ("privet", "spasibo"): the small-talk
      // entries' own vocabulary does, where the case's detection could not.
      // Only Latin is that ambiguous: Cyrillic and Arabic script say enough themselves.
      const form = base.script === "latn" ? small!.explain(p.text, base.lang).ranking[0]?.form : undefined;
      const lang = form?.startsWith("ru") ? { lang: "ru" as const, form: "ru_latn" as const } : form?.startsWith("kk") ? { lang: "kk" as const, form: "kk_latn" as const } : form === "en" ? { lang: "en" as const, form: "en" as const } : {};
      return { ...base, ...lang, kind: "smalltalk", topics: twoCourtesies(p.text, base.lang) ?? [p.small.topic!], alternatives: [], score: p.small.score, followUp: false, state };
    }
    if (r.kind === "none" || r.topic === undefined) return { ...base, kind: "none", topics: [], alternatives: [], score: r.score, followUp: false, state };
    // Small talk is said or not: a "did you mean" greeting (or rebuke) to "tell me a joke" is neither.
    if (smalltalkIds.has(r.topic)) {
      if (r.kind !== "confident") {
        // "…денсаулығы қалай?" is near "қалайсың" but asks about their health: the next topic, if any.
        const next = r.alternatives.find((t) => !smalltalkIds.has(t));
        if (next === undefined) return { ...base, kind: "none", topics: [], alternatives: [], score: r.score, followUp: false, state };
        return { ...base, kind: "close", topics: [next], alternatives: [], score: r.score, followUp: false, state: { topics: [next], lang: base.lang, script: base.script, at: now } };
      }
      return { ...base, kind: "smalltalk", topics: twoCourtesies(p.text, base.lang) ?? [r.topic], alternatives: [], score: r.score, followUp: false, state };
    }
    const next = { topics: [r.topic], lang: base.lang, script: base.script, at: now };
    return { ...base, kind: r.kind === "confident" ? "answer" : "close", topics: [r.topic], alternatives: r.alternatives, score: r.score, followUp: p.followUp, state: next };
  }

  const cross = createCrossLexicon();
  const rank = (x: Reading) => (x.kind === "none" ? 0 : x.kind === "close" ? 1 : 2) + x.score + (x.topics.length > 1 ? 1 : 0);

  return {
    read(text, fallback, state, now) {
      // One message is scored several times (whole, pieces, lent subject, borrowed terms): its tokens are looked up once.
      tokens.readings.clear();
      tokens.texts.clear();
      return matcher.reading(tokens, () => (small ? small.reading(tokens, () => readMessage(text, fallback, state, now)) : readMessage(text, fallback, state, now)));
    },
  };

  function readMessage(text: string, fallback: Lang, state: DialogueState | undefined, now: number): Reading {
    {
      const own = readText(text, fallback, state, now);
      const c = cross.read(text, fallback);
      if (c === undefined) return own;
      // Borrowed terms: the sentence's language, and the better of the two readings.
      const other = readText(c.text, c.lang, state, now);
      const best = rank(other) > rank(own) ? other : own;
      const form = formOf(c.lang, best.script);
      return { ...best, lang: c.lang, form, state: best.state && best.state !== state ? { ...best.state, lang: c.lang } : best.state };
    }
  }

  function readText(text: string, fallback: Lang, state: DialogueState | undefined, now: number): Reading {
    {
      const fresh = state !== undefined && now - state.at < DIALOGUE_TTL_MS ? state : undefined;
      const lang0 = fresh?.lang ?? fallback;
      // The person's words are not kept (docs/privacy.md): the last topics lend their labels' subject.
      const lastSubject = fresh ? fresh.topics.map((id) => labelSubject.get(`${id}:${fresh.lang}`) ?? "").join(" ").trim() : "";
      const lastTopics = fresh?.topics ?? [];
      const whole = piece(text, lang0, lastSubject, giveWay(lastTopics), undefined, lastTopics);
      // One language for the reply: the message's as a whole, not each short piece's guess.
      const base = { lang: whole.r.lang, form: whole.r.form, script: whole.r.script };
      // A piece that only completes the one before ("…and the activists", "…, из-за которого…") belongs to it.
      const joined = joinPieces(splitQuestions(text), subjectOf);
      const parts = joined.map((p) => p.text);
      if (parts.length === 1) return single(whole, base, fresh, now);

      const subjects = parts.map(subjectOf);
      const pieces = parts.map((p, i) => {
        // A piece without a subject takes its neighbour's ("when and where is it?"), else the chat's.
        // Only a piece that asks: "Подскажите," before the question borrows nothing; a piece that
        // neither names nor asks anything ("salem", "ok", "ладно") asks nothing about another's subject.
        const idle = subjects[i] === "" && !subjectOf.asks(p);
        const fromSibling = subjects[i] === "" && !idle && Boolean(subjects[i + 1] || subjects[i - 1]);
        const lent = idle ? "" : subjects[i] !== "" ? lastSubject : (subjects[i - 1] || subjects[i + 1] || lastSubject);
        return { at: i, fromSibling, p: piece(p, base.lang, lent ?? "", fromSibling ? [] : giveWay(lastTopics), subjects[i], fromSibling ? [] : lastTopics, true) };
      });
      // A piece that borrowed its neighbour's subject asks something else about it.
      for (const x of pieces) {
        // "Turganbai kim? ony ne ushin qamagan?": a piece that points back at someone with a pronoun asks
        // about them, when read with their name it is their topic or one of its "did you mean".
        const before = pieces[x.at - 1]?.p;
        if (!x.fromSibling && before?.r.topic !== undefined && aboutSomeone.has(before.r.topic) && x.p.r.topic !== before.r.topic && subjectOf.pointsAtOne(parts[x.at]!)) {
          const r2 = stayWith(matcher.match(`${parts[x.at]!} ${before.subject === "-" ? subjects[x.at - 1]! : before.subject}`, base.lang), [before.r.topic]);
          if (r2.topic === before.r.topic) x.p = { ...x.p, r: { ...r2, lang: x.p.r.lang, form: x.p.r.form, script: x.p.r.script } };
        }
        if (!x.fromSibling) continue;
        const sib = pieces[x.at - 1]?.p.subject ? pieces[x.at - 1] : pieces[x.at + 1];
        const sibTopic = sib?.p.r.topic;
        if (sibTopic !== undefined && aboutSomeone.has(sibTopic) && !subjectOf.pointsAtIt(parts[x.at]!)) {
          // "Турганбай кім, қазір қайда?": the second asks about the same someone, one topic.
          const r2 = stayWith(x.p.r.topic === sibTopic ? x.p.r : matcher.match(`${parts[x.at]!} ${sib!.p.subject}`, base.lang), [sibTopic]);
          if (r2.topic === sibTopic) x.p = { ...x.p, r: { ...r2, lang: x.p.r.lang, form: x.p.r.form, script: x.p.r.script } };
        } else if (sibTopic !== undefined && x.p.r.topic === sibTopic) {
          // Read as its sibling's topic again: its own words choose another the borrowed subject may be asked about.
          const alt = another(parts[x.at]!, sib!.p.subject, base.lang, [sibTopic]);
          if (alt) x.p = { ...x.p, r: { ...alt, lang: x.p.r.lang, form: x.p.r.form, script: x.p.r.script } };
        } else if (x.p.followUp && x.p.r.topic !== undefined && !matcher.explain(parts[x.at]!, base.lang).ranking.some((t) => t.topic === x.p.r.topic)) {
          // A topic only the lent words point at ("…accused of and why?" → who is accused) is the sibling's evidence, not its own.
          x.p = { ...x.p, r: matcher.match(parts[x.at]!, base.lang), followUp: false };
        }
      }
      // A piece the case matcher found nothing in is read for small talk only when no piece is of the case:
      // beside one, a greeting is not answered and gives way (below) whatever its reading.
      const caseHit = pieces.some(({ p }) => p.r.topic !== undefined && !smalltalkIds.has(p.r.topic) && !INTRODUCTION.has(p.r.topic) && (p.r.kind === "confident" || (p.r.kind === "close" && p.r.score >= MULTI_CLOSE)));
      for (const x of pieces) if (x.p.pending && (!caseHit || x.p.r.kind !== "none")) x.p = { ...x.p, small: smallOf(x.p.text, base.lang, x.p.r), pending: false };
      // Each piece's topic: small talk when that reading is surer than the case's.
      const hits: Array<{ p: Piece; topic: string; score: number; sure: boolean }> = [];
      for (const { p, at } of pieces) {
        // A piece that names nothing and asks nothing ("Подскажите,", "aityñyzşy") is no question of its own.
        const filler = subjects[at] === "" && !subjectOf.asks(p.text);
        const chat = p.small && (p.r.kind === "none" || p.small.score >= p.r.score) ? p.small : undefined;
        const topic = chat?.topic ?? p.r.topic;
        const score = chat?.score ?? p.r.score;
        const sure = chat !== undefined || p.r.kind === "confident";
        // "спасибо, бот": a word or two naming the bot, asking nothing, beside another piece only addresses it; beside a
        // question of the case, one about the bot needs the case matcher's reading, as sure as two unsure questions ("…, why they use it?").
        if ((addressesBot(p.text, topic) && !asksAnything(p.text)) || (chattyIds.has(topic ?? "") && !smalltalkIds.has(topic ?? "") && caseHit && (p.r.topic !== topic || (p.r.kind !== "confident" && p.r.score < MULTI_BOTH_CLOSE)))) continue;
        // An unsure piece that asks nothing ("my brother is on that list") is the story told before the question.
        // Nor is a sentence closed with a full stop before the question ("…, пишу статью про это дело. Подскажите, …?").
        if (topic === undefined || joined[at]!.aside || (!sure && (p.r.kind !== "close" || score < MULTI_CLOSE || !asksAnything(p.text))) || (filler && !smalltalkIds.has(topic))) continue;
        if (!hits.some((h) => h.topic === topic)) hits.push({ p, topic, score, sure });
      }
      // A greeting or an "ok" beside a question is not answered on its own, but a hello beside a question about the bot itself ("hi, who are you?") is.
      const introduced = hits.some((h) => h.topic === GREETING) && hits.every((h) => smalltalkIds.has(h.topic) || INTRODUCTION.has(h.topic));
      const ofCase = introduced ? [] : hits.filter((h) => !smalltalkIds.has(h.topic));
      const kept = askedTwice(ofCase.length > 0 ? ofCase : hits, base.lang);
      if (kept.length >= 2 && (kept.some((h) => h.sure) || kept.every((h) => h.score >= MULTI_BOTH_CLOSE && (subjectOf.asks(h.p.text) || subjectOf.yesNo(h.p.text))))) {
        const shown = kept.slice(0, MAX_ANSWERS);
        const topics = shown.map((h) => h.topic);
        const allChat = shown.every((h) => chattyIds.has(h.topic));
        // Small talk with a word about the bot ("hi, who are you?") is answered as small talk: no title, no source.
        const chat = allChat && shown.some((h) => smalltalkIds.has(h.topic));
        return {
          ...base,
          kind: chat ? "smalltalk" : "answer",
          topics,
          alternatives: [],
          score: Math.min(...shown.map((h) => h.score)),
          followUp: shown.some((h) => h.p.followUp),
          state: allChat ? fresh : { topics, lang: base.lang, script: base.script, at: now },
        };
      }
      // One question: the whole, unless a piece alone is surer (a preamble drowned the whole).
      // Small talk beside a question of the case ("Good evening, … what are the charges?") gives way to it; so does the story told before it, unless surer.
      const rank = (x: Piece, aside = false) => (x.r.kind === "confident" ? 2 : x.r.kind === "close" ? 1 : 0) + x.r.score - (x.small || smalltalkIds.has(x.r.topic ?? "") ? 2 : 0) - (aside ? 1 : 0);
      let [best, bestRank] = [whole, rank(whole)];
      for (const { p, at } of pieces) {
        if (p.r.kind === "none" || (addressesBot(p.text, p.r.topic) && !asksAnything(p.text))) continue;
        if (rank(p, joined[at]!.aside) > bestRank) [best, bestRank] = [p, rank(p, joined[at]!.aside)];
      }
      if (best.r.kind === "none" && !best.small) best = pieces.find((x) => x.p.small)?.p ?? best;
      return single(best, base, fresh, now);
    }
  }
}
