import type { ContentSnapshot, TopicRow } from "../case/content/store.js";
import type { I18n } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { Rows, type Rendered } from "./buttons.js";
import { sourceLine } from "./sources.js";
import { citedSources, topicBody, topicMenu, type LiveFacts } from "./topic.js";

/** Telegram's limit for one message, less a margin for the tags Telegram does not count. */
const MAX_TEXT = 3800;

/** An answer's first paragraph: in a reply to several questions, each answer is short. */
const firstParagraph = (answer: string) => answer.split(/\n\s*\n/u)[0]!.trim();

/**
 * One reply to a message that asked several things: each topic's label, the first paragraph of
 * its answer and its own source line, in the order asked; a button for each topic's full answer.
 */
export function renderSeveral(i18n: I18n, snap: ContentSnapshot, topics: readonly TopicRow[], lang: Lang, live: LiveFacts): Rendered {
  const t = i18n.t(lang);
  const blocks: string[] = [];
  for (const topic of topics) {
    const answer = firstParagraph(topic.answer[lang]);
    const source = sourceLine(t, snap, citedSources(topic, live, answer), lang);
    const block = [`<b>${escapeHtml(topic.label[lang])}</b>`, topicBody(i18n, topic, lang, live, answer), source].filter((x) => x !== null).join("\n");
    if ([...blocks, block].join("\n\n").length > MAX_TEXT) break;
    blocks.push(block);
  }
  const rows = new Rows();
  topics.forEach((tp, i) => {
    rows.add({ text: `› ${tp.label[lang]}`, action: { kind: "topic", topic: tp.id, lang } });
    if (i % 2 === 1) rows.row();
  });
  rows.row().add({ text: t("subscribe_button"), action: { kind: "subscribe" } }, { text: t("menu_button"), action: { kind: "menu", lang } });
  return { html: blocks.join("\n\n"), buttons: rows.done() };
}

/**
 * Small talk ("hi", "thanks", "who are you?"): the entries' answers, warm and short, with the
 * topic menu, so the next step is one tap away. No title and no source: there is no fact to cite.
 */
export function renderSmalltalk(i18n: I18n, snap: ContentSnapshot, topics: readonly TopicRow[], lang: Lang, live: LiveFacts): Rendered {
  const html = topics.map((tp) => topicBody(i18n, tp, lang, live)).join("\n\n");
  return { html, buttons: topicMenu(snap.menu, lang) };
}
