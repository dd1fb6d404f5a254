/**
 * The case page: what (the summary), who, where and the charges (the bot's answers to those
 * topics), the next hearing with its local time and how soon, the timeline, the updates, and
 * every source.
 */
import { nextAndLast } from "../../case/hearings.js";
import { formatDate } from "../../render/dates.js";
import { sitePath } from "../../render/links.js";
import { timelineParts } from "../../render/timeline.js";
import { topicBody } from "../../render/topic.js";
import type { I18n } from "../../i18n.js";
import { escapeHtml } from "../../shared/html.js";
import { clip } from "../../shared/text.js";
import { wallClock } from "../../shared/time.js";
import { html, type Html } from "../html.js";
import { layout, type PageContext } from "../layout.js";
import type { SiteState } from "../state.js";
import { cite, hearingFacts, sourcesSection, type Now } from "./parts.js";

/** The topics the case page answers, in this order: who, where, the charges. */
export const CASE_TOPICS = ["defendants", "place", "charges"] as const;

/** The case's name, in the version's script. */
export const caseName = (p: PageContext, s: SiteState) => p.text(s.snapshot.meta?.name[p.v.lang] ?? "Atajurt");

function hearingSection(p: PageContext, s: SiteState, at: Now): Html {
  const { next, last } = nextAndLast(s.hearings, at.now, at.timeZone);
  if (next) return html`<h2 id="hearing">${p.ui("web.next_hearing")}</h2>${hearingFacts(p, s.snapshot, next, at, { link: true })}`;
  if (last) {
    return html`<h2 id="hearing">${p.ui("web.last_hearing")}</h2>${hearingFacts(p, s.snapshot, last, at, { link: true })}<p>${p.ui("web.no_later")}</p>`;
  }
  return html`<h2 id="hearing">${p.ui("web.next_hearing")}</h2><p>${p.ui("web.no_hearing")}</p>`;
}

function topics(p: PageContext, s: SiteState, i18n: I18n, at: Now): Html[] {
  const live = { hearings: nextAndLast(s.hearings, at.now, at.timeZone), now: at.now, timeZone: at.timeZone };
  return CASE_TOPICS.map((id) => s.snapshot.topicById.get(id))
    .filter((t) => t !== undefined)
    .map(
      (t) => html`<section aria-labelledby="${t.id}"><h2 id="${t.id}">${p.text(t.label[p.v.lang])}</h2>
${p.block(topicBody(i18n, t, p.v.lang, live))}
${cite(p, s.snapshot, t.sourceIds)}</section>`,
    );
}

function timeline(p: PageContext, s: SiteState): Html | null {
  if (!s.snapshot.events.length) return null;
  const parts = timelineParts(s.snapshot, p.v.lang, p.t);
  return html`<section aria-labelledby="timeline"><h2 id="timeline">${p.ui("web.timeline")}</h2>
<ol class="timeline">${parts.blocks.map((b) => html`<li>${p.inline(b)}</li>`)}</ol>
<div class="cite">${p.block(parts.tail)}</div></section>`;
}

/** Each update by its date and first words, linking to its page; an untranslated one is marked as English. */
export function updateList(p: PageContext, s: SiteState, timeZone: string, limit = 20): Html {
  if (!s.updates.length) return html`<p>${p.ui("web.no_updates")}</p>`;
  const items = s.updates.slice(0, limit).map((u) => {
    const own = u.body[p.v.lang];
    const day = escapeHtml(formatDate(wallClock(u.publishedAt, timeZone).date, p.v.lang));
    const text = clip(own ?? u.body.en, 160);
    const href = sitePath(p.v.page, { kind: "update", id: u.id });
    return own
      ? html`<li><span class="meta">${p.inline(day)}</span><br><a href="${href}">${p.text(text)}</a></li>`
      : html`<li><span class="meta">${p.inline(day)}</span><br><a href="${href}" lang="en" dir="ltr">${text}</a></li>`;
  });
  return html`<ul class="updates">${items}</ul>`;
}

export function casePage(p: PageContext, s: SiteState, i18n: I18n, at: Now, image: string): string {
  const meta = s.snapshot.meta;
  const name = caseName(p, s);
  const summary = meta ? p.text(meta.summary[p.v.lang]) : "";
  const main = html`<h1>${name}</h1>
${meta ? html`<p>${summary}</p>${cite(p, s.snapshot, meta.sourceIds)}` : null}
${hearingSection(p, s, at)}
${topics(p, s, i18n, at)}
${timeline(p, s)}
<section aria-labelledby="updates"><h2 id="updates">${p.ui("web.updates")}</h2>${updateList(p, s, at.timeZone)}</section>
${sourcesSection(p, s.snapshot)}`;
  return layout(
    p,
    { title: name, description: clip(summary, 200), pathIn: (l) => sitePath(l, { kind: "case" }), image: { path: image, alt: name }, type: "website" },
    name,
    main,
  );
}
