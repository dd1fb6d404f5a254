import { InlineKeyboard, type Context } from "grammy";
import { LANGS, type Lang } from "../../content/schema.js";
import type { ContentSnapshot } from "../../content/store.js";
import type { TFunction } from "../../i18n.js";
import { choose, CV, type EditorConversation } from "./steps.js";

export interface TopicChoice {
  id: string;
  label: string;
}

/** The topics as the editor sees them: read once, inside `external`, so a replay sees the same list. */
export function topicChoices(snap: ContentSnapshot, lang: Lang): TopicChoice[] {
  return snap.topics.map((t) => ({ id: t.id, label: t.label[lang] }));
}

export async function chooseTopic(
  conversation: EditorConversation,
  ctx: Context,
  t: TFunction,
  prompt: string,
  topics: TopicChoice[],
): Promise<TopicChoice> {
  const kb = new InlineKeyboard();
  topics.forEach((tp, i) => {
    kb.text(tp.label, `${CV}topic:${tp.id}`);
    if (i % 2 === 1) kb.row();
  });
  return choose(conversation, ctx, t, prompt, kb, (c) => topics.find((tp) => `topic:${tp.id}` === c));
}

export const LANG_NAMES: Record<Lang, string> = { en: "English", kk: "Қазақша", ru: "Русский" };

export async function chooseLanguage(conversation: EditorConversation, ctx: Context, t: TFunction, prompt: string): Promise<Lang> {
  const kb = new InlineKeyboard();
  for (const l of LANGS) kb.text(LANG_NAMES[l], `${CV}lang:${l}`);
  return choose(conversation, ctx, t, prompt, kb, (c) => LANGS.find((l) => `lang:${l}` === c));
}
