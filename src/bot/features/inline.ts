import type { InlineQueryResultArticle } from "grammy/types";
import { buildCards, matches, type Card } from "../../render/cards.js";
import { followButtons } from "../../render/notices.js";
import type { TFunction } from "../../i18n.js";
import type { Lang } from "../../shared/lang.js";
import { START_SUBSCRIBE } from "../../render/links.js";
import type { BotContext } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { liveFacts } from "../live.js";
import { LeanComposer } from "../composer.js";

export function cardResult(card: Card, lang: Lang, t: TFunction, botUsername: string): InlineQueryResultArticle {
  return {
    type: "article",
    id: `${card.id}:${lang}`,
    title: card.title,
    description: card.description,
    // With PUBLIC_URL the card previews its page (title, first lines, image), which travels with it when forwarded.
    input_message_content: {
      message_text: card.html,
      parse_mode: "HTML",
      link_preview_options: card.url ? { url: card.url, prefer_large_media: true } : { is_disabled: true },
    },
    reply_markup: toKeyboard(followButtons(t, botUsername).flatMap((row) => row.map((b) => [b]))),
  };
}

/**
 * Inline mode: `@bot` in any chat offers the cards in the user's language (the one chosen in their
 * private chat with the bot, else their Telegram's language_code; Kazakh in their script); the
 * text typed after it filters them, in any of the three languages.
 */
export function inlineFeature() {
  const c = new LeanComposer<BotContext>();
  c.on("inline_query", async (ctx) => {
    const { deps, lang } = ctx;
    const username = ctx.me.username;
    const cards = buildCards(deps.i18n, lang, {
      snapshot: deps.content.current(),
      live: await liveFacts(deps),
      latestUpdate: await deps.updates.latest(),
      botUsername: username,
      publicUrl: deps.config.publicUrl,
    }).filter((card) => matches(card, ctx.inlineQuery.query));
    await ctx.answerInlineQuery(
      cards.map((card) => cardResult(card, lang, ctx.t, username)),
      {
        // Personal: the cards are in the asker's language, which is not part of the query.
        is_personal: true,
        cache_time: 300,
        button: { text: ctx.t("passing.inline_open_bot"), start_parameter: START_SUBSCRIBE },
      },
    );
  });
  return c;
}
