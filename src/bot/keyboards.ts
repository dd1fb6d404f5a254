import { InlineKeyboard } from "grammy";
import type { Lang } from "../content/schema.js";
import type { ContentSnapshot, TopicRow } from "../content/store.js";

/**
 * Callback data is versioned by shape: `t:<topic>:<lang>` shows a topic. Anything that does not
 * parse is an old or forged button and gets the "out of date" answer.
 */
export const cb = {
  topic: (id: string, lang: Lang) => `t:${id}:${lang}`,
  menu: (lang: Lang) => `m:${lang}`,
  language: (lang: Lang) => `lang:${lang}`,
  /** An .ics file: `cal:next` for the next hearing when pressed, `cal:h:<id>` for one hearing. */
  calendar: (hearingId?: string) => (hearingId ? `cal:h:${hearingId}` : "cal:next"),
  /** The Kazakh answer to a topic, transliterated into Latin or Arabic script. */
  translit: (id: string, script: "latn" | "arab") => `tr:${id}:${script}`,
};

export function topicButtons(topics: TopicRow[], lang: Lang, perRow = 2): InlineKeyboard {
  const kb = new InlineKeyboard();
  topics.forEach((t, i) => {
    kb.text(t.label[lang], cb.topic(t.id, lang));
    if (i % perRow === perRow - 1) kb.row();
  });
  return kb;
}

export function menuKeyboard(snap: ContentSnapshot, lang: Lang): InlineKeyboard {
  return topicButtons(snap.menu, lang);
}

export function languageKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text("English", cb.language("en")).text("Қазақша", cb.language("kk")).text("Русский", cb.language("ru"));
}

/**
 * "Share": opens Telegram's chat picker with `@bot <query>` typed in, so the inline cards (in the
 * sharer's language) go to the chosen chat. Put it under answers, reminders and updates.
 */
export function shareButton(kb: InlineKeyboard, label: string, query = ""): InlineKeyboard {
  return kb.switchInline(label, query);
}

/** The deep link a forwarded message points to: opens the bot and starts subscribing. */
export function subscribeLink(botUsername: string): string {
  return `https://t.me/${botUsername}?start=subscribe`;
}

/** grammY's `row()` always opens a row: keyboards assembled from optional parts drop the empty ones. */
export function withoutEmptyRows(kb: InlineKeyboard): InlineKeyboard {
  return new InlineKeyboard(kb.inline_keyboard.filter((row) => row.length > 0));
}
