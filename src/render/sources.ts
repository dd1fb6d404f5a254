import type { TFunction } from "../i18n.js";
import type { ContentSnapshot, SourceRow } from "../case/content/store.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { quoted } from "../shared/text.js";
import { formatPublished } from "./dates.js";

type Sources = Pick<ContentSnapshot, "sourceById">;

/**
 * A source as a reader can find it again: publisher, title in the language's quotation marks,
 * the date it was published, and its link written out (a copied or forwarded text keeps it).
 * Plain text.
 */
export function citationText(s: SourceRow, lang: Lang): string {
  const date = s.published ? ` (${formatPublished(s.published, lang)})` : "";
  return `${s.publisher}, ${quoted(s.title[lang], lang)}${date}${s.url ? ` ${s.url}` : ""}`;
}

/**
 * A source's citation per language, made once per source row: a content change brings new rows,
 * so what is kept for the old ones is dropped with them.
 */
const citations = new WeakMap<SourceRow, Partial<Record<Lang, string>>>();

/** The same, in HTML: the link after the title's quotes, never inside them. */
function citationHtml(s: SourceRow, lang: Lang): string {
  let made = citations.get(s);
  if (!made) citations.set(s, (made = {}));
  return (made[lang] ??= makeCitationHtml(s, lang));
}

function makeCitationHtml(s: SourceRow, lang: Lang): string {
  const date = s.published ? ` (${escapeHtml(formatPublished(s.published, lang))})` : "";
  const link = s.url ? ` <a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>` : "";
  return `${escapeHtml(s.publisher)}, ${escapeHtml(quoted(s.title[lang], lang))}${date}${link}`;
}

const onRecord = (snap: Sources, ids: string[]): SourceRow[] => ids.map((id) => snap.sourceById.get(id)).filter((s) => s !== undefined);

/** "Amnesty International, “Kazakhstan: Drop charges…” (January 2026)", each cited source, in HTML. */
export function sourceCitation(snap: Sources, ids: string[], lang: Lang): string {
  return onRecord(snap, ids)
    .map((s) => citationHtml(s, lang))
    .join("; ");
}

/** "<i>Source: …</i>", or null when none of the ids is on record. */
export function sourceLine(t: TFunction, snap: Sources, ids: string[], lang: Lang): string | null {
  const cited = onRecord(snap, ids);
  if (!cited.length) return null;
  const key = cited.length === 1 ? "source_line" : "sources_line";
  return `<i>${t(key, { sources: "\u0000" }).replace("\u0000", sourceCitation(snap, ids, lang))}</i>`;
}

/** `/sources`: every source on record, one to a line. */
export function sourcesList(t: TFunction, snap: Pick<ContentSnapshot, "sources">, lang: Lang): string {
  return [t("sources_header"), ...sourceItems(snap, lang)].join("\n");
}

/** "<i>Source: <a href=…>…</a></i>" for an update's own link. */
export function linkLine(t: TFunction, url: string): string {
  const a = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  return `<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", a)}</i>`;
}

/** "• Amnesty International, «…» (January 2026)" for every source on record: what /sources and the site list. */
export function sourceItems(snap: Pick<ContentSnapshot, "sources">, lang: Lang): string[] {
  return snap.sources.map((s) => `• ${citationHtml(s, lang)}`);
}
