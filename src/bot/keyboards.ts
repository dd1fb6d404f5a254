import { InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { ContentSnapshot } from "../case/content/store.js";
import type { Buttons } from "../render/buttons.js";
import { LANGUAGE_CHOICES } from "../render/languages.js";
import { topicMenu } from "../render/topic.js";
import type { Lang } from "../shared/lang.js";
import { actionData, cb } from "./callback-data.js";

/** Rendered buttons as Telegram's inline keyboard. */
export function toKeyboard(buttons: Buttons): InlineKeyboard {
  return new InlineKeyboard(
    buttons.map((row) =>
      row.map((b) => {
        if ("action" in b) return InlineKeyboard.text(b.text, actionData(b.action));
        if ("url" in b) return InlineKeyboard.url(b.text, b.url);
        // Opens Telegram's chat picker with `@bot <query>` typed in: the inline cards, in the sharer's language.
        return InlineKeyboard.switchInline(b.text, b.share);
      }),
    ),
  );
}

/** The same, as a reply_markup value (undefined when there are no buttons). */
export function toMarkup(buttons: Buttons | undefined): InlineKeyboardMarkup | undefined {
  return buttons?.length ? toKeyboard(buttons) : undefined;
}

export function menuKeyboard(snap: ContentSnapshot, lang: Lang): InlineKeyboard {
  return toKeyboard(topicMenu(snap.menu, lang));
}

/** English and Russian, then Kazakh in each of its scripts, each named in itself. */
export function languageKeyboard(): InlineKeyboard {
  return new InlineKeyboard(LANGUAGE_CHOICES.map((row) => row.map((c) => InlineKeyboard.text(c.label, cb.language(c.code)))));
}
