import { InlineKeyboard, type Api, type Context } from "grammy";
import { publishUpdate, updateReach } from "../../editorial/updates.js";
import { formatCount, progressText } from "../../render/editorial.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { renderUpdate, type UpdateNotice } from "../../render/notices.js";
import { escapeHtml } from "../../shared/html.js";
import { LANGS, type Lang, type PartialTranslated } from "../../shared/lang.js";
import { CV } from "../callback-data.js";
import type { BotDeps } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { telegramPort } from "../telegram-port.js";
import { holdForReview } from "./broadcast.js";
import { lineProblem, urlProblem } from "./hearing-input.js";
import { askText, askTextOrChoose, choose, type EditorConversation } from "./steps.js";

export const PUBLISH_UPDATE = "publish-update";
/** Room for the header, date, source and footer within Telegram's 4096 characters. */
export const MAX_UPDATE = 3000;

/**
 * Publish a case update: English → Kazakh (or an explicit skip) → Russian (or skip) → an optional
 * source link → a preview of exactly what each language's readers get (rendered by the sender's
 * own function) → a confirmation naming how many chats it reaches → the outbox. The status message
 * then shows how far sending got, edited until it is done.
 */
export function publishUpdateConversation(deps: BotDeps, botApi: Api) {
  /** `presetSource`: the link of a news item the editor chose to draft from (the link step is then skipped). */
  return async function publishUpdateConv(conversation: EditorConversation, ctx: Context, presetSource?: string | null): Promise<void> {
    const actorId = ctx.from?.id;
    const chatId = ctx.chatId;
    if (actorId === undefined || chatId === undefined) return;
    const env = await conversation.external((outside) => ({ lang: outside.lang, username: outside.me.username }));
    const lang: Lang = env.lang;
    const t = deps.i18n.t(lang);
    const check = (s: string) => lineProblem(t, s, MAX_UPDATE, true);

    await ctx.reply(t("editorial.update_intro"), { parse_mode: "HTML" });
    if (presetSource) await ctx.reply(t("news.drafting", { url: escapeHtml(presetSource) }), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    for (;;) {
      const en = await askText(conversation, ctx, t, t("editorial.update_prompt_en"), check);
      const body: PartialTranslated = { en };
      for (const l of ["kk", "ru"] as const) {
        const skip = new InlineKeyboard().text(t(`editorial.skip_${l}_button`), `${CV}skip:${l}`);
        const r = await askTextOrChoose(conversation, ctx, t, t(`editorial.update_prompt_${l}`), skip, (c) => (c === `skip:${l}` ? true : undefined), check);
        if (r.text !== undefined) body[l] = r.text;
      }
      const link = presetSource ? { text: presetSource } : await askTextOrChoose(
        conversation,
        ctx,
        t,
        t("editorial.update_source_prompt"),
        new InlineKeyboard().text(t("editorial.no_link_button"), `${CV}nolink`),
        (c) => (c === "nolink" ? true : undefined),
        (s) => urlProblem(t, s),
      );
      const sourceUrl = link.text ?? null;

      const preview = await conversation.external(async () => {
        const now = deps.clock.now();
        const draft: UpdateNotice = { id: 0, body, sourceUrl, publishedAt: now };
        const ctxR = { i18n: deps.i18n, snapshot: deps.content.current(), timeZone: deps.config.timeZone, botUsername: env.username, now };
        const rendered = LANGS.map((l) => {
          const r = renderUpdate(ctxR, draft, l);
          return "html" in r ? { lang: l, text: r.html, buttons: r.buttons } : { lang: l, text: "", buttons: [] };
        });
        return { rendered, reach: await updateReach(deps.editorial) };
      });
      await ctx.reply(t("editorial.update_preview_intro"), { parse_mode: "HTML" });
      for (const r of preview.rendered) {
        const note = body[r.lang] === undefined ? t("editorial.gets_english") : "";
        await ctx.reply(t("editorial.update_preview_lang", { language: LANGUAGE_NAMES[r.lang], n: formatCount(lang, preview.reach.byLang[r.lang]), note }), {
          parse_mode: "HTML",
        });
        await ctx.reply(r.text, { parse_mode: "HTML", reply_markup: toKeyboard(r.buttons), link_preview_options: { is_disabled: true } });
      }

      const reach = preview.reach;
      const question = reach.total
        ? t("editorial.publish_confirm", {
            count: reach.total,
            n: formatCount(lang, reach.total),
            en: formatCount(lang, reach.byLang.en),
            kk: formatCount(lang, reach.byLang.kk),
            ru: formatCount(lang, reach.byLang.ru),
          })
        : t("editorial.publish_confirm_nobody");
      const kb = new InlineKeyboard()
        .text(t("editorial.publish_button", { n: formatCount(lang, reach.total) }), `${CV}publish`)
        .text(t("conv.again_button"), `${CV}again`);
      const decision = await choose(conversation, ctx, t, question, kb, (c) => (c === "publish" || c === "again" ? c : undefined));
      if (decision === "again") continue;

      if (deps.config.review === "required") {
        // Four eyes: nothing reaches the outbox until another editor approves (review.ts).
        const id = await conversation.external(() => holdForReview(deps, botApi, { kind: "publish", body, sourceUrl }, actorId, env.username));
        await ctx.reply(t("review.held", { id }), { parse_mode: "HTML" });
        return;
      }
      const published = await conversation.external(() => publishUpdate(deps.editorial, { body, sourceUrl }, actorId));
      const first = { sent: 0, pending: published.queued, failed: 0, total: published.queued };
      const shown = progressText(t, lang, published.id, first, published.queued === 0);
      const status = await ctx.reply(`${shown}\n${t("editorial.progress_hint")}`, { parse_mode: "HTML" });
      if (published.queued > 0) {
        await conversation.external(() =>
          deps.progress.watch(telegramPort(botApi), {
            chatId,
            messageId: status.message_id,
            updateId: published.id,
            format: (p, done) => `${progressText(t, lang, published.id, p, done)}\n${t("editorial.progress_hint")}`,
          }, `${shown}\n${t("editorial.progress_hint")}`),
        );
      }
      return;
    }
  };
}
