import { InlineKeyboard } from "grammy";
import { caseClosed, caseEndReach, closeCase, purgeMoment } from "../../editorial/case-end.js";
import { caseEndBodies } from "../../render/case-end.js";
import { formatDay } from "../../render/dates.js";
import { formatCount } from "../../render/editorial.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { renderUpdate } from "../../render/notices.js";
import { LANGS } from "../../shared/lang.js";
import { wallClock } from "../../shared/time.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { privateOnly } from "../filters/private-only.js";
import { requireEditor } from "../filters/roles.js";
import { LeanComposer } from "../composer.js";

/**
 * `/close_case`: like a broadcast, a preview of the last notice in every language with how many
 * chats get it, then a confirmation; on yes the case is closed (src/editorial/case-end.ts) and
 * src/jobs/purge.ts deletes subscriptions and the outbox after CASE_END_GRACE_DAYS.
 */
export function closeCaseFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("close_case", requireEditor(), privateOnly(), async (ctx) => {
    const { deps, lang, t } = ctx;
    if (await alreadyClosed(ctx)) return;
    const purge = purgeMoment(deps.editorial, deps.config.caseEndGraceDays);
    const bodies = caseEndBodies(deps.i18n, deps.content.current().sources, purge.day);
    const reach = await caseEndReach(deps.editorial);
    const now = deps.clock.now();
    const r = { i18n: deps.i18n, snapshot: deps.content.current(), timeZone: deps.config.timeZone, botUsername: ctx.me.username, now };
    await ctx.reply(t("case_end.preview_intro", { date: formatDay(purge.day, lang), days: deps.config.caseEndGraceDays }), { parse_mode: "HTML" });
    for (const l of LANGS) {
      const shown = renderUpdate(r, { id: 0, body: bodies, sourceUrl: null, publishedAt: now }, l);
      if (!("html" in shown)) continue;
      await ctx.reply(t("editorial.update_preview_lang", { language: LANGUAGE_NAMES[l], n: formatCount(lang, reach.byLang[l]), note: "" }), { parse_mode: "HTML" });
      await ctx.reply(shown.html, { parse_mode: "HTML", reply_markup: toKeyboard(shown.buttons), link_preview_options: { is_disabled: true } });
    }
    const n = (x: number) => formatCount(lang, x);
    const keyboard = new InlineKeyboard().text(t("case_end.button", { n: n(reach.total) }), cb.caseClose).text(t("case_end.keep_button"), cb.caseKeep);
    await ctx.reply(t("case_end.confirm", { n: n(reach.total), en: n(reach.byLang.en), kk: n(reach.byLang.kk), ru: n(reach.byLang.ru) }), {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });
  });

  c.callbackQuery(cb.caseClose, requireEditor(), privateOnly(), async (ctx) => {
    const { deps, lang, t } = ctx;
    await ctx.answerCallbackQuery();
    if (await alreadyClosed(ctx)) return;
    // The purge day is counted from this press, not from the preview: the text says the day it will be.
    const purge = purgeMoment(deps.editorial, deps.config.caseEndGraceDays);
    const bodies = caseEndBodies(deps.i18n, deps.content.current().sources, purge.day);
    const r = await closeCase(deps.editorial, { bodies, graceDays: deps.config.caseEndGraceDays, actorId: ctx.from.id });
    if ("already" in r) return void (await alreadyClosed(ctx));
    deps.logger.info({ queued: r.queued, cancelled: r.cancelled, purgeAt: r.closed.purgeAt }, "case closed");
    await replaceOrReply(ctx, t("case_end.done", { n: formatCount(lang, r.queued), cancelled: formatCount(lang, r.cancelled), date: formatDay(purge.day, lang) }));
  });
  c.callbackQuery(cb.caseKeep, requireEditor(), async (ctx) => {
    await ctx.answerCallbackQuery();
    await replaceOrReply(ctx, ctx.t("case_end.kept"));
  });
  return c;
}

/** Says so and returns true when the case is already closed. */
async function alreadyClosed(ctx: BotContext): Promise<boolean> {
  const closed = await caseClosed(ctx.deps.editorial);
  if (!closed) return false;
  const day = (iso: string) => formatDay(wallClock(new Date(iso), ctx.deps.config.timeZone).date, ctx.lang);
  await ctx.reply(ctx.t("case_end.already", { closed: day(closed.at), date: day(closed.purgeAt) }), { parse_mode: "HTML" });
  return true;
}

/** The question turns into the answer, so its buttons cannot be pressed twice. */
async function replaceOrReply(ctx: BotContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: "HTML" });
  } catch {
    await ctx.reply(text, { parse_mode: "HTML" });
  }
}
