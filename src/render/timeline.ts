import type { ContentSnapshot, EventRow } from "../case/content/store.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { formatAfter, formatDay, formatMonth } from "./dates.js";
import { sourceCitation } from "./sources.js";

/**
 * An event's date as its source gives it: the day, the month, "after" the dated event it followed
 * (through a chain of them: "shortly afterwards" of an event that followed the protest is still
 * after the protest), or that the source gives none.
 */
export function eventDate(t: TFunction, e: EventRow, byId: ReadonlyMap<string, EventRow>, lang: Lang): string {
  if (e.precision === "day" && e.date) return formatDay(e.date, lang);
  if (e.precision === "month" && e.date) return formatMonth(e.date.slice(0, 7), lang);
  const seen = new Set([e.id]);
  let anchor = e.precision === "after" && e.afterEvent ? byId.get(e.afterEvent) : undefined;
  while (anchor?.precision === "after" && anchor.afterEvent && !seen.has(anchor.id)) {
    seen.add(anchor.id);
    anchor = byId.get(anchor.afterEvent);
  }
  if (anchor?.date && (anchor.precision === "day" || anchor.precision === "month")) return formatAfter(t, { precision: anchor.precision, date: anchor.date }, lang);
  return t("passing.timeline_date_unknown");
}

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
  const byId = new Map(snap.events.map((e) => [e.id, e]));
  const blocks = snap.events.map((e) => {
    const marks = e.sourceIds.filter((id) => snap.sourceById.has(id)).map((id) => `[${refOf(id)}]`).join("");
    return `<b>${escapeHtml(eventDate(t, e, byId, lang))}</b> — <b>${escapeHtml(e.title[lang])}</b>\n${escapeHtml(e.body[lang])} ${marks}`.trimEnd();
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
