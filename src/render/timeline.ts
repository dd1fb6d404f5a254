import type { ContentSnapshot } from "../case/content/store.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { formatDate } from "./dates.js";
import { sourceCitation } from "./sources.js";

/** Telegram's limit is 4096; a margin for the entities' markup. */
const MESSAGE_LIMIT = 3900;

/**
 * The case's events in date order, each with the date and numbered references to its sources,
 * listed once at the end. Long timelines are split between events, never inside one.
 */
export function renderTimeline(snap: ContentSnapshot, lang: Lang, t: TFunction): string[] {
  if (!snap.events.length) return [t("passing.timeline_empty")];
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
  const tail = `<i>${t("passing.timeline_sources")}</i>\n${sources}`;

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
