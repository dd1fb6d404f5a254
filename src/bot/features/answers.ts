import { performance } from "node:perf_hooks";
import { type Filter } from "grammy";
import { detectLanguage } from "../../answers/language.js";
import { parseDialogueState } from "../../answers/dialogue.js";
import { createReader, type DialogueState, type Reading } from "../../answers/reader.js";
import { recordUnanswered } from "../../editorial/reports.js";
import { Rows } from "../../render/buttons.js";
import { transliterateHtml } from "../../render/script.js";
import { renderSeveral, renderSmalltalk } from "../../render/several.js";
import { renderTopic } from "../../render/topic.js";
import type { LearntScript } from "../../db/chats.js";
import type { AnswerOutcome } from "../../shared/metrics.js";
import type { BotContext, BotDeps } from "../context.js";
import { cbPattern } from "../callback-data.js";
import { menuKeyboard, toKeyboard } from "../keyboards.js";
import { liveFactsFor, showsHearing } from "../live.js";
import { answerText, followQuestion, storeScript } from "../middleware/script.js";
import { LeanComposer } from "../composer.js";

/**
 * Telegram's own limit for a message's text. Anything longer (only a webhook caller or the local
 * chat can send it) gets a request for one short question.
 */
export const MAX_QUESTION_LENGTH = 4096;
/** Enough text to tell the language of an over-long message without reading all of it. */
const DETECT_PREFIX = 500;

const html = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/**
 * The reply and the chat's writes at once, each on its own connection: against Telegram the
 * reply is most of the update's time, and the writes need not wait for it (nor it for them).
 * All are done before the update ends, whatever failed, so the chat's next update (sequentialized)
 * reads what this one wrote; then the first failure goes on to the error boundary.
 */
