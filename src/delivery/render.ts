import { InlineKeyboard } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import { shareButton, subscribeLink } from "../bot/keyboards.js";
import { formatDate, formatRelative, zoneLabel } from "../bot/render/dates.js";
import { sourceCitation } from "../bot/render/sources.js";
import type { Lang } from "../content/schema.js";
import type { ContentSnapshot } from "../content/store.js";
import type { ClaimedDelivery } from "../db/deliveries.js";
import type { Hearing } from "../db/hearings.js";
import type { updates } from "../db/schema.js";
import { escapeHtml } from "../html.js";
import type { I18n, TFunction } from "../i18n.js";
import { wallClock } from "../time.js";
import { hearingBegins, type HearingFacts } from "./reschedule.js";

export type UpdateRow = typeof updates.$inferSelect;

export interface RenderContext {
  i18n: I18n;
  snapshot: ContentSnapshot;
  timeZone: string;
  /** The bot's @username for the footer, so a forwarded message says where it came from. */
  botUsername: string;
  now: Date;
}

export type Rendered = { text: string; keyboard?: InlineKeyboardMarkup } | { skip: string };

/** "10:00 (UTC+5, Asia/Almaty)", or "time not announced (dates in UTC+5, Asia/Almaty)": the zone always named. */
export function when(t: TFunction, f: Pick<HearingFacts, "date" | "time">, lang: Lang, timeZone: string): string {
  const zone = zoneLabel(f.date, f.time, timeZone);
  const time = f.time ? t("time_at", { time: f.time, zone }) : t("delivery.time_unknown_zone", { zone });
  return `${escapeHtml(formatDate(f.date, lang))}, ${time}`;
}

/** How soon, from the moment it is sent: hours and minutes on the day, days further out. */
function howSoon(t: TFunction, h: Pick<Hearing, "date" | "time">, now: Date, timeZone: string): string {
  if (h.time) {
    const ms = hearingBegins(h, timeZone).getTime() - now.getTime();
    if (ms < 3_600_000) return t("delivery.in_minutes", { count: Math.max(1, Math.round(ms / 60_000)) });
    if (ms < 86_400_000) return t("relative_hours", { count: Math.round(ms / 3_600_000) });
  }
  return formatRelative(t, h.date, now, timeZone);
}

function facts(t: TFunction, f: HearingFacts, lang: Lang, timeZone: string): string {
  const parts = [when(t, f, lang, timeZone), escapeHtml(f.place[lang])];
  const line = parts.join(", ");
  return f.status === "scheduled" ? line : `${line}: <b>${t(`delivery.status_${f.status}`)}</b>`;
}

function caseName(ctx: RenderContext, lang: Lang): string {
  return escapeHtml(ctx.snapshot.meta?.name[lang] ?? "Atajurt");
}

function sourceLine(t: TFunction, ctx: RenderContext, ids: string[], lang: Lang): string | null {
  const cited = sourceCitation(ctx.snapshot, ids, lang);
  return cited ? `<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", cited)}</i>` : null;
}

function footer(t: TFunction, ctx: RenderContext): string {
  return t("delivery.footer", { username: ctx.botUsername });
}

/**
 * Under every message the bot sends on its own: follow the case (the subscribe deep link, which
 * still works once the message is forwarded) and share it (the inline cards, in any chat).
 */
function buttons(t: TFunction, ctx: RenderContext): InlineKeyboardMarkup {
  const kb = new InlineKeyboard().url(t("passing.subscribe_button"), subscribeLink(ctx.botUsername));
  return shareButton(kb, t("passing.share_button"));
}

/** Lines of a message; null marks a line left out, "" a blank line. */
const join = (...lines: Array<string | null>) => lines.filter((l) => l !== null).join("\n");

/**
 * A reminder as a self-contained, forwardable message: what, how soon, when (zone named), where,
 * the source, and who sent it. Nothing for a hearing that moved on, began, or is no longer scheduled.
 */
export function renderReminder(ctx: RenderContext, row: Pick<ClaimedDelivery, "subjectVersion">, h: Hearing | undefined, lang: Lang): Rendered {
  if (!h) return { skip: "hearing removed" };
  if (h.version !== row.subjectVersion) return { skip: `superseded by version ${h.version}` };
  if (h.status !== "scheduled") return { skip: `hearing ${h.status}` };
  if (hearingBegins(h, ctx.timeZone) <= ctx.now) return { skip: "hearing already began" };
  const t = ctx.i18n.t(lang);
  return {
    text: join(
      t("delivery.reminder_head", { case: "\u0000" }).replace("\u0000", caseName(ctx, lang)),
      "",
      t("delivery.reminder_what", { title: h.title[lang], relative: howSoon(t, h, ctx.now, ctx.timeZone) }),
      `📅 ${when(t, h, lang, ctx.timeZone)}`,
      `📍 ${escapeHtml(h.place[lang])}`,
      sourceLine(t, ctx, h.sourceIds, lang),
      "",
      footer(t, ctx),
    ),
    keyboard: buttons(t, ctx),
  };
}

