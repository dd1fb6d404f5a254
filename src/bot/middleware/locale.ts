import type { MiddlewareFn } from "grammy";
import { langFromCode } from "../../shared/lang.js";
import type { BotContext, BotDeps } from "../context.js";

/** Puts deps, the chat's language and a fixed translator on the context: one read per update. */
export function locale(deps: BotDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.deps = deps;
    const chat = ctx.chat ? await deps.chats.get(ctx.chat.id) : undefined;
    ctx.chosenLang = chat?.language ?? null;
    ctx.lang = ctx.chosenLang ?? langFromCode(ctx.from?.language_code);
    ctx.t = deps.i18n.t(ctx.lang);
    await next();
  };
}
