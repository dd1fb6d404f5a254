import { InlineKeyboard, type Context } from "grammy";
import type { ContentSnapshot } from "../../case/content/store.js";
import type { TFunction } from "../../i18n.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { LANGS, type Lang } from "../../shared/lang.js";
import { clip } from "../../shared/text.js";
import { CV } from "../callback-data.js";
import { choose, type EditorConversation } from "./steps.js";

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

export async function chooseLanguage(conversation: EditorConversation, ctx: Context, t: TFunction, prompt: string): Promise<Lang> {
  const kb = new InlineKeyboard();
  for (const l of LANGS) kb.text(LANGUAGE_NAMES[l], `${CV}lang:${l}`);
  return choose(conversation, ctx, t, prompt, kb, (c) => LANGS.find((l) => `lang:${l}` === c));
}

export interface SourceChoice {
  id: string;
  label: string;
}

/** The sources on record, newest first (the one just published is the likeliest), as buttons show them. */
export function sourceChoices(snap: ContentSnapshot, lang: Lang): SourceChoice[] {
  return [...snap.sources].reverse().map((s) => ({ id: s.id, label: clip(`${s.publisher}, ${s.published}: ${s.title[lang]}`, 60) }));
}
