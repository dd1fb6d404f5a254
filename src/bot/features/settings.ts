import { InlineKeyboard } from "grammy";
import { parseLeads } from "../../case/leads.js";
import { parseLanguageChoice } from "../../render/languages.js";
import type { Lang } from "../../shared/lang.js";
import { cb, cbPattern, settingsOp } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { chooseScript } from "../middleware/script.js";
import { channelLabel, mayManage, refuse, resolveChannel } from "../filters/manage.js";
import { leadLabel, settingsSummary } from "../../render/settings.js";
import { languageMenu, settingsMenu, type MenuTarget } from "../settings-menu.js";
import { LeanComposer } from "../composer.js";

export async function showSettings(ctx: BotContext, target: MenuTarget, opts: { edit?: boolean; notice?: string } = {}): Promise<void> {
  const deps = ctx.deps;
  const sub = await deps.subscriptions.get(target.id);
  if (!sub) {
    const kb = new InlineKeyboard().text(ctx.t("subscribe_button"), cb.subscribe);
    if (opts.edit) await ctx.editMessageText(ctx.t("subscribe.not_subscribed"), { reply_markup: kb });
    else await ctx.reply(ctx.t("subscribe.not_subscribed"), { reply_markup: target.id === ctx.chat?.id ? kb : undefined });
    return;
  }
  const chat = await deps.chats.get(target.id);
  const chatLang = chat?.language ?? ctx.lang;
  // The menu speaks the chat's language; a channel's menu speaks the language of the admin using it.
  const t = target.id === ctx.chat?.id ? deps.i18n.t(chatLang) : ctx.t;
  const { text, keyboard } = settingsMenu(t, parseLeads(deps.config.leadTimes), target, sub, chatLang, chat?.kkScript, opts.notice);
  if (opts.edit) await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

export function settingsFeature() {
  const c = new LeanComposer<BotContext>();

  c.command("settings", async (ctx) => {
    const arg = ctx.match.trim();
    if (arg && ctx.chat.type === "private") {
      const channel = await resolveChannel(ctx, arg);
      if (channel) await showSettings(ctx, channel);
      return;
    }
    if (!(await mayManage(ctx, ctx.chat.id))) return refuse(ctx);
    await showSettings(ctx, { id: ctx.chat.id });
  });

  c.callbackQuery(cbPattern.settings, async (ctx) => {
    const deps = ctx.deps;
    const targetId = Number(ctx.match[1]);
    const op = settingsOp(ctx.match[2]!);
    const arg = ctx.match[3];
    if (!(await mayManage(ctx, targetId))) return refuse(ctx);
    const here = targetId === ctx.chat?.id;
    const target: MenuTarget = here ? { id: targetId } : { id: targetId, label: await channelLabel(ctx, targetId) };
    const now = deps.clock.now();
    const sub = await deps.subscriptions.get(targetId);
    if (!sub) {
      await ctx.answerCallbackQuery();
      return showSettings(ctx, target, { edit: true });
    }
    const chat = await deps.chats.get(targetId);
    let lang: Lang = chat?.language ?? ctx.lang;
    const tFor = () => (here ? deps.i18n.t(lang) : ctx.t);
    let notice: string | undefined;

    if (op === "done") {
      const t = tFor();
      await ctx.answerCallbackQuery({ text: t("settings.closed") });
      await ctx.editMessageText(settingsSummary(t, parseLeads(deps.config.leadTimes), sub, target.label), { parse_mode: "HTML" });
      return;
    }
    if (op === "back") {
      await ctx.answerCallbackQuery();
      return showSettings(ctx, target, { edit: true });
    }
    if (op === "language" && !arg) {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(tFor()("language_prompt"), { reply_markup: languageMenu(tFor(), targetId) });
      return;
    }
    const choice = op === "language" && arg ? parseLanguageChoice(arg) : undefined;
    if (choice) {
      lang = choice.lang;
      await deps.chats.setLanguage(targetId, chat?.type ?? "private", lang, now, choice.kkScript);
      notice = deps.i18n.t(lang)("language_set");
      if (here) {
        ctx.lang = lang;
        ctx.t = deps.i18n.t(lang);
        if (choice.kkScript) chooseScript(ctx, choice.kkScript);
      }
    } else if (op === "reminders") {
      const on = !sub.reminders;
      await deps.subscriptions.update(targetId, { reminders: on }, now);
      notice = tFor()(on ? "settings.saved_reminders_on" : "settings.saved_reminders_off");
    } else if (op === "updates") {
      const on = !sub.updates;
      await deps.subscriptions.update(targetId, { updates: on }, now);
      notice = tFor()(on ? "settings.saved_updates_on" : "settings.saved_updates_off");
    } else if (op === "lead" && arg) {
      const leads = parseLeads(deps.config.leadTimes);
      const lead = leads.find((l) => l.code === arg);
      if (!lead) return ctx.answerCallbackQuery({ text: ctx.t("button_outdated") });
      const has = sub.leadTimes.includes(lead.code);
      const offered = sub.leadTimes.filter((x) => leads.some((l) => l.code === x));
      if (has && offered.length <= 1) return ctx.answerCallbackQuery({ text: tFor()("settings.last_lead"), show_alert: true });
      const next = has ? sub.leadTimes.filter((x) => x !== lead.code) : [...sub.leadTimes, lead.code];
      await deps.subscriptions.update(targetId, { leadTimes: next }, now);
      notice = tFor()(has ? "settings.saved_lead_off" : "settings.saved_lead_on", { lead: leadLabel(tFor(), lead) });
    } else {
      return ctx.answerCallbackQuery({ text: ctx.t("button_outdated") });
    }
    await ctx.answerCallbackQuery({ text: notice });
    await showSettings(ctx, target, { edit: true, notice });
  });

  return c;
}
