import { eq } from "drizzle-orm";
import { Composer, InlineKeyboard } from "grammy";
import type { Db } from "../../db/client.js";
import { chats, deliveries, kvState, subscriptions } from "../../db/schema.js";
import { hashId } from "../../logger.js";
import type { BotContext } from "../context.js";

/** Callback data of the confirmation buttons: `forget:yes` deletes, `forget:no` keeps. */
export const FORGET_YES = "forget:yes";
export const FORGET_NO = "forget:no";

/**
 * Everything the bot holds about one chat, in one transaction. A table that gains a chat id
 * column must be added here: tests/privacy/forget.test.ts looks for such columns in every table
 * and fails until it is.
 */
export async function forgetChat(db: Db, chatId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(deliveries).where(eq(deliveries.chatId, chatId));
    await tx.delete(subscriptions).where(eq(subscriptions.chatId, chatId));
    await tx.delete(kvState).where(eq(kvState.chatId, chatId));
    await tx.delete(chats).where(eq(chats.id, chatId));
  });
}

/** In a group, deleting its data (and so its subscription) is for its administrators only. */
async function mayForget(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || chat.type === "channel") return false;
  if (chat.type === "private") return true;
  if (ctx.senderChat?.id === chat.id) return true; // an anonymous administrator
  if (!ctx.from) return false;
  const member = await ctx.api.getChatMember(chat.id, ctx.from.id);
  return member.status === "creator" || member.status === "administrator";
}

/** `/forget`: asks first, then deletes the chat's row, subscription, queued messages and state. */
export function forgetFeature() {
  const c = new Composer<BotContext>();
  // Not in channels: a reply there would be a public post.
  const notChannel = c.chatType(["private", "group", "supergroup"]);
  notChannel.command("forget", async (ctx) => {
    if (!(await mayForget(ctx))) return ctx.reply(ctx.t("forget.admins_only"), { parse_mode: "HTML" });
    const keyboard = new InlineKeyboard().text(ctx.t("forget.yes"), FORGET_YES).text(ctx.t("forget.no"), FORGET_NO);
    await ctx.reply(ctx.t("forget.confirm"), { parse_mode: "HTML", reply_markup: keyboard });
  });
  notChannel.callbackQuery(FORGET_YES, async (ctx) => {
    if (!(await mayForget(ctx))) return ctx.answerCallbackQuery({ text: ctx.t("forget.admins_only") });
    await forgetChat(ctx.deps.database.db, ctx.chat.id);
    ctx.deps.logger.info({ chat: hashId(ctx.deps.config.logHashKey, ctx.chat.id) }, "chat forgotten on request");
    await ctx.answerCallbackQuery();
    await replaceOrReply(ctx, ctx.t("forget.done"));
  });
  notChannel.callbackQuery(FORGET_NO, async (ctx) => {
    await ctx.answerCallbackQuery();
    await replaceOrReply(ctx, ctx.t("forget.kept"));
  });
  return c;
}

/** The question turns into the answer, so its buttons cannot be pressed twice. */
async function replaceOrReply(ctx: BotContext, text: string): Promise<void> {
  try {
    await ctx.editMessageText(text, { parse_mode: "HTML" });
  } catch {
    // Too old or already edited: a new message says the same.
    await ctx.reply(text, { parse_mode: "HTML" });
  }
}
