import { Composer, InlineKeyboard } from "grammy";
import { LANGS, type Lang } from "../../content/schema.js";
import type { ChatRow } from "../../db/chats.js";
import type { SubscriptionRow } from "../../db/subscriptions.js";
import { parseLeads, type Lead } from "../../delivery/leads.js";
import type { TFunction } from "../../i18n.js";
import type { BotContext } from "../context.js";

const LANGUAGE_NAMES: Record<Lang, string> = { en: "English", kk: "Қазақша", ru: "Русский" };

/** Settings buttons name their target chat: the chat itself, or a channel managed from a private chat. */
export const setCb = (target: number, op: string) => `set:${target}:${op}`;

export function leadLabel(t: TFunction, lead: Lead): string {
  if (lead.kind === "morning") return t("settings.lead_morning", { time: lead.at });
  if (lead.days) return t("settings.lead_days", { count: lead.days });
  if (lead.minutes % 60 === 0) return t("settings.lead_hours", { count: lead.minutes / 60 });
  return t("settings.lead_minutes", { count: lead.minutes });
}

export interface MenuTarget {
  id: number;
  /** "@name" or a title, shown (never stored) when the menu is about a channel managed from elsewhere. */
  label?: string;
}

/** The settings menu: every toggle shows its state; the text starts with what just changed. */
export function settingsMenu(
  t: TFunction,
  leads: readonly Lead[],
  target: MenuTarget,
  sub: SubscriptionRow,
  chatLang: Lang,
  notice?: string,
): { text: string; keyboard: InlineKeyboard } {
  const title = target.label ? t("settings.title_channel", { channel: target.label }) : t("settings.title");
  const lines = [notice ? `✅ ${notice}` : "", title, sub.reminders ? t("settings.leads_prompt") : ""].filter(Boolean);
  const kb = new InlineKeyboard();
  kb.text(t(sub.reminders ? "settings.reminders_on" : "settings.reminders_off"), setCb(target.id, "r")).row();
  if (sub.reminders) {
    // Two short labels to a row; the morning one is long and gets a row of its own.
    let inRow = 0;
    for (const lead of leads) {
      const alone = lead.kind === "morning";
      if (inRow && (alone || inRow === 2)) {
        kb.row();
        inRow = 0;
      }
      const on = sub.leadTimes.includes(lead.code);
      kb.text(`${on ? "✅" : "▫️"} ${leadLabel(t, lead)}`, setCb(target.id, `l:${lead.code}`));
      inRow = alone ? 2 : inRow + 1;
    }
    if (inRow) kb.row();
  }
  kb.text(t(sub.updates ? "settings.updates_on" : "settings.updates_off"), setCb(target.id, "u")).row();
  kb.text(t("settings.language", { language: LANGUAGE_NAMES[chatLang] }), setCb(target.id, "g")).row();
  kb.text(t("settings.done_button"), setCb(target.id, "x"));
  return { text: lines.join("\n"), keyboard: kb };
}

function languageMenu(t: TFunction, target: number): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const l of LANGS) kb.text(LANGUAGE_NAMES[l], setCb(target, `g:${l}`));
  return kb.row().text(t("settings.back_button"), setCb(target, "v"));
}

/**
 * Whether the person behind this update may manage the given chat's subscription: anyone in a
 * private chat for it, a group's administrators (anonymous ones included), a channel's own posts,
 * and a channel's administrators from a private chat (the bot must be an admin there too).
 */
export async function mayManage(ctx: BotContext, targetId: number): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (targetId === chat.id) {
    if (chat.type === "private" || chat.type === "channel") return true;
    if (ctx.senderChat?.id === chat.id) return true;
    if (!ctx.from) return false;
    return ctx.deps.admins.isAdmin(ctx.api, chat.id, ctx.from.id);
  }
  if (chat.type !== "private" || !ctx.from) return false;
  const target = await ctx.deps.chats.get(targetId);
  if (target?.type !== "channel") return false;
  try {
    return await ctx.deps.admins.isAdmin(ctx.api, targetId, ctx.from.id);
  } catch {
    return false;
  }
}

/** The polite refusal, as an alert on a button or a reply to a command. */
export async function refuse(ctx: BotContext, key = "subscribe.admins_only", vars: Record<string, string> = {}): Promise<void> {
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t(key, vars), show_alert: true });
  else await ctx.reply(ctx.t(key, vars), { parse_mode: "HTML", reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined });
}

const labelOf = (c: { username?: string; title?: string; id: number }) => (c.username ? `@${c.username}` : (c.title ?? String(c.id)));

