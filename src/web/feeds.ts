/**
 * The feeds: Atom (RFC 4287, made by the `feed` library) with every published update in one
 * version, and the hearings as a live calendar (RFC 5545, the bot's own calendar renderer), whose
 * events keep their UID and raise SEQUENCE when a hearing moves.
 */
import { Feed } from "feed";
import type { Hearing } from "../case/hearings.js";
import type { I18n } from "../i18n.js";
import { hearingsCalendar } from "../render/calendar.js";
import { pageUrl } from "../render/links.js";
import { escapeHtml } from "../shared/html.js";
import { clip } from "../shared/text.js";
import type { PageContext } from "./layout.js";
import { caseName } from "./pages/case.js";
import { updateMessage, updateTitle } from "./pages/items.js";
import type { Now } from "./pages/parts.js";
import type { SiteState } from "./state.js";

/** When the record last changed: a feed's `updated` and a calendar's DTSTAMP stay put until it does. */
function lastChange(s: SiteState): Date {
  const times = [...s.hearings.map((h) => h.updatedAt.getTime()), ...s.updates.map((u) => u.publishedAt.getTime())];
  if (s.snapshot.meta) times.push(s.snapshot.meta.updatedAt.getTime());
  return new Date(times.length ? Math.max(...times) : 0);
}

export function atomFeed(p: PageContext, s: SiteState, i18n: I18n, at: Now): string {
  const name = caseName(p, s);
  const home = pageUrl(p.base, p.v.page, { kind: "case" });
  const feed = new Feed({
    id: home,
    title: p.uiText("web.feed_title", { name }),
    description: s.snapshot.meta ? clip(p.text(s.snapshot.meta.summary[p.v.lang]), 300) : undefined,
    link: home,
    feedLinks: { atom: p.url(`/${p.v.page}/feed.atom`) },
    language: p.v.tag,
    updated: lastChange(s),
    author: { name, link: home },
    generator: "casebot",
  });
  for (const u of s.updates) {
    const link = pageUrl(p.base, p.v.page, { kind: "update", id: u.id });
    const body = u.body[p.v.lang] ?? u.body.en;
    feed.addItem({
      // Atom's title here is type="html": escaped text.
      title: escapeHtml(updateTitle(p, u, at.timeZone)),
      id: link,
      link,
      date: u.publishedAt,
      published: u.publishedAt,
      description: escapeHtml(clip(u.body[p.v.lang] ? p.text(body) : body, 300)),
      content: p.block(updateMessage(i18n, s, u, p, at)).value,
    });
  }
  return feed.atom1();
}

/** Every hearing, or one, as an .ics file in the version's language and script, each event linking to its page. */
export function calendarFile(p: PageContext, s: SiteState, i18n: I18n, hearings: readonly Hearing[], timeZone: string): string {
  return hearingsCalendar(hearings, {
    lang: p.v.lang,
    i18n,
    snap: s.snapshot,
    timeZone,
    botUsername: p.botUsername,
    now: lastChange(s),
    publicUrl: p.base,
    kkScript: p.v.page === "kk-arab" ? "arab" : undefined,
  });
}
