import type { BotContext } from "../context.js";
import { menuKeyboard } from "../keyboards.js";
import { LeanComposer } from "../composer.js";

/** Last in the tree: whatever no feature took gets a polite, deliberate answer, or none in groups. */
export function fallbackFeature() {
  const c = new LeanComposer<BotContext>();
  c.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("button_outdated") }));
  c.chatType("private").on("message", async (ctx) => {
    // A command no feature took (a typo, or one only editors have) is not "not text".
    const unknownCommand = ctx.message.text?.startsWith("/") ?? false;
    await ctx.reply(ctx.t(unknownCommand ? "unknown_command" : "non_text"), {
      reply_markup: menuKeyboard(ctx.deps.content.current(), ctx.lang),
    });
  });
  return c;
}
