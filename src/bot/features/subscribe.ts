import { InlineKeyboard } from "grammy";
import { defaultLeads, parseLeads } from "../../case/leads.js";
import type { ChatType } from "../../db/chats.js";
import { hearingLine } from "../../render/hearing.js";
import { cb, cbPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { mayManage, refuse, resolveChannel } from "../filters/manage.js";
import { liveFacts } from "../live.js";
import { settingsMenu, type MenuTarget } from "../settings-menu.js";
import { LeanComposer } from "../composer.js";

/** The next hearing in one line, or the promise to tell as soon as a date is set. */
async function nextHearingLine(ctx: BotContext): Promise<string> {
  const live = await liveFacts(ctx.deps);
  if (!live.hearings.next) return ctx.t("subscribe.no_date");
  return hearingLine(ctx.t, ctx.lang, { next: live.hearings.next }, live.now, live.timeZone);
}

/**
 * Subscribes the target (this chat, or a channel managed from here) and confirms in the chat's
 * language with the next hearing and the settings menu, so the choice can be changed at once.
 */
async function subscribe(ctx: BotContext, target: MenuTarget, type: ChatType): Promise<void> {
  const deps = ctx.deps;
  const leads = parseLeads(deps.config.leadTimes);
  const { created, row } = await deps.subscriptions.subscribe(target.id, type, {
    lang: ctx.lang,
    leadTimes: defaultLeads(leads),
    now: deps.clock.now(),
  });
  const chat = await deps.chats.get(target.id);
  const head = target.label
    ? ctx.t("subscribe.channel_done", { channel: target.label })
    : ctx.t(created ? "subscribe.done" : "subscribe.already");
  const menu = settingsMenu(ctx.t, leads, target, row, chat?.language ?? ctx.lang, chat?.kkScript);
  const text = [head, await nextHearingLine(ctx), "", menu.text, "", ctx.t("subscribe.hint")].join("\n");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: menu.keyboard, link_preview_options: { is_disabled: true } });
}

/**
 * Subscribes the chat the update came from (in a group, for its administrators only): what
 * `/start subscribe` does, the deep link under forwarded cards and messages.
 */
export async function subscribeThisChat(ctx: BotContext): Promise<void> {
  const chat = ctx.chat;
  if (!chat) return;
  if (!(await mayManage(ctx, chat.id))) return refuse(ctx);
  await subscribe(ctx, { id: chat.id }, chat.type);
}

async function unsubscribe(ctx: BotContext, target: MenuTarget): Promise<void> {
  const gone = await ctx.deps.subscriptions.unsubscribe(target.id);
  if (target.label) await ctx.reply(ctx.t("subscribe.channel_unsubscribed", { channel: target.label }));
  else await ctx.reply(ctx.t(gone ? "subscribe.unsubscribed" : "subscribe.not_subscribed"));
}

export function subscribeFeature() {
  const c = new LeanComposer<BotContext>();

  c.command("subscribe", async (ctx) => {
    const arg = ctx.match.trim();
    if (arg && ctx.chat.type === "private") {
      const channel = await resolveChannel(ctx, arg);
      if (channel) await subscribe(ctx, channel, "channel");
      return;
    }
    if (!(await mayManage(ctx, ctx.chat.id))) return refuse(ctx);
    await subscribe(ctx, { id: ctx.chat.id }, ctx.chat.type);
  });

  // The "Get reminders" button under answers.
  c.callbackQuery(cb.subscribe, async (ctx) => {
    if (!ctx.chat) return ctx.answerCallbackQuery();
    if (!(await mayManage(ctx, ctx.chat.id))) return refuse(ctx);
    await ctx.answerCallbackQuery();
    await subscribe(ctx, { id: ctx.chat.id }, ctx.chat.type);
  });

  c.command("unsubscribe", async (ctx) => {
    const arg = ctx.match.trim();
    if (arg && ctx.chat.type === "private") {
      const channel = await resolveChannel(ctx, arg);
      if (channel) await unsubscribe(ctx, channel);
      return;
    }
    if (!(await mayManage(ctx, ctx.chat.id))) return refuse(ctx);
    await unsubscribe(ctx, { id: ctx.chat.id });
  });

  // A post forwarded from a channel the person administers, where the bot is an admin: offer to subscribe it.
  c.chatType("private").on("message:forward_origin", async (ctx, next) => {
    const origin = ctx.msg.forward_origin;
    if (origin.type !== "channel") return next();
    let admin = false;
    try {
      const me = await ctx.api.getChatMember(origin.chat.id, ctx.me.id);
      admin = me.status === "administrator" && (await ctx.deps.admins.isAdmin(ctx.api, origin.chat.id, ctx.from.id));
    } catch {
      admin = false;
    }
    if (!admin) return next();
    const label = origin.chat.username ? `@${origin.chat.username}` : origin.chat.title;
    await ctx.reply(ctx.t("subscribe.channel_offer", { channel: label }), {
      reply_markup: new InlineKeyboard().text(ctx.t("subscribe.channel_button"), cb.subscribeChannel(origin.chat.id)),
    });
  });

  c.callbackQuery(cbPattern.subscribeChannel, async (ctx) => {
    await ctx.answerCallbackQuery();
    const channel = await resolveChannel(ctx, Number(ctx.match[1]));
    if (channel) await subscribe(ctx, channel, "channel");
  });

  return c;
}

