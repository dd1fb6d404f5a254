import type { MiddlewareFn } from "grammy";
import { langFromCode } from "../../shared/lang.js";
import type { BotContext, BotDeps } from "../context.js";

/**
 * Puts deps, the chat's stored row, its dialogue state, its language and a fixed translator on
 * the context: one read per update, which every feature then uses instead of reading again.
 */
export function locale(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    const { chat, dialogue } = ctx.chat ? await deps.chats.context(ctx.chat.id) : {};
    ctx.chatRow = chat;
    ctx.dialogue = dialogue;
    ctx.chosenLang = chat?.language ?? null;
    ctx.lang = ctx.chosenLang ?? langFromCode(ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}
