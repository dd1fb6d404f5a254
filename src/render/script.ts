/**
 * Kazakh in the reader's script. Every Kazakh text is written and stored in Cyrillic; a reader of
 * the Latin alphabet or of the Arabic script (tote jazu) gets it transliterated on the way out
 * (docs/answers.md, "Script of the reply"). Pure functions.
 */
import { kkCyrlToArab, kkCyrlToLatn } from "../answers/transliterate.js";
import type { KazakhScript } from "../db/schema.js";
import type { Buttons, Rendered } from "./buttons.js";

/** A script Kazakh is transliterated into: every one but the Cyrillic it is stored in. */
export type OtherScript = Exclude<KazakhScript, "cyrl">;

const TRANSLIT: Record<OtherScript, (s: string) => string> = { latn: kkCyrlToLatn, arab: kkCyrlToArab };

/** The script to transliterate into, or undefined when Kazakh goes out as it is stored. */
export const otherScript = (script: KazakhScript | null | undefined): OtherScript | undefined =>
  script === "latn" || script === "arab" ? script : undefined;

/**
 * What must reach the reader exactly as written: tags (their attributes hold links), entities,
 * code, links, @usernames, /commands, #hashtags and template placeholders.
 */
const PROTECTED =
  /<code\b[^>]*>[\s\S]*?<\/code>|<pre\b[^>]*>[\s\S]*?<\/pre>|<[^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);|(?:https?:\/\/|www\.)(?:[^\s<>«»"]*[^\s<>«»".,;:!?)])?|@\w+|(?<![\p{L}\p{N}_])\/[A-Za-z0-9_]+|#[\p{L}\p{N}_]+|\{\{[^}]*\}\}/gu;
/** Stands for the n-th protected piece while the rest is transliterated (private-use characters no text of ours holds). */
const HOLE = /\ue000(\d+)\ue001/g;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee-\u06ff]/u;
/**
 * RIGHT-TO-LEFT MARK: Telegram sets each paragraph's direction by its first strong character, so
 * a line that starts with a date, an emoji or a Latin name would otherwise read left to right.
 */
export const RLM = "\u200f";

/**
 * A Telegram HTML text in another script, markup, links, names and commands untouched. Plain text
 * (a button, a pop-up, a calendar field) is HTML without tags and goes through the same way.
 * `rtlMark: false` where the medium sets the direction itself (a page with dir="rtl", a calendar file).
 */
export function transliterateHtml(text: string, script: OtherScript, opts: { rtlMark?: boolean } = {}): string {
  const mark = opts.rtlMark ?? true;
  if (!CYRILLIC.test(text)) return text;
  const held: string[] = [];
  const open = text.replace(PROTECTED, (piece) => {
    held.push(piece);
    return `\ue000${held.length - 1}\ue001`;
  });
  const lines = open.split("\n").map((line) => {
    // A line with no Cyrillic (a link, a date, an English paragraph) keeps even its punctuation.
    if (!CYRILLIC.test(line)) return line;
    const out = TRANSLIT[script](line);
    return mark && script === "arab" && ARABIC_LETTER.test(out) && !out.startsWith(RLM) ? RLM + out : out;
  });
  const joined = lines.join("\n");
  return held.length ? joined.replace(HOLE, (_, i: string) => held[Number(i)]!) : joined;
}

type Kept = Record<OtherScript, Map<string, string>>;
/** The most button labels kept transliterated (all forgotten at once past that). */
const KEPT_LABELS = 2000;
const keptLabels: Kept = { latn: new Map(), arab: new Map() };
/** The most answers kept: each is a few hundred characters to a few kilobytes. */
const KEPT_ANSWERS = 300;
const keptAnswers: Kept = { latn: new Map(), arab: new Map() };

function kept(store: Kept, most: number, text: string, script: OtherScript): string {
  const m = store[script];
  let out = m.get(text);
  if (out === undefined) {
    out = transliterateHtml(text, script);
    if (m.size >= most) m.clear();
    m.set(text, out);
  }
  return out;
}

/**
 * A button label in another script, as transliterateHtml makes it: the same few hundred labels
 * (topics, menus, "did you mean") go out on every reply, so each is made once and kept. Only for
 * labels, the bot's own words: a text that may quote what someone wrote is never kept.
 */
export const transliterateLabel = (label: string, script: OtherScript): string => kept(keptLabels, KEPT_LABELS, label, script);

/**
 * An answer rendered from the content (a topic, small talk, the no-answer reply) in another
 * script, kept like the labels: the same answers go out again and again, and transliterating
 * one costs more than the rest of its reply. Only for what the bot writes from its own content,
 * never for a text that holds what someone wrote.
 */
export const transliterateAnswer = (html: string, script: OtherScript): string => kept(keptAnswers, KEPT_ANSWERS, html, script);

/** Button labels in another script; what a button does is not touched. */
export function transliterateButtons(buttons: Buttons, script: OtherScript): Buttons {
  return buttons.map((row) => row.map((b) => ({ ...b, text: transliterateLabel(b.text, script) })));
}

/** A whole rendered message, text and buttons, for a Kazakh reader of another script. */
export function transliterateRendered<R extends Rendered>(r: R, script: OtherScript): R {
  return { ...r, html: transliterateHtml(r.html, script), buttons: transliterateButtons(r.buttons, script) };
}
