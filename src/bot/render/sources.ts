import type { Lang } from "../../content/schema.js";
import type { ContentSnapshot } from "../../content/store.js";
import { escapeHtml } from "../../html.js";

/** "Amnesty International, «Kazakhstan: Drop charges…» (January 2026)", linked when a URL is stored. */
export function sourceCitation(snap: ContentSnapshot, ids: string[], lang: Lang): string {
  return ids
    .map((id) => snap.sourceById.get(id))
    .filter((s) => s !== undefined)
    .map((s) => {
      const title = escapeHtml(s.title[lang]);
      const label = `${escapeHtml(s.publisher)}, «${s.url ? `<a href="${escapeHtml(s.url)}">${title}</a>` : title}» (${escapeHtml(s.published)})`;
      return label;
    })
    .join("; ");
}
