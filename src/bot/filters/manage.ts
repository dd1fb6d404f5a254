import type { BotContext } from "../context.js";
import type { MenuTarget } from "../settings-menu.js";

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
