import type { MiddlewareFn, Transformer } from "grammy";
import type { InlineKeyboardButton, KeyboardButton } from "grammy/types";
import type { KazakhScript, LearntScript } from "../../db/chats.js";
import { SELF_NAMED_LABELS } from "../../render/languages.js";
import { otherScript, transliterateAnswer, transliterateHtml, transliterateLabel, type OtherScript } from "../../render/script.js";
import type { Lang } from "../../shared/lang.js";
import type { BotContext } from "../context.js";

/** Telegram's limits: past them a transliterated text goes out as written, rather than not at all. */
const LIMITS = { text: 4096, caption: 1024, callback: 200 } as const;

type Payload = Record<string, unknown>;

/** Roughly what Telegram counts: the text without its tags, an entity as one character. */
const visibleLength = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/g, "&").length;

function convert(text: unknown, script: OtherScript, limit: number, make = transliterateHtml): unknown {
  if (typeof text !== "string") return text;
  const out = make(text, script);
  return out !== text && visibleLength(out) > limit && visibleLength(text) <= limit ? text : out;
}

/** Button labels; a language's own name (the language choice) stays as it is. */
function convertMarkup(markup: unknown, script: OtherScript): unknown {
  if (!markup || typeof markup !== "object") return markup;
  const text = (s: string) => (SELF_NAMED_LABELS.has(s) ? s : transliterateLabel(s, script));
  const button = (b: InlineKeyboardButton | KeyboardButton) => (typeof b === "string" ? text(b) : { ...b, text: text(b.text) });
  const m = { ...(markup as Payload) };
  if (Array.isArray(m.inline_keyboard)) m.inline_keyboard = (m.inline_keyboard as InlineKeyboardButton[][]).map((row) => row.map(button));
  if (Array.isArray(m.keyboard)) m.keyboard = (m.keyboard as KeyboardButton[][]).map((row) => row.map(button));
  if (typeof m.input_field_placeholder === "string") m.input_field_placeholder = transliterateHtml(m.input_field_placeholder, script);
  return m;
}

/** Text given with entities (offsets) or in Markdown is left alone: only HTML can be redone safely. */
const isHtml = (p: Payload, entities: string) => p[entities] === undefined && (p.parse_mode === undefined || p.parse_mode === "HTML");

function convertInlineResult(r: Payload, script: OtherScript): Payload {
  const out: Payload = { ...r, title: convert(r.title, script, Infinity), description: convert(r.description, script, Infinity) };
  const content = r.input_message_content as Payload | undefined;
  if (content && isHtml(content, "entities")) out.input_message_content = { ...content, message_text: convert(content.message_text, script, LIMITS.text) };
  if (r.reply_markup) out.reply_markup = convertMarkup(r.reply_markup, script);
  return out;
}

function convertPayload(method: string, p: Payload, script: OtherScript): Payload {
  if (method === "answerCallbackQuery") return { ...p, text: convert(p.text, script, LIMITS.callback) };
  if (method === "answerInlineQuery") {
    const button = p.button as Payload | undefined;
    return {
      ...p,
      results: (p.results as Payload[]).map((r) => convertInlineResult(r, script)),
      ...(button ? { button: { ...button, text: convert(button.text, script, Infinity) } } : {}),
    };
  }
  const out: Payload = { ...p };
  if (typeof p.text === "string" && isHtml(p, "entities")) out.text = convert(p.text, script, LIMITS.text);
  if (typeof p.caption === "string" && isHtml(p, "caption_entities")) out.caption = convert(p.caption, script, LIMITS.caption);
  if (p.reply_markup) out.reply_markup = convertMarkup(p.reply_markup, script);
  return out;
}

/** Only what goes to the person this update came from: a message to another chat is in its own script. */
function toThisReader(ctx: BotContext, method: string, p: Payload): boolean {
  if (method === "answerCallbackQuery") return p.callback_query_id === ctx.callbackQuery?.id;
  if (method === "answerInlineQuery") return p.inline_query_id === ctx.inlineQuery?.id;
  return ctx.chat !== undefined && p.chat_id !== undefined && String(p.chat_id) === String(ctx.chat.id);
}

/**
 * An answer's text in the script it goes out in, transliterated once per text and kept
 * (transliterateAnswer): for the answers, which are the bot's own words. The transformer then
 * finds nothing left to change in it.
 */
export function answerText(ctx: BotContext, html: string): string {
  const script = outgoingScript(ctx);
  return script ? (convert(html, script, LIMITS.text, transliterateAnswer) as string) : html;
}

/** The script Kazakh goes out in during this update, read at each call: a feature may change it. */
export function outgoingScript(ctx: BotContext): OtherScript | undefined {
  return (ctx.replyLang ?? ctx.lang) === "kk" ? otherScript(ctx.kkScript) : undefined;
}

/**
 * Kazakh in the reader's script at the edge: every text, caption, button label, pop-up and inline
 * card this update sends to its own chat is transliterated when it is Kazakh and the chat reads
 * Latin or Arabic, so no feature has to remember to. Installed on the update's API client, like
 * the HTML default (parse-mode.ts).
 */
export function readerScript(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const transformer: Transformer = (prev, method, payload, signal) => {
      const script = outgoingScript(ctx);
      const p = payload as Payload | undefined;
      if (!script || !p || !toThisReader(ctx, method, p)) return prev(method, payload, signal);
      return prev(method, convertPayload(method, p, script) as typeof payload, signal);
    };
    ctx.api.config.use(transformer);
    return next();
  };
}

/** Letters a question needs in a script before the chat is taken to write in it ("ok", "19?" are not enough). */
const MIN_LETTERS = 3;
const LETTERS: Record<KazakhScript, RegExp> = { cyrl: /\p{Script=Cyrillic}/gu, latn: /\p{Script=Latin}/gu, arab: /\p{Script=Arabic}/gu };

/**
 * An answer follows its question: in its language and, for Kazakh, in the script it was written
 * in, unless the chat chose a script. A private chat that did not choose remembers the script for
 * what the bot sends later: what to store is returned, for the caller to write with the chat's
 * other write (storeScript alone, or with the dialogue state in one statement). A group's script
 * is its administrators' choice, so one member's question does not change it (docs/answers.md,
 * "Script of the reply").
 */
export function followQuestion(ctx: BotContext, question: string, lang: Lang, script: KazakhScript): LearntScript | undefined {
  ctx.replyLang = lang;
  if (lang !== "kk" || ctx.kkScriptChosen || script === ctx.kkScript) return undefined;
  if ((question.match(LETTERS[script]) ?? []).length < MIN_LETTERS) return undefined;
  ctx.kkScript = script;
  return ctx.chat?.type === "private" ? { id: ctx.chat.id, type: ctx.chat.type, script } : undefined;
}

/** Stores what followQuestion learnt, if anything, on its own. */
export async function storeScript(ctx: BotContext, learnt: LearntScript | undefined): Promise<void> {
  if (learnt) await ctx.deps.chats.setKazakhScript(learnt.id, learnt.type, learnt.script, ctx.deps.clock.now());
}

/** A script chosen with /language or /settings (the caller stores it): from now on in this update too. */
export function chooseScript(ctx: BotContext, script: KazakhScript): void {
  ctx.kkScript = script;
  ctx.kkScriptChosen = true;
}

/**
 * The editors' tools list what people wrote and what was changed, in any language: transliterating
 * them would garble the Russian and English, so they go out as stored. (The editors'
 * conversations run on an API client of their own, which this transformer is not on.)
 */
export function asStored(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  ctx.kkScript = "cyrl";
  return next();
}
