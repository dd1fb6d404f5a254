import { renderTopic } from "../../render/topic.js";
import type { Lang } from "../../shared/lang.js";
import { cbPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { menuKeyboard, toKeyboard } from "../keyboards.js";
import { liveFactsFor } from "../live.js";
import { LeanComposer } from "../composer.js";

/** Topic buttons show the stored answer; the menu button shows the topics; each in the button's language. */
export function topicsFeature() {
  const c = new LeanComposer<BotContext>();
  c.callbackQuery(cbPattern.topic, async (ctx) => {
    const snap = ctx.deps.content.current();
    const topic = snap.topicById.get(ctx.match[1]!);
    if (!topic) return ctx.answerCallbackQuery({ text: ctx.t("button_outdated") });
    const lang = ctx.match[2] as Lang;
    ctx.replyLang = lang;
    const r = renderTopic(ctx.deps.i18n, snap, topic, lang, await liveFactsFor(ctx.deps, topic, undefined, ctx.hearingsDigest));
    await ctx.answerCallbackQuery();
    await ctx.reply(r.html, { parse_mode: "HTML", reply_markup: toKeyboard(r.buttons), link_preview_options: { is_disabled: true } });
  });
  c.callbackQuery(cbPattern.menu, async (ctx) => {
    const lang = ctx.match[1] as Lang;
    ctx.replyLang = lang;
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.deps.i18n.t(lang)("menu_prompt"), { reply_markup: menuKeyboard(ctx.deps.content.current(), lang) });
  });
  return c;
}
