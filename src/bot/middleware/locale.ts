import type { MiddlewareFn } from "grammy";
import { langFromCode } from "../../shared/lang.js";
import type { BotContext, BotDeps } from "../context.js";

/**
 * Puts deps, the chat's stored row, its dialogue state, the hearings' digest, its language, its Kazakh script and a
 * fixed translator on the context: one read per update, which every feature then uses instead of
 * reading again.
 */
export function locale(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    // Inline mode has no chat; the asker's private chat (the same id) holds their choices.
    const chatId = ctx.chat?.id ?? ctx.inlineQuery?.from.id;
    const { chat, dialogue, hearingsDigest } = chatId !== undefined ? await deps.chats.context(chatId) : {};
    ctx.chatRow = chat;
    ctx.dialogue = dialogue;
    ctx.hearingsDigest = hearingsDigest;
    ctx.chosenLang = chat?.language ?? null;
    ctx.kkScript = chat?.kkScript ?? "cyrl";
    ctx.kkScriptChosen = chat?.kkScriptChosen ?? false;
    ctx.replyLang = undefined;
    ctx.lang = ctx.chosenLang ?? langFromCode(ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}
