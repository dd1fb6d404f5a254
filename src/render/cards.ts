/**
 * The cards inline mode offers (`@bot` in any chat): each a complete message, true on its own
 * once forwarded, in one language, searchable in all three.
 */
import type { ContentSnapshot } from "../case/content/store.js";
import type { Hearing } from "../case/hearings.js";
import type { UpdateRow } from "../db/schema.js";
import type { I18n, TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import { LANGS, type Lang } from "../shared/lang.js";
import { clip } from "../shared/text.js";
import { wallClock } from "../shared/time.js";
import { formatDate, whenTime } from "./dates.js";
import { lastHearingFacts } from "./hearing.js";
import { pageLine, pageUrl, subscribeLink, type SitePage } from "./links.js";
import { linkLine, sourceLine } from "./sources.js";
import { HEARING_SLOT, topicBody, type LiveFacts } from "./topic.js";

export type CardId = "summary" | "hearing" | "update" | "charges";

export interface Card {
  id: CardId;
  title: string;
  description: string;
  /** The message that is sent: HTML, complete on its own once forwarded. */
  html: string;
  /** Everything the query may match, in every language, folded. */
  haystack: string;
  /** The card's page on the case's site (PUBLIC_URL), for Telegram's link preview. */
  url?: string;
}

/** The topic whose answer is the charges card. */
export const CHARGES_TOPIC = "charges";

const plain = { interpolation: { escapeValue: false } } as const;

/**
 * Folds what people type: case, diacritics, and the Kazakh letters that are often typed as their
 * Russian look-alikes, so "сот", "sot" typed with or without special letters still match.
 */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/[әғқңөұүһі]/g, (ch) => ({ ә: "а", ғ: "г", қ: "к", ң: "н", ө: "о", ұ: "у", ү: "у", һ: "х", і: "и" })[ch] ?? ch)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ё/g, "е");
}

/** A card matches when every word of the query is found in it, in any of the three languages. */
export function matches(card: Pick<Card, "haystack">, query: string): boolean {
  const words = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.every((w) => card.haystack.includes(w));
}

const footer = (t: TFunction, botUsername: string) => t("passing.footer", { bot: botUsername, link: subscribeLink(botUsername) });

function allLangs(i18n: I18n, f: (l: Lang, t: TFunction) => string | undefined): string {
  return LANGS.map((l) => f(l, i18n.t(l)) ?? "").join(" ");
}

export interface CardInputs {
  snapshot: ContentSnapshot;
  live: LiveFacts;
  latestUpdate: UpdateRow | undefined;
  botUsername: string;
  /** PUBLIC_URL: when set, each card links to its page, above the footer. */
  publicUrl?: string;
}

/** The cards in one language; a card with nothing true to say is left out. */
export function buildCards(i18n: I18n, lang: Lang, input: CardInputs): Card[] {
  const { snapshot: snap, live, botUsername } = input;
  const t = i18n.t(lang);
  const head = `<b>${escapeHtml(snap.meta?.name[lang] ?? "")}</b>`;
  const foot = footer(t, botUsername);
  const src = (ids: string[]) => sourceLine(t, snap, ids, lang) ?? "";
  const cards: Card[] = [];
  /** The card's parts with its page's line just above the footer, and the page's address. */
  const onWeb = (parts: string[], page: SitePage): { html: string; url?: string } => {
    const line = pageLine(t, input.publicUrl, lang, page);
    if (!line || !input.publicUrl) return { html: parts.join("\n\n") };
    return { html: [...parts.slice(0, -1), line, ...parts.slice(-1)].join("\n\n"), url: pageUrl(input.publicUrl, lang, page) };
  };

  if (snap.meta) {
    const m = snap.meta;
    cards.push({
      id: "summary",
      title: t("passing.card_summary_title", plain),
      description: clip(m.summary[lang], 120),
      ...onWeb([head, escapeHtml(m.summary[lang]), src(m.sourceIds), foot], { kind: "case" }),
      haystack: fold(allLangs(i18n, (l, tl) => `${m.name[l]} ${tl("passing.card_summary_title")} ${tl("passing.keywords_summary")}`)),
    });
  }

  const { next, last } = live.hearings;
  const h: Hearing | undefined = next ?? last;
  if (h) {
    const date = formatDate(h.date, lang);
    // The same facts the answer composes (hearing.ts), without "how soon": a card is read later.
    const line = next
      ? t("passing.card_next", { date, time: whenTime(t, h.date, h.time, live.timeZone, lang), title: h.title[lang], place: h.place[lang] })
      : `${lastHearingFacts(t, lang, h, live.timeZone)} ${t("passing.card_nothing_later")}`;
    cards.push({
      id: "hearing",
      title: t(next ? "passing.card_next_title" : "passing.card_last_title", { date, ...plain }),
      description: clip(`${h.title[lang]}, ${h.place[lang]}${h.time ? `, ${h.time}` : ""}`, 120),
      ...onWeb([head, line, src(h.sourceIds), foot], { kind: "hearing", id: h.id }),
      haystack: fold(allLangs(i18n, (l, tl) => `${tl("passing.card_next_title", { date: "" })} ${tl("passing.keywords_hearing")} ${h.title[l]} ${h.place[l]}`)),
    });
  }

  const u = input.latestUpdate;
  if (u) {
    const body = u.body[lang] ?? u.body.en;
    const date = formatDate(wallClock(u.publishedAt, live.timeZone).date, lang);
    const parts = [head, `<b>${t("passing.card_update_heading", { date })}</b>\n${escapeHtml(body)}`];
    if (!u.body[lang]) parts.push(`<i>${t("passing.english_only")}</i>`);
    if (u.sourceUrl) parts.push(linkLine(t, u.sourceUrl));
    parts.push(foot);
    cards.push({
      id: "update",
      title: t("passing.card_update_title", { date, ...plain }),
      description: clip(body, 120),
      ...onWeb(parts, { kind: "update", id: u.id }),
      haystack: fold(allLangs(i18n, (l, tl) => `${tl("passing.card_update_title", { date: "" })} ${tl("passing.keywords_update")} ${u.body[l] ?? ""}`)),
    });
  }

  const charges = snap.topicById.get(CHARGES_TOPIC);
  if (charges) {
    cards.push({
      id: "charges",
      title: charges.label[lang],
      description: clip(charges.answer[lang].replace(HEARING_SLOT, "").replace(/\s+/g, " "), 120),
      ...onWeb([`${head}\n<b>${escapeHtml(charges.label[lang])}</b>`, topicBody(i18n, charges, lang, live), src(charges.sourceIds), foot], { kind: "case" }),
      haystack: fold(allLangs(i18n, (l, tl) => `${charges.label[l]} ${tl("passing.keywords_charges")} ${Object.values(charges.questions).flat().join(" ")}`)),
    });
  }
  return cards;
}