async function together(...work: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * Free-text questions: every text in a private chat, and in groups only what is addressed to the
 * bot (a mention, a reply to it, or /ask). The reply comes in the question's language.
 */
export function answersFeature(deps: BotDeps) {
  const c = new LeanComposer<BotContext>();
  const reader = deps.content.derive((s) => createReader(s.topics.map((t) => ({ id: t.id, questions: t.questions, label: t.label, kind: t.kind, related: t.related }))));

  /** What this chat asked last, for the next message, written only when it changed; with the script learnt, if any, in one write. */
  async function remember(ctx: BotContext, before: DialogueState | undefined, reading: Reading, learnt: LearntScript | undefined): Promise<void> {
    if (!ctx.chat || reading.state === undefined || reading.state === before) return storeScript(ctx, learnt);
    await ctx.deps.dialogue.save(ctx.chat.id, reading.state, ctx.deps.clock.now(), learnt);
  }

  async function answer(ctx: BotContext, question: string, replyTo?: number): Promise<void> {
    const started = performance.now();
    const observe = (outcome: AnswerOutcome, lang: string, script?: string) => ctx.deps.metrics.answer(outcome, lang, script, (performance.now() - started) / 1000);
    const reply = (text: string, keyboard?: ReturnType<typeof toKeyboard>) =>
      ctx.reply(answerText(ctx, text), {
        ...html,
        reply_markup: keyboard,
        ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      });
    if (question.length > MAX_QUESTION_LENGTH) {
      // In the message's language, like every answer: a Russian text in an English chat is read in Russian.
      const { lang } = detectLanguage(question.slice(0, DETECT_PREFIX), ctx.lang);
      await reply(ctx.deps.i18n.t(lang)("too_long"));
      observe("too_long", lang);
      return;
    }
    const now = ctx.deps.clock.now();
    const state = parseDialogueState(ctx.dialogue);
    const reading = reader().read(question, ctx.lang, state, now.getTime());
    // The chat's script is on the context at once; it is written with the update's other write.
    const learnt = followQuestion(ctx, question, reading.lang, reading.script);
    const snap = ctx.deps.content.current();
    const found = reading.topics.map((id) => snap.topicById.get(id)).filter((x) => x !== undefined);
    const lang = reading.lang;
    if (reading.kind === "none" || found.length === 0) {
      await together(storeScript(ctx, learnt), recordUnanswered(ctx.deps.database, question, lang, now), reply(ctx.deps.i18n.t(lang)("no_answer"), menuKeyboard(snap, lang)));
      observe("unknown", lang, reading.script);
      return;
    }
    if (reading.kind === "smalltalk" || found.length > 1) {
      // The record is read once, for the first answer that shows the next hearing, if any.
      const live = await liveFactsFor(ctx.deps, found.find(showsHearing) ?? found[0]!, undefined, ctx.hearingsDigest);
      const r = (reading.kind === "smalltalk" ? renderSmalltalk : renderSeveral)(ctx.deps.i18n, snap, found, lang, live);
      await together(reply(r.html, toKeyboard(r.buttons)), remember(ctx, state, reading, learnt));
      observe(reading.kind === "smalltalk" ? "small_talk" : "several_topics", lang, reading.script);
      return;
    }
    const topic = found[0]!;
    const result = { ...reading, topic: topic.id };
    const t = ctx.deps.i18n.t(result.lang);
    const extra = new Rows();
    if (result.kind === "close") {
      // One button per topic: an alternative that is the answer itself, or one of its related-topic
      // buttons below, would be the same button twice.
      const offered = new Set([topic.id, ...topic.related]);
      for (const alt of result.alternatives) {
        if (offered.has(alt)) continue;
        offered.add(alt);
        const other = snap.topicById.get(alt);
        if (other) extra.add({ text: `${t("did_you_mean")} ${other.label[result.lang]}`, action: { kind: "topic", topic: other.id, lang: result.lang } }).row();
      }
    }
    if (result.lang === "kk" && (result.script === "latn" || result.script === "arab") && result.script !== ctx.kkScript) {
      extra.add({ text: t(result.script === "latn" ? "show_latin" : "show_arabic"), action: { kind: "translit", topic: topic.id, script: result.script } }).row();
    }
    const r = renderTopic(ctx.deps.i18n, snap, topic, result.lang, await liveFactsFor(ctx.deps, topic, undefined, ctx.hearingsDigest), { extraRows: extra.done() });
    await together(reply(r.html, toKeyboard(r.buttons)), remember(ctx, state, reading, learnt));
    observe(result.kind === "close" ? "did_you_mean" : "answered", result.lang, result.script);
  }

  const mentionsMe = (ctx: Filter<BotContext, "message:text">) =>
    (ctx.message.entities ?? []).some(
      (e) => e.type === "mention" && ctx.message.text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === ctx.me.username.toLowerCase(),
    );
  const withoutMention = (ctx: Filter<BotContext, "message:text">) => ctx.message.text.replace(new RegExp(`@${ctx.me.username}\\b`, "gi"), " ").trim();

  c.command("ask", async (ctx) => {
    const q = ctx.match.trim();
    if (!q) return void (await ctx.reply(ctx.t("ask_usage")));
    await answer(ctx, q, ctx.chat.type === "private" ? undefined : ctx.msg.message_id);
  });

  c.chatType("private").on("message:text", async (ctx, next) => {
    if (ctx.message.text.startsWith("/")) return next();
    await answer(ctx, ctx.message.text);
  });

  c.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    const repliedToMe = ctx.message.reply_to_message?.from?.id === ctx.me.id;
    if (ctx.message.text.startsWith("/") || !(repliedToMe || mentionsMe(ctx))) return next();
    const q = withoutMention(ctx);
    if (!q) return void (await ctx.reply(ctx.t("ask_usage"), { reply_parameters: { message_id: ctx.message.message_id } }));
    await answer(ctx, q, ctx.message.message_id);
  });

  c.callbackQuery(cbPattern.translit, async (ctx) => {
    const snap = ctx.deps.content.current();
    const topic = snap.topicById.get(ctx.match[1]!);
    if (!topic) return ctx.answerCallbackQuery({ text: ctx.t("button_outdated") });
    const script = ctx.match[2] as "latn" | "arab";
    const r = renderTopic(ctx.deps.i18n, snap, topic, "kk", await liveFactsFor(ctx.deps, topic, undefined, ctx.hearingsDigest));
    await ctx.answerCallbackQuery();
    await ctx.reply(transliterateHtml(r.html, script), { ...html, reply_markup: toKeyboard(r.buttons) });
  });

  return c;
}
