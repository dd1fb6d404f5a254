/**
 * What the bot sends on its own: reminders, "the hearing has changed", "a hearing date is set" and
 * case updates. Each is a self-contained, forwardable message: what, when (zone named), where, the
 * source, and who sent it, with "follow" and "share" buttons that still work once forwarded.
 */
import type { ContentSnapshot } from "../case/content/store.js";
import { isUpcoming, upcomingUntil, type Hearing, type HearingFacts } from "../case/hearings.js";
import type { UpdateRow } from "../db/schema.js";
import type { I18n, TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import type { Lang } from "../shared/lang.js";
import { wallClock } from "../shared/time.js";
import type { Buttons, Rendered } from "./buttons.js";
import { formatDate, howSoon, when, zoneLabel } from "./dates.js";
import { factsLine } from "./hearing.js";
import { pageLine, subscribeLink } from "./links.js";
import { linkLine, sourceLine } from "./sources.js";

export interface NoticeContext {
  i18n: I18n;
  snapshot: ContentSnapshot;
  timeZone: string;
  /** The bot's @username for the footer, so a forwarded message says where it came from. */
  botUsername: string;
  now: Date;
  /** PUBLIC_URL: when set, each message links to its page on the case's site. */
  publicUrl?: string;
}

/** A message, or why none is sent (the hearing moved on, began, was removed…). */
export type Notice = Rendered | { skip: string };

/** The outbox row's part a renderer needs. */
export interface NoticeRow {
  subjectVersion: number;
  payload: Record<string, unknown> | null;
}

function caseName(ctx: NoticeContext, lang: Lang): string {
  return escapeHtml(ctx.snapshot.meta?.name[lang] ?? "Atajurt");
}

const footer = (t: TFunction, ctx: NoticeContext) => t("delivery.footer", { username: ctx.botUsername });

/** Follow the case (the subscribe deep link) and share it (the inline cards, in any chat). */
export function followButtons(t: TFunction, botUsername: string): Buttons {
  return [[{ text: t("passing.subscribe_button"), url: subscribeLink(botUsername) }, { text: t("passing.share_button"), share: "" }]];
}

/** Lines of a message; null marks a line left out, "" a blank line. */
const join = (...lines: Array<string | null>) => lines.filter((l) => l !== null).join("\n");

const head = (t: TFunction, key: string, ctx: NoticeContext, lang: Lang) => t(key, { case: "\u0000" }).replace("\u0000", caseName(ctx, lang));

/** A reminder; nothing for a hearing that moved on, began, or is no longer scheduled. */
export function renderReminder(ctx: NoticeContext, row: Pick<NoticeRow, "subjectVersion">, h: Hearing | undefined, lang: Lang): Notice {
  if (!h) return { skip: "hearing removed" };
  if (h.version !== row.subjectVersion) return { skip: `superseded by version ${h.version}` };
  if (h.status !== "scheduled") return { skip: `hearing ${h.status}` };
  if (upcomingUntil(h, ctx.timeZone) <= ctx.now) return { skip: "hearing already began" };
  const t = ctx.i18n.t(lang);
  return {
    html: join(
      head(t, "delivery.reminder_head", ctx, lang),
      "",
      t("delivery.reminder_what", { title: h.title[lang], relative: howSoon(t, h, ctx.now, ctx.timeZone) }),
      `📅 ${when(t, h, lang, ctx.timeZone)}`,
      `📍 ${escapeHtml(h.place[lang])}`,
      sourceLine(t, ctx.snapshot, h.sourceIds, lang),
      pageLine(t, ctx.publicUrl, lang, { kind: "hearing", id: h.id }),
      "",
      footer(t, ctx),
    ),
    buttons: followButtons(t, ctx.botUsername),
  };
}

/** "The hearing has changed", old and new side by side; the facts are those of the change itself. */
export function renderHearingChanged(ctx: NoticeContext, row: NoticeRow, h: Hearing | undefined, lang: Lang): Notice {
  if (!h) return { skip: "hearing removed" };
  if (h.version !== row.subjectVersion) return { skip: `superseded by version ${h.version}` };
  const p = row.payload as { before?: HearingFacts; after?: HearingFacts } | null;
  if (!p?.after) return { skip: "notice without its facts" };
  if (!p.before) return renderNewHearing(ctx, p.after, h, lang);
  const t = ctx.i18n.t(lang);
  return {
    html: join(
      head(t, "delivery.changed_head", ctx, lang),
      "",
      `<b>${escapeHtml(h.title[lang])}</b>`,
      t("delivery.was", { facts: factsLine(t, p.before, lang, ctx.timeZone) }),
      t("delivery.now", { facts: factsLine(t, p.after, lang, ctx.timeZone) }),
      isUpcoming(p.after, ctx.now, ctx.timeZone) ? t("delivery.changed_follow", { relative: howSoon(t, p.after, ctx.now, ctx.timeZone) }) : null,
      sourceLine(t, ctx.snapshot, h.sourceIds, lang),
      pageLine(t, ctx.publicUrl, lang, { kind: "hearing", id: h.id }),
      "",
      footer(t, ctx),
    ),
    buttons: followButtons(t, ctx.botUsername),
  };
}

/**
 * "A hearing date is set": what subscribers who were told "you will be told as soon as one is"
 * get when an editor adds a hearing. The facts are those of the notice; nothing once the hearing
 * is no longer scheduled or has begun (a later change sends its own notice).
 */
function renderNewHearing(ctx: NoticeContext, f: HearingFacts, h: Hearing, lang: Lang): Notice {
  if (f.status !== "scheduled") return { skip: `hearing ${f.status}` };
  if (upcomingUntil(f, ctx.timeZone) <= ctx.now) return { skip: "hearing already began" };
  const t = ctx.i18n.t(lang);
  return {
    html: join(
      head(t, "delivery.new_head", ctx, lang),
      "",
      `<b>${escapeHtml(h.title[lang])}</b>`,
      `📅 ${when(t, f, lang, ctx.timeZone)}`,
      `📍 ${escapeHtml(f.place[lang])}`,
      t("delivery.new_follow", { relative: howSoon(t, f, ctx.now, ctx.timeZone) }),
      sourceLine(t, ctx.snapshot, h.sourceIds, lang),
      pageLine(t, ctx.publicUrl, lang, { kind: "hearing", id: h.id }),
      "",
      footer(t, ctx),
    ),
    buttons: followButtons(t, ctx.botUsername),
  };
}

/** A published case update; a language the editors skipped gets the English text with a note. */
/** What an update's message is made of; a correction's time and a retraction are optional so a draft can be previewed. */
export type UpdateNotice = Pick<UpdateRow, "id" | "body" | "sourceUrl" | "publishedAt"> & Partial<Pick<UpdateRow, "correctedAt" | "retractedAt">>;

/** "Corrected" with the day and time, in the case's zone: the mark every corrected copy carries. */
function correctedLine(t: TFunction, at: Date, ctx: NoticeContext, lang: Lang): string {
  const w = wallClock(at, ctx.timeZone);
  return `<i>${t("delivery.corrected", { when: `${formatDate(w.date, lang)}, ${w.time}`, zone: zoneLabel(w.date, w.time, ctx.timeZone, lang) })}</i>`;
}

export function renderUpdate(ctx: NoticeContext, u: UpdateNotice | undefined, lang: Lang): Notice {
  if (!u) return { skip: "update removed" };
  if (u.retractedAt) return { skip: "update retracted" };
  const t = ctx.i18n.t(lang);
  const own = u.body[lang];
  // The day it was published, in the case's zone and named: a forwarded update stays dated.
  const day = wallClock(u.publishedAt, ctx.timeZone).date;
  return {
    html: join(
      head(t, "delivery.update_head", ctx, lang),
      `🗓 ${escapeHtml(formatDate(day, lang))} (${zoneLabel(day, null, ctx.timeZone, lang)})`,
      u.correctedAt ? correctedLine(t, u.correctedAt, ctx, lang) : null,
      "",
      own ? null : `<i>${t("delivery.untranslated")}</i>`,
      escapeHtml(own ?? u.body.en),
      u.sourceUrl ? linkLine(t, u.sourceUrl) : null,
      pageLine(t, ctx.publicUrl, lang, { kind: "update", id: u.id }),
      "",
      footer(t, ctx),
    ),
    buttons: followButtons(t, ctx.botUsername),
  };
}

/** Where a retracted update's copy could not be deleted: a short notice in the reader's language. */
export function renderRetraction(ctx: NoticeContext, u: UpdateNotice | undefined, lang: Lang): Notice {
  if (!u) return { skip: "update removed" };
  const t = ctx.i18n.t(lang);
  const day = wallClock(u.publishedAt, ctx.timeZone).date;
  return { html: join(head(t, "delivery.update_head", ctx, lang), t("delivery.retracted", { date: escapeHtml(formatDate(day, lang)) }), "", footer(t, ctx)), buttons: [] };
}
