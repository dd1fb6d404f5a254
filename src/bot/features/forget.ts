import { InlineKeyboard } from "grammy";
import { hashId } from "../../logger.js";
import { cb } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

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

/** `/forget`: asks first, then deletes the chat's row, subscription, queued messages and state, and (private chat) the editor role and the id in the audit log. */
export function forgetFeature() {
  const c = new LeanComposer<BotContext>();
  // Not in channels: a reply there would be a public post.
  const notChannel = c.chatType(["private", "group", "supergroup"]);
  notChannel.command("forget", async (ctx) => {
    if (!(await mayForget(ctx))) return ctx.reply(ctx.t("forget.admins_only"), { parse_mode: "HTML" });
    const keyboard = new InlineKeyboard().text(ctx.t("forget.yes"), cb.forgetYes).text(ctx.t("forget.no"), cb.forgetNo);
    await ctx.reply(ctx.t("forget.confirm"), { parse_mode: "HTML", reply_markup: keyboard });
  });
  notChannel.callbackQuery(cb.forgetYes, async (ctx) => {
    if (!(await mayForget(ctx))) return ctx.answerCallbackQuery({ text: ctx.t("forget.admins_only") });
    const { wasEditor } = await ctx.deps.forgetChat(ctx.chat.id);
    ctx.deps.logger.info({ chat: hashId(ctx.deps.config.logHashKey, ctx.chat.id) }, "chat forgotten on request");
    await ctx.answerCallbackQuery();
    // In a private chat the chat id is the user's: an editor lost the role; an owner keeps it, from ADMIN_IDS.
    const owner = ctx.chat.type === "private" && ctx.deps.config.adminIds.includes(ctx.chat.id);
    const notes = [wasEditor ? ctx.t("forget.editor_removed") : "", owner ? ctx.t("forget.owner_env") : ""].filter(Boolean);
    await replaceOrReply(ctx, [ctx.t("forget.done"), ...notes].join("\n\n"));
  });
  notChannel.callbackQuery(cb.forgetNo, async (ctx) => {
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
