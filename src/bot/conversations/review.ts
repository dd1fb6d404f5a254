import type { Api, Composer, Context } from "grammy";
import { approveReview, rejectReview, type Verdict } from "../../editorial/review.js";
import { escapeHtml } from "../../shared/html.js";
import type { Lang } from "../../shared/lang.js";
import { cbPattern } from "../callback-data.js";
import type { BotDeps } from "../context.js";
import { reportPerformed } from "./broadcast.js";
import { lineProblem } from "./hearing-input.js";
import { askText, type EditorContext, type EditorConversation } from "./steps.js";

export const REVIEW_REJECT = "review-reject";

async function langOf(deps: BotDeps, chatId: number): Promise<Lang> {
  return (await deps.chats.get(chatId))?.language ?? "en";
}

/** The reviewer and the author hear how an approval went; the author's chat then follows the sending. */
async function approved(deps: BotDeps, api: Api, ctx: Context, lang: Lang, v: Verdict): Promise<void> {
  const t = deps.i18n.t(lang);
  if (!v.ok) {
    await ctx.reply(t(`review.cannot_${v.why}`, { id: v.review?.id ?? "", error: escapeHtml(v.error ?? "") }), { parse_mode: "HTML" });
    return;
  }
  await reportPerformed(deps, api, ctx.chatId!, lang, v.performed);
  const authorLang = await langOf(deps, v.review.authorId);
  const key = v.review.status === "overridden" ? "review.overridden" : "review.approved";
  await api
    .sendMessage(v.review.authorId, deps.i18n.t(authorLang)(key, { id: v.review.id, by: v.review.reviewerId, reason: escapeHtml(v.review.reason ?? "") }), { parse_mode: "HTML" })
    .catch((err: unknown) => deps.logger.warn({ err }, "could not tell an author of an approval"));
}

/**
 * Approve / Reject under a broadcast waiting for review, and the owner's `/override N reason`.
 * Reject asks the reviewer for a reason (a short conversation), which goes back to the author.
 */
export function reviewButtons(staff: Composer<EditorContext>, deps: BotDeps, api: Api): void {
  staff.callbackQuery(cbPattern.review, async (ctx) => {
    const [, verb, id] = ctx.match as RegExpMatchArray;
    await ctx.answerCallbackQuery();
    if (verb === "r") {
      await ctx.conversation.exitAll();
      return ctx.conversation.enter(REVIEW_REJECT, Number(id));
    }
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    await approved(deps, api, ctx, ctx.lang, await approveReview(deps.editorial, Number(id), ctx.from.id));
  });

  staff.command("override", async (ctx) => {
    const m = /^(\d{1,12})\s+(\S.*)$/s.exec(ctx.match.trim());
    if (!deps.config.adminIds.includes(ctx.from!.id)) return ctx.reply(ctx.t("review.override_owner_only"));
    if (!m) return ctx.reply(ctx.t("review.override_usage"), { parse_mode: "HTML" });
    await approved(deps, api, ctx, ctx.lang, await approveReview(deps.editorial, Number(m[1]), ctx.from!.id, { reason: m[2]!.trim() }));
  });
}

/** The reason for a rejection, then the author is told. */
export function rejectConversation(deps: BotDeps, api: Api) {
  return async function rejectConv(conversation: EditorConversation, ctx: Context, reviewId: number): Promise<void> {
    const actorId = ctx.from?.id;
    if (actorId === undefined) return;
    const lang = await conversation.external((outside) => outside.lang);
    const t = deps.i18n.t(lang);
    const reason = await askText(conversation, ctx, t, t("review.reason_prompt", { id: reviewId }), (s) => lineProblem(t, s, 500, true));
    const r = await conversation.external(() => rejectReview(deps.editorial, reviewId, actorId, reason));
    if (!r.ok) {
      await ctx.reply(t(`review.cannot_${r.why}`, { id: reviewId, error: "" }), { parse_mode: "HTML" });
      return;
    }
    await ctx.reply(t("review.rejected_sent", { id: reviewId }), { parse_mode: "HTML" });
    await conversation.external(async () => {
      const authorT = deps.i18n.t(await langOf(deps, r.review.authorId));
      await api
        .sendMessage(r.review.authorId, authorT("review.rejected", { id: reviewId, by: actorId, reason: escapeHtml(reason) }), { parse_mode: "HTML" })
        .catch((err: unknown) => deps.logger.warn({ err }, "could not tell an author of a rejection"));
    });
  };
}
