import { Composer, InlineKeyboard, type Filter } from "grammy";
import { createMatcher, type MatchResult } from "../../answers/matcher.js";
import { cleanText } from "../../answers/normalise.js";
import { kkCyrlToArab, kkCyrlToLatn } from "../../answers/transliterate.js";
import type { Lang } from "../../content/schema.js";
import { createUnansweredRepo } from "../../db/unanswered.js";
import type { BotContext, BotDeps } from "../context.js";
import { cb, menuKeyboard } from "../keyboards.js";
import { renderTopic } from "../render/topic.js";

/** Longer than any question: such a message is answered with a request for one short question. */
export const MAX_QUESTION_LENGTH = 1000;

type Script = "latn" | "arab";
const TRANSLIT: Record<Script, (s: string) => string> = { latn: kkCyrlToLatn, arab: kkCyrlToArab };

/** Transliterates the text of an HTML message, leaving tags and entities as they are. */
export function transliterateHtml(html: string, script: Script): string {
  return html
    .split(/(<[^>]*>|&[a-z]+;)/)
    .map((part, i) => (i % 2 === 1 ? part : TRANSLIT[script](part)))
    .join("");
}

/**
 * Free-text questions: every text in a private chat, and in groups only what is addressed to the
 * bot (a mention, a reply to it, or /ask). The reply comes in the question's language.
 */
export function answersFeature(deps: BotDeps) {
  const c = new Composer<BotContext>();
  const matcher = deps.content.derive((s) => createMatcher(s.topics.map((t) => ({ id: t.id, questions: t.questions, label: t.label }))));
  const unanswered = createUnansweredRepo(deps.database.db);

  async function answer(ctx: BotContext, question: string, replyTo?: number): Promise<void> {
    const reply = (text: string, keyboard?: InlineKeyboard) =>
      ctx.reply(text, {
        parse_mode: "HTML",
        reply_markup: keyboard,
        link_preview_options: { is_disabled: true },
        ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
      });
    if (question.length > MAX_QUESTION_LENGTH) {
      await reply(ctx.t("too_long"));
      return;
    }
    const result = matcher().match(question, ctx.lang);
    const snap = ctx.deps.content.current();
    const topic = result.topic ? snap.topicById.get(result.topic) : undefined;
    if (result.kind === "none" || !topic) {
      await recordUnanswered(question, result);
      const t = ctx.deps.i18n.t(result.lang);
      await reply(t("no_answer"), menuKeyboard(snap, result.lang));
      return;
    }
    const extra = new InlineKeyboard();
    const t = ctx.deps.i18n.t(result.lang);
    if (result.kind === "close" && result.alternatives.length) {
      for (const alt of result.alternatives) {
        const other = snap.topicById.get(alt);
        if (other) extra.text(`${t("did_you_mean")} ${other.label[result.lang]}`, cb.topic(other.id, result.lang)).row();
      }
    }
    if (result.lang === "kk" && (result.script === "latn" || result.script === "arab")) {
      extra.text(t(result.script === "latn" ? "show_latin" : "show_arabic"), cb.translit(topic.id, result.script)).row();
    }
    const { text, keyboard } = await renderTopic(ctx.deps, snap, topic, result.lang, { extraRows: extra });
    await reply(text, keyboard);
  }

  async function recordUnanswered(question: string, result: MatchResult): Promise<void> {
    // Kept for editors: the text and its language only, never who asked.
    const text = cleanText(question).slice(0, 500);
    if (/[\p{L}\p{N}]/u.test(text)) await unanswered.add(text, result.lang);
  }

  const mentionsMe = (ctx: Filter<BotContext, "message:text">) =>
    (ctx.message.entities ?? []).some(
      (e) => e.type === "mention" && ctx.message.text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === ctx.me.username.toLowerCase(),
    );
  const withoutMention = (ctx: Filter<BotContext, "message:text">) =>
    ctx.message.text.replace(new RegExp(`@${ctx.me.username}\\b`, "gi"), " ").trim();

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

  c.callbackQuery(/^tr:([a-z0-9-]+):(latn|arab)$/, async (ctx) => {
    const snap = ctx.deps.content.current();
    const topic = snap.topicById.get(ctx.match[1]!);
    if (!topic) return ctx.answerCallbackQuery({ text: ctx.t("button_outdated") });
    const script = ctx.match[2] as Script;
    const lang: Lang = "kk";
    const { text, keyboard } = await renderTopic(ctx.deps, snap, topic, lang);
    await ctx.answerCallbackQuery();
    await ctx.reply(transliterateHtml(text, script), { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  });

  return c;
}
