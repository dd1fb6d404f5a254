/** Pieces more than one page shows, each made by the bot's own renderers. */
import type { ContentSnapshot } from "../../case/content/store.js";
import { facts, isUpcoming, type Hearing } from "../../case/hearings.js";
import { howSoon } from "../../render/dates.js";
import { factsLine } from "../../render/hearing.js";
import { sitePath } from "../../render/links.js";
import { sourceItems, sourceLine } from "../../render/sources.js";
import { escapeHtml } from "../../shared/html.js";
import { html, type Html } from "../html.js";
import type { PageContext } from "../layout.js";

export interface Now {
  now: Date;
  timeZone: string;
}

/**
 * A hearing's facts: when (zone named) and where, its status unless scheduled, how soon while
 * it is ahead, the outcome once recorded, and its source.
 */
export function hearingFacts(p: PageContext, snap: ContentSnapshot, h: Hearing, at: Now, opts: { link?: boolean; title?: boolean } = {}): Html {
  const lang = p.v.lang;
  const upcoming = isUpcoming(h, at.now, at.timeZone);
  const title = `<b>${escapeHtml(h.title[lang])}</b>`;
  const head = opts.link ? `<a href="${escapeHtml(sitePath(p.v.page, { kind: "hearing", id: h.id }))}">${title}</a>` : title;
  const lines = [opts.title === false ? null : head, factsLine(p.t, facts(h), lang, at.timeZone)].filter((l) => l !== null).join("\n");
  return html`<div class="hearing">
${p.block(lines)}
${upcoming ? html`<p class="countdown">${p.ui("web.starts", { relative: howSoon(p.t, h, at.now, at.timeZone) })}</p>` : null}
${h.outcome ? html`<p><b>${p.ui("web.outcome")}</b>: ${p.text(h.outcome[lang])}</p>` : null}
${cite(p, snap, h.sourceIds)}
</div>`;
}

/** "Source: …" under a fact, as the bot writes it. */
export function cite(p: PageContext, snap: ContentSnapshot, ids: string[]): Html | null {
  const line = sourceLine(p.t, snap, ids, p.v.lang);
  return line ? html`<p class="cite">${p.inline(line)}</p>` : null;
}

/** The sources a page cites, in full: publisher, title (linked when a URL is stored), date. */
export function sourcesSection(p: PageContext, snap: ContentSnapshot, ids?: readonly string[]): Html {
  const picked = ids ? snap.sources.filter((s) => ids.includes(s.id)) : snap.sources;
  const items = sourceItems({ sources: picked }, p.v.lang).map((line) => html`<li>${p.inline(line.replace(/^•\s*/, ""))}</li>`);
  return html`<section aria-labelledby="sources"><h2 id="sources">${p.ui("web.sources")}</h2>
<p>${p.ui("web.sources_intro")}</p>
<ul class="sources">${items}</ul></section>`;
}
