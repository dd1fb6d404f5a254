import { desc } from "drizzle-orm";
import { Composer, InlineKeyboard } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { LANGS, type Lang } from "../../content/schema.js";
import type { ContentSnapshot } from "../../content/store.js";
import type { Hearing } from "../../db/hearings.js";
import { updates } from "../../db/schema.js";
import { escapeHtml } from "../../html.js";
import type { TFunction } from "../../i18n.js";
import type { BotContext, BotDeps } from "../context.js";
import { shareButton, subscribeLink } from "../keyboards.js";
import { formatDate, formatTime, zoneLabel } from "../render/dates.js";
import { sourceCitation } from "../render/sources.js";
import { wallClock } from "../../time.js";
import { HEARING_SLOT, topicBody } from "../render/topic.js";

export type CardId = "summary" | "hearing" | "update" | "charges";

export interface Card {
  id: CardId;
  title: string;
  description: string;
  /** The message that is sent: HTML, complete on its own once forwarded. */
  html: string;
  /** Everything the query may match, in every language, folded. */
  haystack: string;
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

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

function footer(t: TFunction, botUsername: string): string {
  return t("passing.footer", { bot: botUsername, link: subscribeLink(botUsername) });
}

function sourceLine(t: TFunction, snap: ContentSnapshot, ids: string[], lang: Lang): string {
  return `<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", sourceCitation(snap, ids, lang))}</i>`;
}

function allLangs(f: (l: Lang, t: TFunction) => string | undefined, deps: BotDeps): string {
  return LANGS.map((l) => f(l, deps.i18n.t(l)) ?? "").join(" ");
}

/** A hearing's date and time with its zone, so a forwarded card cannot be misread. */
function when(t: TFunction, h: Hearing, timeZone: string): string {
  return h.time ? formatTime(t, h.date, h.time, timeZone) : t("passing.time_unknown_zone", { zone: zoneLabel(h.date, null, timeZone) });
}

/** The cards offered in inline mode, in one language; a card with nothing true to say is left out. */
export async function buildCards(deps: BotDeps, lang: Lang, botUsername: string): Promise<Card[]> {
  const snap = deps.content.current();
  const t = deps.i18n.t(lang);
  const name = snap.meta?.name[lang] ?? "";
  const head = `<b>${escapeHtml(name)}</b>`;
  const foot = footer(t, botUsername);
  const cards: Card[] = [];

  if (snap.meta) {
    const m = snap.meta;
    cards.push({
      id: "summary",
      title: t("passing.card_summary_title", plain),
      description: clip(m.summary[lang], 120),
      html: [head, escapeHtml(m.summary[lang]), sourceLine(t, snap, m.sourceIds, lang), foot].join("\n\n"),
      haystack: fold(allLangs((l, tl) => `${m.name[l]} ${tl("passing.card_summary_title")} ${tl("passing.keywords_summary")}`, deps)),
    });
  }

  const now = deps.clock.now();
  const { next, last } = await deps.hearings.nextAndLast(now);
  const h = next ?? last;
  if (h) {
    const date = formatDate(h.date, lang);
    const status = t(`passing.status_${h.status}`);
    const line = next
      ? t("passing.card_next", { date, time: when(t, h, deps.config.timeZone), title: h.title[lang], place: h.place[lang] })
      : t("passing.card_last", { date, place: h.place[lang], status, title: h.title[lang] });
    const outcome = !next && h.outcome ? `\n\n${escapeHtml(h.outcome[lang])}` : "";
    cards.push({
      id: "hearing",
      title: t(next ? "passing.card_next_title" : "passing.card_last_title", { date, ...plain }),
      description: clip(`${h.title[lang]}, ${h.place[lang]}${h.time ? `, ${h.time}` : ""}`, 120),
      html: [head, line + outcome, sourceLine(t, snap, h.sourceIds, lang), foot].join("\n\n"),
      haystack: fold(
        allLangs((l, tl) => `${tl("passing.card_next_title", { date: "" })} ${tl("passing.keywords_hearing")} ${h.title[l]} ${h.place[l]}`, deps),
      ),
    });
  }

  const [u] = await deps.database.db.select().from(updates).orderBy(desc(updates.publishedAt), desc(updates.id)).limit(1);
  if (u) {
    const body = u.body[lang] ?? u.body.en;
    const date = formatDate(wallClock(u.publishedAt, deps.config.timeZone).date, lang);
    const parts = [head, `<b>${t("passing.card_update_heading", { date })}</b>\n${escapeHtml(body)}`];
    if (!u.body[lang]) parts.push(`<i>${t("passing.english_only")}</i>`);
    if (u.sourceUrl) parts.push(`<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", `<a href="${escapeHtml(u.sourceUrl)}">${escapeHtml(u.sourceUrl)}</a>`)}</i>`);
    parts.push(foot);
    cards.push({
      id: "update",
      title: t("passing.card_update_title", { date, ...plain }),
      description: clip(body, 120),
      html: parts.join("\n\n"),
      haystack: fold(allLangs((l, tl) => `${tl("passing.card_update_title", { date: "" })} ${tl("passing.keywords_update")} ${u.body[l] ?? ""}`, deps)),
    });
  }

  const charges = snap.topicById.get(CHARGES_TOPIC);
  if (charges) {
    const body = await topicBody(deps, charges, lang);
    cards.push({
      id: "charges",
      title: charges.label[lang],
      description: clip(charges.answer[lang].replace(HEARING_SLOT, "").replace(/\s+/g, " "), 120),
      html: [`${head}\n<b>${escapeHtml(charges.label[lang])}</b>`, body, sourceLine(t, snap, charges.sourceIds, lang), foot].join("\n\n"),
      haystack: fold(
        allLangs((l, tl) => `${charges.label[l]} ${tl("passing.keywords_charges")} ${Object.values(charges.questions).flat().join(" ")}`, deps),
      ),
    });
  }
  return cards;
}

export function cardResult(card: Card, lang: Lang, t: TFunction, botUsername: string): InlineQueryResultArticle {
  const kb = new InlineKeyboard().url(t("passing.subscribe_button"), subscribeLink(botUsername)).row();
  shareButton(kb, t("passing.share_button"));
  return {
    type: "article",
    id: `${card.id}:${lang}`,
    title: card.title,
    description: card.description,
    input_message_content: { message_text: card.html, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    reply_markup: kb,
  };
}

/**
 * Inline mode: `@bot` in any chat offers the cards in the user's language (their Telegram's
 * language_code); the text typed after it filters them, in any of the three languages.
 */
export function inlineFeature() {
  const c = new Composer<BotContext>();
  c.on("inline_query", async (ctx) => {
    const lang = ctx.lang;
    const username = ctx.me.username;
    const cards = (await buildCards(ctx.deps, lang, username)).filter((card) => matches(card, ctx.inlineQuery.query));
    await ctx.answerInlineQuery(
      cards.map((card) => cardResult(card, lang, ctx.t, username)),
      {
        // Personal: the cards are in the asker's language, which is not part of the query.
        is_personal: true,
        cache_time: 300,
        button: { text: ctx.t("passing.inline_open_bot"), start_parameter: "subscribe" },
      },
    );
  });
  return c;
}
