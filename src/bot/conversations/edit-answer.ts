import type { Context } from "grammy";
import { saveTopicAnswer } from "../../editorial/answers.js";
import type { TFunction } from "../../i18n.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { isSlot, placeholdersIn, SLOTS } from "../../case/slots.js";
import { renderTopic } from "../../render/topic.js";
import { escapeHtml } from "../../shared/html.js";
import type { Lang } from "../../shared/lang.js";
import type { BotDeps } from "../context.js";
import { liveFactsFor } from "../live.js";
import { chooseLanguage, chooseTopic, topicChoices } from "./pickers.js";
import { askText, confirm, type EditorConversation } from "./steps.js";

export const EDIT_ANSWER = "edit-answer";
/** Long enough for any answer here, short enough that the rendered message stays under Telegram's 4096. */
export const MAX_ANSWER = 3000;

/**
 * Edit an FAQ answer: topic → language → the current text (to copy) → new text → preview of
 * exactly what readers get → save. Reads and writes happen in `external`, so a replay after a
 * restart reuses their results instead of doing them again.
 */
export function editAnswerConversation(deps: BotDeps) {
  return async function editAnswer(conversation: EditorConversation, ctx: Context): Promise<void> {
    const actorId = ctx.from?.id;
    if (actorId === undefined) return;
    const lang = await conversation.external((outside) => outside.lang);
    const t = deps.i18n.t(lang);

    const topics = await conversation.external(() => topicChoices(deps.content.current(), lang));
    const topic = await chooseTopic(conversation, ctx, t, t("conv.edit_topic_prompt"), topics);
    const target: Lang = await chooseLanguage(conversation, ctx, t, t("conv.edit_lang_prompt", { topic: topic.label }));
    const names = { topic: topic.label, language: LANGUAGE_NAMES[target] };

    const current = await conversation.external(async () => {
      await deps.content.refresh();
      return deps.content.current().topicById.get(topic.id)?.answer[target] ?? null;
    });
    if (current === null) {
      await ctx.reply(t("conv.topic_gone"));
      return;
    }
    await ctx.reply(t("conv.current_answer", names), { parse_mode: "HTML" });
    // On its own, as it is stored (escaped only for display), so the editor can copy it, change it and send it back.
    await ctx.reply(escapeHtml(current), { parse_mode: "HTML" });

    // Every language shows the same live facts: the slots the answer has stay in it.
    const slots = [...new Set(placeholdersIn(current).filter(isSlot))];
    for (;;) {
      const text = await askText(
        conversation,
        ctx,
        t,
        t("conv.new_answer_prompt", names) + slots.map((slot) => `\n\n${t("conv.keep_slot", { slot })}`).join(""),
        (s) => checkAnswer(t, s, current, slots),
      );
      const preview = await conversation.external(async () => {
        const snap = deps.content.current();
        const row = snap.topicById.get(topic.id);
        return row ? renderTopic(deps.i18n, snap, row, target, await liveFactsFor(deps, row, text), { answer: text }).html : null;
      });
      if (preview === null) {
        await ctx.reply(t("conv.topic_gone"));
        return;
      }
      await ctx.reply(t("conv.preview_header", names), { parse_mode: "HTML" });
      await ctx.reply(preview, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
      const decision = await confirm(conversation, ctx, t, t("conv.save_answer_question", names));
      if (decision === "again") continue;

      const result = await conversation.external(async () => {
        const r = await saveTopicAnswer(deps.editorial, { topicId: topic.id, lang: target, expected: current, text, actorId });
        if (r.status === "saved") await deps.content.refresh();
        return r;
      });
      if (result.status === "saved") await ctx.reply(t("conv.answer_saved", { ...names, revision: result.revision }), { parse_mode: "HTML" });
      else if (result.status === "changed") await ctx.reply(t("conv.answer_changed_meanwhile"));
      else await ctx.reply(t("conv.topic_gone"));
      return;
    }
  };
}

function checkAnswer(t: TFunction, text: string, current: string, slots: readonly string[]): string | undefined {
  if (text.length > MAX_ANSWER) return t("conv.too_long", { max: MAX_ANSWER, count: text.length });
  const found = placeholdersIn(text);
  const unknown = found.find((p) => !isSlot(p));
  if (unknown) return t("conv.unknown_slot", { slot: unknown, known: Object.values(SLOTS).join(", ") });
  const lost = slots.find((s) => !found.includes(s));
  if (lost) return t("conv.keep_slot", { slot: lost });
  const added = found.find((s) => !slots.includes(s));
  if (added) return t("conv.no_new_slot", { slot: added });
  if (text === current.trim()) return t("conv.unchanged");
  return undefined;
}
