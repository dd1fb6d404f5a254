import { InlineKeyboard } from "grammy";
import type { Lang } from "../../content/schema.js";
import type { ContentSnapshot, TopicRow } from "../../content/store.js";
import { escapeHtml } from "../../html.js";
import type { BotDeps } from "../context.js";
import { cb, shareButton, withoutEmptyRows } from "../keyboards.js";
import { hearingLine } from "./hearing.js";
import { sourceCitation } from "./sources.js";

export const HEARING_SLOT = "{{hearing}}";

export interface RenderedTopic {
  text: string;
  keyboard: InlineKeyboard;
}

/** The stored answer's text with the live facts filled in, escaped for HTML. */
export async function topicBody(deps: BotDeps, topic: TopicRow, lang: Lang, answer = topic.answer[lang]): Promise<string> {
  const parts = answer.split(HEARING_SLOT).map(escapeHtml);
  if (parts.length === 1) return parts[0]!;
  const now = deps.clock.now();
  const line = hearingLine(deps.i18n.t(lang), lang, await deps.hearings.nextAndLast(now), now, deps.config.timeZone);
  return parts.join(line);
}

/** A topic's answer as a message: title, answer, source, and buttons for related topics. */
export async function renderTopic(
  deps: BotDeps,
  snap: ContentSnapshot,
  topic: TopicRow,
  lang: Lang,
  opts: { answer?: string; extraRows?: InlineKeyboard } = {},
): Promise<RenderedTopic> {
  const t = deps.i18n.t(lang);
  const body = await topicBody(deps, topic, lang, opts.answer);
  const text = `<b>${escapeHtml(topic.label[lang])}</b>\n\n${body}\n\n<i>${t("source_line", { sources: "\u0000" }).replace(
    "\u0000",
    sourceCitation(snap, topic.sourceIds, lang),
  )}</i>`;
  const keyboard = new InlineKeyboard();
  if (opts.extraRows) keyboard.append(opts.extraRows).row();
  const related = topic.related.map((id) => snap.topicById.get(id)).filter((x) => x !== undefined);
  related.forEach((r, i) => {
    keyboard.text(`› ${r.label[lang]}`, cb.topic(r.id, lang));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(t("subscribe_button"), "sub:open").text(t("menu_button"), cb.menu(lang));
  keyboard.row();
  // An answer with the live hearing line is a hearing answer: offer the event for a calendar.
  if ((opts.answer ?? topic.answer[lang]).includes(HEARING_SLOT)) keyboard.text(t("passing.calendar_button"), cb.calendar());
  shareButton(keyboard, t("passing.share_button"));
  return { text, keyboard: withoutEmptyRows(keyboard) };
}
