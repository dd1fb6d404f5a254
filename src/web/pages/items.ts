/**
 * One page per update and per hearing. An update's page is the very message subscribers got
 * (renderUpdate); a hearing's page its facts as the bot states them, with a calendar file.
 */
import type { Hearing } from "../../case/hearings.js";
import type { UpdateRow } from "../../db/updates.js";
import type { I18n } from "../../i18n.js";
import { formatDate } from "../../render/dates.js";
import { factsLine } from "../../render/hearing.js";
import { sitePath } from "../../render/links.js";
import { renderUpdate } from "../../render/notices.js";
import { htmlToText } from "../../shared/html.js";
import { clip } from "../../shared/text.js";
import { wallClock } from "../../shared/time.js";
import { html } from "../html.js";
import { layout, type PageContext } from "../layout.js";
import type { SiteState } from "../state.js";
import { caseName } from "./case.js";
import { hearingFacts, sourcesSection, type Now } from "./parts.js";

/** "Update, Friday, 23 January 2026", plain, in the version's script. */
export function updateTitle(p: PageContext, u: UpdateRow, timeZone: string): string {
  return p.uiText("passing.card_update_heading", { date: formatDate(wallClock(u.publishedAt, timeZone).date, p.v.lang) });
}

/** The update's message as subscribers got it, in Telegram HTML: the page, the feed and the image start from it. */
export function updateMessage(i18n: I18n, s: SiteState, u: UpdateRow, p: PageContext, at: Now): string {
  const r = renderUpdate({ i18n, snapshot: s.snapshot, timeZone: at.timeZone, botUsername: p.botUsername, now: at.now }, u, p.v.lang);
  return "html" in r ? r.html : "";
}

export function updatePage(p: PageContext, s: SiteState, i18n: I18n, u: UpdateRow, at: Now, image: string): string {
  const title = updateTitle(p, u, at.timeZone);
  const name = caseName(p, s);
  const body = u.body[p.v.lang] ?? u.body.en;
  const main = html`<h1>${title}</h1>
<article class="notice">${p.block(updateMessage(i18n, s, u, p, at))}</article>
<p><a href="${sitePath(p.v.page, { kind: "case" })}">${p.ui("web.back")}</a></p>
${u.sourceUrl && /^https?:\/\//i.test(u.sourceUrl) ? html`<section aria-labelledby="sources"><h2 id="sources">${p.ui("web.sources")}</h2><ul class="sources"><li><a href="${u.sourceUrl}" rel="noreferrer">${u.sourceUrl}</a></li></ul></section>` : null}`;
  return layout(
    p,
    {
      title: `${title} · ${name}`,
      description: clip(u.body[p.v.lang] ? p.text(body) : body, 200),
      pathIn: (l) => sitePath(l, { kind: "update", id: u.id }),
      image: { path: image, alt: title },
      type: "article",
      published: u.publishedAt,
    },
    name,
    main,
  );
}

export function hearingPage(p: PageContext, s: SiteState, h: Hearing, at: Now, image: string): string {
  const title = p.text(h.title[p.v.lang]);
  const name = caseName(p, s);
  const when = p.v.text(htmlToText(factsLine(p.t, h, p.v.lang, at.timeZone)));
  const main = html`<h1>${title}</h1>
${hearingFacts(p, s.snapshot, h, at, { title: false })}
<p><a href="${`${sitePath(p.v.page, { kind: "hearing", id: h.id })}/calendar.ics`}" type="text/calendar">${p.ui("web.calendar_add")}</a></p>
<p><a href="${sitePath(p.v.page, { kind: "case" })}">${p.ui("web.back")}</a></p>
${sourcesSection(p, s.snapshot, h.sourceIds)}`;
  return layout(
    p,
    { title: `${title} · ${name}`, description: when, pathIn: (l) => sitePath(l, { kind: "hearing", id: h.id }), image: { path: image, alt: title }, type: "article" },
    name,
    main,
  );
}