/** A channel's display label (raw text: i18n escapes it), read from Telegram when needed and never stored. */
export async function channelLabel(ctx: BotContext, id: number): Promise<string> {
  try {
    return labelOf(await ctx.api.getChat(id));
  } catch {
    return String(id);
  }
}

/**
 * `/subscribe @channel` and friends, from a private chat: the channel must exist, the bot must be
 * an administrator there allowed to post, and the person must be one of its administrators.
 */
export async function resolveChannel(ctx: BotContext, ref: string | number): Promise<MenuTarget | undefined> {
  const key = typeof ref === "number" ? ref : /^-?\d+$/.test(ref) ? Number(ref) : ref.startsWith("@") ? ref : `@${ref}`;
  let chat;
  try {
    chat = await ctx.api.getChat(key);
  } catch {
    chat = undefined;
  }
  if (!chat || chat.type !== "channel") {
    await refuse(ctx, "subscribe.channel_not_found");
    return undefined;
  }
  const label = labelOf(chat);
  let botIsAdmin = false;
  try {
    const me = await ctx.api.getChatMember(chat.id, ctx.me.id);
    botIsAdmin = me.status === "administrator" && me.can_post_messages !== false;
  } catch {
    botIsAdmin = false;
  }
  if (!botIsAdmin) {
    await refuse(ctx, "subscribe.channel_bot_not_admin", { channel: label });
    return undefined;
  }
  let userIsAdmin = false;
  try {
    userIsAdmin = !!ctx.from && (await ctx.deps.admins.isAdmin(ctx.api, chat.id, ctx.from.id));
  } catch {
    userIsAdmin = false;
  }
  if (!userIsAdmin) {
    await refuse(ctx, "subscribe.channel_not_admin", { channel: label });
    return undefined;
  }
  return { id: chat.id, label };
}

export async function showSettings(ctx: BotContext, target: MenuTarget, opts: { edit?: boolean; notice?: string } = {}): Promise<void> {
  const deps = ctx.deps;
  const sub = await deps.subscriptions.get(target.id);
  if (!sub) {
    const kb = new InlineKeyboard().text(ctx.t("subscribe_button"), "sub:open");
    if (opts.edit) await ctx.editMessageText(ctx.t("subscribe.not_subscribed"), { reply_markup: kb });
    else await ctx.reply(ctx.t("subscribe.not_subscribed"), { reply_markup: target.id === ctx.chat?.id ? kb : undefined });
    return;
  }
  const chat: ChatRow | undefined = await deps.chats.get(target.id);
  const chatLang = chat?.language ?? ctx.lang;
  // The menu speaks the chat's language; a channel's menu speaks the language of the admin using it.
  const t = target.id === ctx.chat?.id ? deps.i18n.t(chatLang) : ctx.t;
  const { text, keyboard } = settingsMenu(t, parseLeads(deps.config.leadTimes), target, sub, chatLang, opts.notice);
  if (opts.edit) await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
  else await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

export function settingsFeature() {
  const c = new Composer<BotContext>();

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

  c.callbackQuery(/^set:(-?\d+):([a-z])(?::([A-Za-z0-9@:]+))?$/, async (ctx) => {
    const deps = ctx.deps;
    const targetId = Number(ctx.match[1]);
    const op = ctx.match[2]!;
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

    if (op === "x") {
      await ctx.answerCallbackQuery();
      await ctx.editMessageReplyMarkup({ reply_markup: undefined });
      return;
    }
    if (op === "v") {
      await ctx.answerCallbackQuery();
      return showSettings(ctx, target, { edit: true });
    }
    if (op === "g" && !arg) {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText(tFor()("language_prompt"), { reply_markup: languageMenu(tFor(), targetId) });
      return;
    }
    if (op === "g" && arg && (LANGS as readonly string[]).includes(arg)) {
      lang = arg as Lang;
      await deps.chats.setLanguage(targetId, chat?.type ?? "private", lang);
      notice = deps.i18n.t(lang)("language_set");
      if (here) {
        ctx.lang = lang;
        ctx.t = deps.i18n.t(lang);
      }
    } else if (op === "r") {
      const on = !sub.reminders;
      await deps.subscriptions.update(targetId, { reminders: on }, now);
      notice = tFor()(on ? "settings.saved_reminders_on" : "settings.saved_reminders_off");
    } else if (op === "u") {
      const on = !sub.updates;
      await deps.subscriptions.update(targetId, { updates: on }, now);
      notice = tFor()(on ? "settings.saved_updates_on" : "settings.saved_updates_off");
    } else if (op === "l" && arg) {
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
