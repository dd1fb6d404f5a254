import { Composer } from "grammy";
import type { Lang } from "../../content/schema.js";
import type { BotContext } from "../context.js";
import { menuKeyboard } from "../keyboards.js";
import { renderTopic } from "../render/topic.js";

/** Topic buttons: `t:<topic>:<lang>` shows the stored answer; `m:<lang>` the menu. */
export function topicsFeature() {
  const c = new Composer<BotContext>();
  c.callbackQuery(/^t:([a-z0-9-]+):(en|kk|ru)$/, async (ctx) => {
    const snap = ctx.deps.content.current();
    const topic = snap.topicById.get(ctx.match[1]!);
    if (!topic) return ctx.answerCallbackQuery({ text: ctx.t("button_outdated") });
    const lang = ctx.match[2] as Lang;
    const { text, keyboard } = await renderTopic(ctx.deps, snap, topic, lang);
    await ctx.answerCallbackQuery();
    await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard, link_preview_options: { is_disabled: true } });
  });
  c.callbackQuery(/^m:(en|kk|ru)$/, async (ctx) => {
    const lang = ctx.match[1] as Lang;
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.deps.i18n.t(lang)("menu_prompt"), { reply_markup: menuKeyboard(ctx.deps.content.current(), lang) });
  });
  return c;
}
