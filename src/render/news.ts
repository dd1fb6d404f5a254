import type { FeedItemRow } from "../db/feeds.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Buttons } from "./buttons.js";

/** A news item the feed watcher found, as the editors get it: title, link, date, source, and what to do. */
export function renderNewsItem(t: TFunction, item: FeedItemRow, feedUrl: string): { html: string; buttons: Buttons } {
  const lines = [t("news.found"), `<b>${escapeHtml(item.title)}</b>`];
  if (item.link) lines.push(`<a href="${escapeHtml(item.link)}">${escapeHtml(item.link)}</a>`);
  if (item.publishedAt) lines.push(t("news.date", { date: `${item.publishedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` }));
  lines.push(t("news.feed", { url: escapeHtml(feedUrl) }));
  return {
    html: lines.join("\n"),
    buttons: [
      [
        { text: t("news.draft_button"), action: { kind: "news", item: item.id, verb: "draft" } },
        { text: t("news.ignore_button"), action: { kind: "news", item: item.id, verb: "ignore" } },
      ],
    ],
  };
}
