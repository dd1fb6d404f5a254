import { parseLanguageChoice } from "../../render/languages.js";
import { cbPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { languageKeyboard, menuKeyboard } from "../keyboards.js";
import { chooseScript } from "../middleware/script.js";
import { LeanComposer } from "../composer.js";

/**
 * `/language`: English, Russian, or Kazakh in Cyrillic, Latin or Arabic script. A chosen script
 * sticks until chosen again; a chat that never chose one reads Kazakh in the script it writes.
 */
export function languageFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("language", async (ctx) => {
    await ctx.reply(ctx.t("language_prompt"), { reply_markup: languageKeyboard() });
  });
  c.callbackQuery(cbPattern.language, async (ctx) => {
    const choice = parseLanguageChoice(ctx.match[1]!);
    if (!ctx.chat || !choice) return ctx.answerCallbackQuery();
    const { lang, kkScript } = choice;
    await ctx.deps.chats.setLanguage(ctx.chat.id, ctx.chat.type, lang, ctx.deps.clock.now(), kkScript);
    ctx.lang = lang;
    ctx.t = ctx.deps.i18n.t(lang);
    if (kkScript) chooseScript(ctx, kkScript);
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t("language_set"), { reply_markup: menuKeyboard(ctx.deps.content.current(), lang) });
  });
  return c;
}
