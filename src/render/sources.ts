import type { TFunction } from "../i18n.js";
import type { ContentSnapshot } from "../case/content/store.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";

/** "Amnesty International, «Kazakhstan: Drop charges…» (January 2026)", linked when a URL is stored. */
export function sourceCitation(snap: Pick<ContentSnapshot, "sourceById">, ids: string[], lang: Lang): string {
  return ids
    .map((id) => snap.sourceById.get(id))
    .filter((s) => s !== undefined)
    .map((s) => {
      const title = escapeHtml(s.title[lang]);
      return `${escapeHtml(s.publisher)}, «${s.url ? `<a href="${escapeHtml(s.url)}">${title}</a>` : title}» (${escapeHtml(s.published)})`;
    })
    .join("; ");
}

/** "<i>Source: …</i>", or null when none of the ids is on record. */
export function sourceLine(t: TFunction, snap: Pick<ContentSnapshot, "sourceById">, ids: string[], lang: Lang): string | null {
  const cited = sourceCitation(snap, ids, lang);
  return cited ? `<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", cited)}</i>` : null;
}

/** "<i>Source: <a href=…>…</a></i>" for an update's own link. */
export function linkLine(t: TFunction, url: string): string {
  const a = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  return `<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", a)}</i>`;
}

/** "• Amnesty International: «…», January 2026" for every source on record, linked when a URL is stored. */
export function sourceItems(t: TFunction, snap: Pick<ContentSnapshot, "sources">, lang: Lang): string[] {
  return snap.sources.map((s) => {
    const title = s.url ? `<a href="${escapeHtml(s.url)}">${escapeHtml(s.title[lang])}</a>` : escapeHtml(s.title[lang]);
    return t("source_item", { publisher: s.publisher, title: "\u0000", published: s.published }).replace("\u0000", title);
  });
}
