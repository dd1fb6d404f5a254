import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";

/** The deep link a forwarded message points to: opens the bot and starts subscribing. */
export function subscribeLink(botUsername: string): string {
  return `https://t.me/${botUsername}?start=subscribe`;
}

/** The payload of that link's /start. */
export const START_SUBSCRIBE = "subscribe";

/** A language version of the site: the three languages, and Kazakh in the Arabic script (tote jazu). */
export type PageLang = Lang | "kk-arab";

/** A page of the case's site (src/web/), named so the bot's links and the site's routes agree. */
export type SitePage = { kind: "case" } | { kind: "update"; id: number } | { kind: "hearing"; id: string };

export function sitePath(lang: PageLang, page: SitePage): string {
  if (page.kind === "update") return `/${lang}/u/${page.id}`;
  if (page.kind === "hearing") return `/${lang}/h/${encodeURIComponent(page.id)}`;
  return `/${lang}/`;
}

/** The page's address under PUBLIC_URL (config.publicUrl, no trailing slash). */
export function pageUrl(publicUrl: string, lang: PageLang, page: SitePage): string {
  return `${publicUrl}${sitePath(lang, page)}`;
}

/**
 * "🌐 On the web: https://…": the address written out, so it survives being copied out of
 * Telegram into WhatsApp, email or a post. Null without PUBLIC_URL.
 */
export function pageLine(t: TFunction, publicUrl: string | undefined, lang: Lang, page: SitePage): string | null {
  if (!publicUrl) return null;
  const url = escapeHtml(pageUrl(publicUrl, lang, page));
  return t("web.page_line", { link: `<a href="${url}">${url}</a>` });
}
