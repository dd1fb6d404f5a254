import { InlineKeyboard, type Context } from "grammy";
import { addTopicQuestion } from "../../editorial/answers.js";
import type { TFunction } from "../../i18n.js";
import { QUESTION_KEYS, type QuestionKey } from "../../shared/lang.js";
import { CV } from "../callback-data.js";
import type { BotDeps } from "../context.js";
import { chooseTopic, topicChoices } from "./pickers.js";
import { askText, choose, confirm, type EditorConversation } from "./steps.js";

export const ADD_PARAPHRASE = "add-paraphrase";
export const MAX_QUESTION = 200;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const ARABIC = /\p{Script=Arabic}/u;
const KAZAKH_LETTERS = /[әіңғүұқөһӘІҢҒҮҰҚӨҺ]/u;

/** Whether a question is written the way its key says: the matcher reads each key with its own rules. */
export function fitsKey(key: QuestionKey, text: string): boolean {
  switch (key) {
    case "en":
    case "ru_latn":
    case "kk_latn":
      return LATIN.test(text) && !CYRILLIC.test(text) && !ARABIC.test(text);
    case "ru":
    case "kk":
      return CYRILLIC.test(text) && !ARABIC.test(text);
    case "kk_plain":
      return CYRILLIC.test(text) && !KAZAKH_LETTERS.test(text) && !ARABIC.test(text);
    case "kk_arab":
      return ARABIC.test(text) && !CYRILLIC.test(text);
  }
}

/**
 * Add a paraphrase to a topic: topic → language and script → the question as people type it →
 * confirm → stored, and every instance's answer index rebuilt from the new revision.
 */
export function addParaphraseConversation(deps: BotDeps) {
  return async function addParaphrase(conversation: EditorConversation, ctx: Context): Promise<void> {
    const actorId = ctx.from?.id;
    if (actorId === undefined) return;
    const lang = await conversation.external((outside) => outside.lang);
    const t = deps.i18n.t(lang);

    const topics = await conversation.external(() => topicChoices(deps.content.current(), lang));
    const topic = await chooseTopic(conversation, ctx, t, t("conv.paraphrase_topic_prompt"), topics);
    const key = await chooseKey(conversation, ctx, t, t("conv.paraphrase_key_prompt", { topic: topic.label }));
    const names = { topic: topic.label, key: t(`conv.key_${key}`) };

    const listed = await conversation.external(async () => {
      await deps.content.refresh();
      return deps.content.current().topicById.get(topic.id)?.questions[key] ?? [];
    });
    const examples = listed.slice(0, 10).map((q) => `• ${q}`).join("\n");
    await ctx.reply(listed.length ? t("conv.listed_questions", { ...names, total: listed.length, examples }) : t("conv.no_questions_yet", names), {
      parse_mode: "HTML",
    });

    for (;;) {
      const text = await askText(conversation, ctx, t, t("conv.paraphrase_prompt", names), (s) => checkQuestion(t, key, s, names.key));
      const decision = await confirm(conversation, ctx, t, t("conv.save_paraphrase_question", { ...names, text }));
      if (decision === "again") continue;
      const result = await conversation.external(async () => {
        const r = await addTopicQuestion(deps.editorial, { topicId: topic.id, key, text, actorId });
        if (r.status === "saved") await deps.content.refresh();
        return r;
      });
      if (result.status === "duplicate") {
        const other = topics.find((tp) => tp.id === result.topicId)?.label ?? result.topicId;
        await ctx.reply(t("conv.paraphrase_duplicate", { topic: other }), { parse_mode: "HTML" });
        continue;
      }
      if (result.status === "saved") await ctx.reply(t("conv.paraphrase_saved", { ...names, text, revision: result.revision }), { parse_mode: "HTML" });
      else await ctx.reply(t("conv.topic_gone"));
      return;
    }
  };
}

async function chooseKey(conversation: EditorConversation, ctx: Context, t: TFunction, prompt: string): Promise<QuestionKey> {
  const kb = new InlineKeyboard();
  QUESTION_KEYS.forEach((k, i) => {
    kb.text(t(`conv.key_${k}`), `${CV}key:${k}`);
    if (i % 2 === 0) kb.row();
  });
  return choose(conversation, ctx, t, prompt, kb, (c) => QUESTION_KEYS.find((k) => `key:${k}` === c));
}

function checkQuestion(t: TFunction, key: QuestionKey, text: string, keyName: string): string | undefined {
  if (text.length > MAX_QUESTION) return t("conv.too_long", { max: MAX_QUESTION, count: text.length });
  if (/\n/.test(text)) return t("conv.one_line");
  if (!fitsKey(key, text)) return t("conv.wrong_script", { key: keyName });
  return undefined;
}
