/**
 * Every page's frame: the head with its previews (Open Graph, Twitter card), the language
 * versions linked both ways (hreflang), the header, and a footer with "Follow in Telegram", the
 * calendar feed and the Atom feed. Texts come in as Telegram HTML or plain text and leave in the
 * version's script (the Arabic script for /kk-arab/).
 */
import type { I18n, TFunction } from "../i18n.js";
import { subscribeLink, type PageLang } from "../render/links.js";
import { htmlToText } from "../shared/html.js";
import type { Assets } from "./assets.js";
import { fromTelegram, html, inlineTelegram, type Html } from "./html.js";
import { VARIANTS, type Variant } from "./lang.js";

/** One request's view of the site: where it is, in which version, and its translator. */
export class PageContext {
  readonly t: TFunction;
  constructor(
    readonly v: Variant,
    i18n: I18n,
    /** The site's absolute address, no trailing slash. */
    readonly base: string,
    readonly botUsername: string,
    readonly assets: Pick<Assets, "css" | "icon">,
  ) {
    this.t = i18n.t(v.lang);
  }
  /** A locale string (HTML-escaped by i18n) as inline page HTML. */
  ui(key: string, opts?: Record<string, unknown>): Html {
    return inlineTelegram(this.v.html(this.t(key, opts)));
  }
  /** A locale string as plain text, for attributes and feeds. */
  uiText(key: string, opts?: Record<string, unknown>): string {
    return this.v.text(htmlToText(this.t(key, opts)));
  }
  /** A renderer's Telegram HTML as paragraphs. */
  block(tg: string): Html {
    return fromTelegram(this.v.html(tg));
  }
  inline(tg: string): Html {
    return inlineTelegram(this.v.html(tg));
  }
  /** Stored plain text (a title, a name) in the version's script. */
  text(s: string): string {
    return this.v.text(s);
  }
  url(path: string): string {
    return `${this.base}${path}`;
  }
}

export interface PageHead {
  title: string;
  description: string;
  /** This page's path in each version. */
  pathIn(page: PageLang): string;
  image?: { path: string; alt: string };
  type: "website" | "article";
  published?: Date;
  /** Error pages: kept out of search engines and language links. */
  error?: boolean;
}

const meta = (property: string, content: string | undefined) => (content ? html`<meta property="${property}" content="${content}">` : null);
const named = (name: string, content: string | undefined) => (content ? html`<meta name="${name}" content="${content}">` : null);

function head(p: PageContext, h: PageHead, caseName: string): Html {
  const url = p.url(h.pathIn(p.v.page));
  const image = h.image ? p.url(h.image.path) : undefined;
  const alternates = h.error
    ? []
    : [
        ...VARIANTS.map((v) => html`<link rel="alternate" hreflang="${v.tag}" href="${p.url(h.pathIn(v.page))}">`),
        html`<link rel="alternate" hreflang="x-default" href="${p.url(h.pathIn("en"))}">`,
      ];
  return html`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h.title}</title>
${named("description", h.description)}
${h.error ? named("robots", "noindex") : html`<link rel="canonical" href="${url}">`}
${alternates}
<link rel="alternate" type="application/atom+xml" title="${p.uiText("web.feed_title", { name: caseName })}" href="${p.url(`/${p.v.page}/feed.atom`)}">
<link rel="stylesheet" href="${p.assets.css}">
<link rel="icon" href="${p.assets.icon}" type="image/svg+xml">
${meta("og:type", h.type)}
${meta("og:site_name", caseName)}
${meta("og:title", h.title)}
${meta("og:description", h.description)}
${meta("og:url", url)}
${meta("og:locale", p.v.ogLocale)}
${meta("og:image", image)}
${image ? [meta("og:image:type", "image/png"), meta("og:image:width", "1200"), meta("og:image:height", "630"), meta("og:image:alt", h.image!.alt)] : null}
${meta("article:published_time", h.published?.toISOString())}
${named("twitter:card", image ? "summary_large_image" : "summary")}
${named("twitter:title", h.title)}
${named("twitter:description", h.description)}
${named("twitter:image", image)}
</head>`;
}

/** The deep link that opens the bot and subscribes, and the calendar as a feed a phone follows. */
function footer(p: PageContext): Html {
  const calendar = p.url(`/${p.v.page}/calendar.ics`).replace(/^https?:/, "webcal:");
  return html`<footer class="site-foot"><div class="wrap">
<ul>
<li><a class="follow" href="${subscribeLink(p.botUsername)}">${p.ui("web.follow")}</a><br>${p.ui("web.follow_hint", { bot: p.botUsername })}</li>
<li><a href="${calendar}">${p.ui("web.calendar")}</a>: ${p.ui("web.calendar_hint")}</li>
<li><a href="${p.url(`/${p.v.page}/feed.atom`)}" type="application/atom+xml">${p.ui("web.feed")}</a>: ${p.ui("web.feed_hint")}</li>
</ul>
<p>${p.ui("web.privacy")}</p>
</div></footer>`;
}

/** The language links: each version named in itself, in its own language and direction. */
function languages(p: PageContext, h: PageHead): Html {
  const links = VARIANTS.map((v) =>
    v === p.v
      ? html`<li><a href="${h.pathIn(v.page)}" aria-current="page" lang="${v.tag}" dir="${v.dir}">${v.name}</a></li>`
      : html`<li><a href="${h.pathIn(v.page)}" hreflang="${v.tag}" lang="${v.tag}" dir="${v.dir}">${v.name}</a></li>`,
  );
  return html`<nav class="langs" aria-label="${p.uiText("web.languages")}"><ul>${links}</ul></nav>`;
}

export function layout(p: PageContext, h: PageHead, caseName: string, main: Html): string {
  return `<!doctype html>
${html`<html lang="${p.v.tag}" dir="${p.v.dir}">
${head(p, h, caseName)}
<body>
<a class="skip" href="#main">${p.ui("web.skip")}</a>
<header class="site-head"><div class="wrap">
<a class="brand" href="/${p.v.page}/">${caseName}</a>
${languages(p, h)}
</div></header>
<main id="main"><div class="wrap">
${main}
</div></main>
${footer(p)}
</body>
</html>`}\n`;
}
