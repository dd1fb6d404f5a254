/** What each page's share image says: the page's title and its first lines, from the same renderers as the page. */
import { nextAndLast, type Hearing } from "../case/hearings.js";
import type { UpdateRow } from "../db/updates.js";
import { factsLine } from "../render/hearing.js";
import { htmlToText } from "../shared/html.js";
import type { ShareCard } from "./images.js";
import type { PageContext } from "./layout.js";
import { caseName } from "./pages/case.js";
import { updateTitle } from "./pages/items.js";
import type { Now } from "./pages/parts.js";
import type { SiteState } from "./state.js";

function card(p: PageContext, s: SiteState, title: string, body: string): ShareCard {
  return { kicker: caseName(p, s), title, body, footer: `t.me/${p.botUsername} · ${new URL(p.base).host}`, dir: p.v.dir };
}

/** A hearing's "when and where" as plain text in the version's script. */
const factsText = (p: PageContext, h: Hearing, timeZone: string) => p.text(htmlToText(factsLine(p.t, h, p.v.lang, timeZone)));

export function caseCard(p: PageContext, s: SiteState, at: Now): ShareCard {
  const { next, last } = nextAndLast(s.hearings, at.now, at.timeZone);
  const h = next ?? last;
  if (!h) return card(p, s, p.uiText("web.next_hearing"), p.uiText("web.no_hearing"));
  return card(p, s, p.uiText(next ? "web.next_hearing" : "web.last_hearing"), `${p.text(h.title[p.v.lang])}: ${factsText(p, h, at.timeZone)}`);
}

export function updateCard(p: PageContext, s: SiteState, u: UpdateRow, at: Now): ShareCard {
  const own = u.body[p.v.lang];
  return card(p, s, updateTitle(p, u, at.timeZone), own ? p.text(own) : u.body.en);
}

export function hearingCard(p: PageContext, s: SiteState, h: Hearing, at: Now): ShareCard {
  return card(p, s, p.text(h.title[p.v.lang]), factsText(p, h, at.timeZone));
}