/** "The hearing has changed", old and new side by side; the facts are those of the change itself. */
export function renderHearingChanged(
  ctx: RenderContext,
  row: Pick<ClaimedDelivery, "subjectVersion" | "payload">,
  h: Hearing | undefined,
  lang: Lang,
): Rendered {
  if (!h) return { skip: "hearing removed" };
  if (h.version !== row.subjectVersion) return { skip: `superseded by version ${h.version}` };
  const p = row.payload as { before?: HearingFacts; after?: HearingFacts } | null;
  if (!p?.after) return { skip: "notice without its facts" };
  if (!p.before) return renderNewHearing(ctx, p.after, h, lang);
  const t = ctx.i18n.t(lang);
  const ahead = p.after.status === "scheduled" && hearingBegins(p.after, ctx.timeZone) > ctx.now;
  return {
    text: join(
      t("delivery.changed_head", { case: "\u0000" }).replace("\u0000", caseName(ctx, lang)),
      "",
      `<b>${escapeHtml(h.title[lang])}</b>`,
      t("delivery.was", { facts: facts(t, p.before, lang, ctx.timeZone) }),
      t("delivery.now", { facts: facts(t, p.after, lang, ctx.timeZone) }),
      ahead ? t("delivery.changed_follow", { relative: howSoon(t, p.after, ctx.now, ctx.timeZone) }) : null,
      sourceLine(t, ctx, h.sourceIds, lang),
      "",
      footer(t, ctx),
    ),
    keyboard: buttons(t, ctx),
  };
}

/**
 * "A hearing date is set": what subscribers who were told "you will be told as soon as one is"
 * get when an editor adds a hearing. The facts are those of the notice; nothing once the hearing
 * is no longer scheduled or has begun (a later change sends its own notice).
 */
function renderNewHearing(ctx: RenderContext, f: HearingFacts, h: Hearing, lang: Lang): Rendered {
  if (f.status !== "scheduled") return { skip: `hearing ${f.status}` };
  if (hearingBegins(f, ctx.timeZone) <= ctx.now) return { skip: "hearing already began" };
  const t = ctx.i18n.t(lang);
  return {
    text: join(
      t("delivery.new_head", { case: "\u0000" }).replace("\u0000", caseName(ctx, lang)),
      "",
      `<b>${escapeHtml(h.title[lang])}</b>`,
      `📅 ${when(t, f, lang, ctx.timeZone)}`,
      `📍 ${escapeHtml(f.place[lang])}`,
      t("delivery.new_follow", { relative: howSoon(t, f, ctx.now, ctx.timeZone) }),
      sourceLine(t, ctx, h.sourceIds, lang),
      "",
      footer(t, ctx),
    ),
    keyboard: buttons(t, ctx),
  };
}

/** A published case update; a language the editors skipped gets the English text with a note. */
export function renderUpdate(ctx: RenderContext, u: UpdateRow | undefined, lang: Lang): Rendered {
  if (!u) return { skip: "update removed" };
  const t = ctx.i18n.t(lang);
  const own = u.body[lang];
  const body = escapeHtml(own ?? u.body.en);
  const source = u.sourceUrl ? `<i>${t("source_line", { sources: "\u0000" }).replace("\u0000", `<a href="${escapeHtml(u.sourceUrl)}">${escapeHtml(u.sourceUrl)}</a>`)}</i>` : null;
  // The day it was published, in the case's zone and named: a forwarded update stays dated.
  const day = wallClock(u.publishedAt, ctx.timeZone).date;
  return {
    text: join(
      t("delivery.update_head", { case: "\u0000" }).replace("\u0000", caseName(ctx, lang)),
      `🗓 ${escapeHtml(formatDate(day, lang))} (${zoneLabel(day, null, ctx.timeZone)})`,
      "",
      own ? null : `<i>${t("delivery.untranslated")}</i>`,
      body,
      source,
      "",
      footer(t, ctx),
    ),
    keyboard: buttons(t, ctx),
  };
}
