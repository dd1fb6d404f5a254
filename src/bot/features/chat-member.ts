import type { ChatMember } from "grammy/types";
import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

const present = (m: ChatMember) =>
  m.status === "creator" || m.status === "administrator" || m.status === "member" || (m.status === "restricted" && m.is_member);

/**
 * Keeps each chat's status true to what Telegram says of the bot there: a person who blocks the
 * bot, a group that removes it, a channel that drops it get nothing more; coming back makes the
 * chat active again with its old settings. A group that becomes a supergroup keeps its
 * subscription under the new id. Runs before every other feature and lets updates through.
 */
export function chatMemberFeature() {
  const c = new LeanComposer<BotContext>();

  c.on("my_chat_member", async (ctx) => {
    const { chat, new_chat_member } = ctx.myChatMember;
    const here = present(new_chat_member);
    const status = here ? "active" : chat.type === "private" ? "blocked" : "left";
    await ctx.deps.subscriptions.setChatStatus(chat.id, chat.type, status, ctx.deps.clock.now());
    ctx.deps.admins.forget(chat.id);
    ctx.deps.logger.info({ chatType: chat.type, status }, "chat status changed");
  });

  c.on("message:migrate_to_chat_id", async (ctx, next) => {
    await ctx.deps.subscriptions.migrateChat(ctx.chat.id, ctx.msg.migrate_to_chat_id, ctx.deps.clock.now());
    ctx.deps.admins.forget(ctx.chat.id);
    ctx.deps.logger.info("group migrated to a supergroup");
    await next();
  });

  c.on("message:migrate_from_chat_id", async (ctx, next) => {
    await ctx.deps.subscriptions.migrateChat(ctx.msg.migrate_from_chat_id, ctx.chat.id, ctx.deps.clock.now());
    await next();
  });

  return c;
}
