import type { ContentSnapshot, TopicRow } from "../case/content/store.js";
import { SLOTS } from "../case/slots.js";
import type { I18n } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { Rows, type Buttons, type Rendered } from "./buttons.js";
import { hearingLine, shownHearing, type HearingsOnRecord } from "./hearing.js";
import { sourceLine } from "./sources.js";

/** Where an answer wants the live line about the next (or last) hearing. */
export const HEARING_SLOT = SLOTS.hearing;

/** What a topic's answer may need from the record at answer time. */
export interface LiveFacts {
  hearings: HearingsOnRecord;
  now: Date;
  timeZone: string;
}

/** The stored answer's text with the live facts filled in, escaped for HTML. */
export function topicBody(i18n: I18n, topic: TopicRow, lang: Lang, live: LiveFacts, answer = topic.answer[lang]): string {
  const t = i18n.t(lang);
  // Filled only when present: a slot's text is composed from the record, not stored.
  const fill: Record<string, () => string> = {
    [SLOTS.hearing]: () => hearingLine(t, lang, live.hearings, live.now, live.timeZone),
    [SLOTS.privacy]: () => t("privacy.text"),
  };
  return answer
    .split(/(\{\{[a-z]+\}\})/)
    .map((part, i) => (i % 2 === 1 && fill[part] ? fill[part]() : escapeHtml(part)))
    .join("");
}

/**
 * The sources an answer cites: the topic's own, then those of the live facts it shows (the
 * hearing's own sources, which gave its date, time and place), each once.
 */
export function citedSources(topic: TopicRow, live: LiveFacts, answer: string): string[] {
  const shown = answer.includes(SLOTS.hearing) ? (shownHearing(live.hearings)?.sourceIds ?? []) : [];
  return [...new Set([...topic.sourceIds, ...shown])];
}

/** A topic's answer as a message: title, answer, source, and buttons for related topics. */
export function renderTopic(
  i18n: I18n,
  snap: ContentSnapshot,
  topic: TopicRow,
  lang: Lang,
  live: LiveFacts,
  opts: { answer?: string; extraRows?: Buttons } = {},
): Rendered {
  const t = i18n.t(lang);
  const answer = opts.answer ?? topic.answer[lang];
  const body = topicBody(i18n, topic, lang, live, answer);
  const source = sourceLine(t, snap, citedSources(topic, live, answer), lang);
  const html = [`<b>${escapeHtml(topic.label[lang])}</b>`, body, source].filter((x) => x !== null).join("\n\n");
  const rows = new Rows();
  if (opts.extraRows) rows.append(opts.extraRows);
  const related = topic.related.map((id) => snap.topicById.get(id)).filter((x) => x !== undefined);
  related.forEach((r, i) => {
    rows.add({ text: `› ${r.label[lang]}`, action: { kind: "topic", topic: r.id, lang } });
    if (i % 2 === 1) rows.row();
  });
  rows.row().add({ text: t("subscribe_button"), action: { kind: "subscribe" } }, { text: t("menu_button"), action: { kind: "menu", lang } });
  rows.row();
  // An answer with the live hearing line is a hearing answer: offer the event for a calendar.
  if (answer.includes(HEARING_SLOT)) rows.add({ text: t("passing.calendar_button"), action: { kind: "calendar" } });
  rows.add({ text: t("passing.share_button"), share: "" });
  return { html, buttons: rows.done() };
}

/** The topic menu: two labels to a row. */
export function topicMenu(topics: readonly TopicRow[], lang: Lang, perRow = 2): Buttons {
  const rows = new Rows();
  topics.forEach((tp, i) => {
    rows.add({ text: tp.label[lang], action: { kind: "topic", topic: tp.id, lang } });
    if (i % perRow === perRow - 1) rows.row();
  });
  return rows.done();
}
