import type { ContentSnapshot } from "../case/content/store.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { formatDate } from "./dates.js";
import { sourceCitation } from "./sources.js";

/** Telegram's limit is 4096; a margin for the entities' markup. */
const MESSAGE_LIMIT = 3900;

/** The timeline's parts: its heading, one block per event (date, title, text, [n] marks), and the numbered sources. */
export interface TimelineParts {
  head: string;
  blocks: string[];
  tail: string;
}

/** The case's events in date order, each with numbered references to its sources, listed once at the end. */
export function timelineParts(snap: ContentSnapshot, lang: Lang, t: TFunction): TimelineParts {
  const refs: string[] = [];
  const refOf = (id: string) => {
    const i = refs.indexOf(id);
    if (i >= 0) return i + 1;
    refs.push(id);
    return refs.length;
  };
  const blocks = snap.events.map((e) => {
    const marks = e.sourceIds.filter((id) => snap.sourceById.has(id)).map((id) => `[${refOf(id)}]`).join("");
    return `<b>${escapeHtml(formatDate(e.date, lang))}</b> — <b>${escapeHtml(e.title[lang])}</b>\n${escapeHtml(e.body[lang])} ${marks}`.trimEnd();
  });
  const sources = refs.map((id, i) => `[${i + 1}] ${sourceCitation(snap, [id], lang)}`).join("\n");
  const head = t("passing.timeline_header", { name: snap.meta?.name[lang] ?? "" });
  return { head, blocks, tail: `<i>${t("passing.timeline_sources")}</i>\n${sources}` };
}

/** The timeline as messages; long timelines are split between events, never inside one. */
export function renderTimeline(snap: ContentSnapshot, lang: Lang, t: TFunction): string[] {
  if (!snap.events.length) return [t("passing.timeline_empty")];
  const { head, blocks, tail } = timelineParts(snap, lang, t);
  const messages: string[] = [];
  let cur = head;
  for (const b of [...blocks, tail]) {
    if (cur.length + b.length + 2 > MESSAGE_LIMIT && cur.length) {
      messages.push(cur);
      cur = b;
    } else {
      cur = cur ? `${cur}\n\n${b}` : b;
    }
  }
  messages.push(cur);
  return messages;
}
