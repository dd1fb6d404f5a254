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
