import type { MiddlewareFn, Transformer } from "grammy";
import type { BotContext } from "../context.js";

const TEXT_METHODS = new Set(["sendMessage", "editMessageText"]);
const CAPTION_METHODS = new Set(["sendPhoto", "sendDocument", "sendVideo", "sendAudio", "sendVoice", "sendAnimation", "editMessageCaption", "copyMessage"]);

/**
 * HTML parse mode unless a call says otherwise (or gives its own entities): every text the bot
 * writes is HTML, with user text escaped, so one forgotten option cannot show `&amp;` literally
 * or leave one message parsed differently from the rest.
 */
export const defaultHtml: Transformer = (prev, method, payload, signal) => {
  const p = payload as Record<string, unknown>;
  if (p && p.parse_mode === undefined) {
    if (TEXT_METHODS.has(method) && p.entities === undefined) payload = { ...p, parse_mode: "HTML" } as typeof payload;
    else if (CAPTION_METHODS.has(method) && p.caption !== undefined && p.caption_entities === undefined)
      payload = { ...p, parse_mode: "HTML" } as typeof payload;
  }
  return prev(method, payload, signal);
};

/** On the update's own API client, so it applies before any bot-wide transformer sees the call. */
export function htmlByDefault(): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.api.config.use(defaultHtml);
    return next();
  };
}
