import { Composer, InputFile } from "grammy";
import { buildCalendar, type IcsEvent } from "../../calendar/ics.js";
import type { Lang } from "../../content/schema.js";
import type { ContentSnapshot } from "../../content/store.js";
import type { Hearing } from "../../db/hearings.js";
import type { I18n } from "../../i18n.js";
import type { BotContext, BotDeps } from "../context.js";
import { subscribeLink } from "../keyboards.js";
import { zoneLabel } from "../render/dates.js";

const STATUS: Record<Hearing["status"], IcsEvent["status"]> = {
  scheduled: "CONFIRMED",
  held: "CONFIRMED",
  postponed: "TENTATIVE",
  cancelled: "CANCELLED",
};

/** Plain text for the calendar file: i18n's HTML escaping would show up there as `&amp;`. */
const plain = { interpolation: { escapeValue: false } } as const;

/** One hearing as a calendar event, in one language, self-contained like a forwarded message. */
export function hearingEvent(
  h: Hearing,
  ctx: { lang: Lang; i18n: I18n; snap: ContentSnapshot; timeZone: string; botUsername: string },
): IcsEvent {
  const t = ctx.i18n.t(ctx.lang);
  const caseName = ctx.snap.meta?.name[ctx.lang] ?? "";
  const status = t(`passing.status_${h.status}`);
  const sources = h.sourceIds
    .map((id) => ctx.snap.sourceById.get(id))
    .filter((s) => s !== undefined)
    .map((s) => `${s.publisher}, «${s.title[ctx.lang]}» (${s.published})${s.url ? ` ${s.url}` : ""}`);
  const description = [
    caseName,
    `${h.title[ctx.lang]}: ${h.place[ctx.lang]}. ${t("passing.ics_status", { status, ...plain })}`,
    h.time ? t("passing.ics_time", { time: h.time, zone: zoneLabel(h.date, h.time, ctx.timeZone), ...plain }) : t("passing.ics_no_time", plain),
    h.outcome ? h.outcome[ctx.lang] : undefined,
    sources.length ? t("passing.ics_source", { sources: sources.join("; "), ...plain }) : undefined,
    t("passing.ics_footer", { bot: ctx.botUsername, link: subscribeLink(ctx.botUsername), ...plain }),
  ].filter((x): x is string => Boolean(x));
  const prefix = h.status === "scheduled" || h.status === "held" ? "" : `[${status}] `;
  return {
    uid: `hearing-${h.id}@casebot`,
    sequence: h.version,
    date: h.date,
    time: h.time,
    summary: `${prefix}${caseName}: ${h.title[ctx.lang]}`,
    location: h.place[ctx.lang],
    description: description.join("\n\n"),
    status: STATUS[h.status],
    lastModified: h.updatedAt,
  };
}

export function hearingsCalendar(deps: BotDeps, hearings: Hearing[], lang: Lang, botUsername: string): string {
  const snap = deps.content.current();
  const events = hearings.map((h) => hearingEvent(h, { lang, i18n: deps.i18n, snap, timeZone: deps.config.timeZone, botUsername }));
  return buildCalendar(events, {
    timeZone: deps.config.timeZone,
    stamp: deps.clock.now(),
    name: snap.meta?.name[lang],
    prodId: "-//casebot//Atajurt trial hearings//EN",
  });
}

async function sendCalendar(ctx: BotContext, hearings: Hearing[], filename: string, caption: string): Promise<void> {
  const ics = hearingsCalendar(ctx.deps, hearings, ctx.lang, ctx.me.username);
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, "utf8"), filename), { caption, parse_mode: "HTML" });
}

/**
 * `/calendar`: every hearing on record as one .ics file (a cancelled or postponed one is kept,
 * marked, so a calendar that imported it before learns of the change). The "Add to calendar"
 * button under hearing answers sends one event.
 */
export function calendarFeature() {
  const c = new Composer<BotContext>();
  c.command("calendar", async (ctx) => {
    const all = await ctx.deps.hearings.all();
    if (!all.length) return ctx.reply(ctx.t("passing.calendar_empty"));
    await sendCalendar(ctx, all, "atajurt-hearings.ics", ctx.t("passing.calendar_caption"));
  });
  c.callbackQuery(/^cal:(next|h:([a-z0-9-]+))$/, async (ctx) => {
    const id = ctx.match[2];
    const hearing = id ? await ctx.deps.hearings.get(id) : (await ctx.deps.hearings.nextAndLast(ctx.deps.clock.now())).next;
    if (!hearing) return ctx.answerCallbackQuery({ text: ctx.t("passing.calendar_no_next"), show_alert: true });
    await ctx.answerCallbackQuery();
    await sendCalendar(ctx, [hearing], `hearing-${hearing.date}.ics`, ctx.t("passing.calendar_one_caption"));
  });
  return c;
}
