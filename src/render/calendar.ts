import type { ContentSnapshot } from "../case/content/store.js";
import type { Hearing } from "../case/hearings.js";
import type { KazakhScript } from "../db/schema.js";
import type { I18n } from "../i18n.js";
import type { Lang } from "../shared/lang.js";
import { zoneLabel } from "./dates.js";
import { buildCalendar, type IcsEvent } from "./ics.js";
import { pageUrl, subscribeLink } from "./links.js";
import { otherScript, transliterateHtml } from "./script.js";
import { citationText } from "./sources.js";

const STATUS: Record<Hearing["status"], IcsEvent["status"]> = {
  scheduled: "CONFIRMED",
  held: "CONFIRMED",
  postponed: "TENTATIVE",
  cancelled: "CANCELLED",
};

/** Plain text for the calendar file: i18n's HTML escaping would show up there as `&amp;`. */
const plain = { interpolation: { escapeValue: false } } as const;

export interface CalendarContext {
  lang: Lang;
  i18n: I18n;
  snap: ContentSnapshot;
  timeZone: string;
  botUsername: string;
  /** The script a Kazakh reader reads (a chat's choice, or the site's /kk-arab/ pages); the file's text is written in it. */
  kkScript?: KazakhScript;
  /** PUBLIC_URL: when set, each event links to its hearing's page. */
  publicUrl?: string;
}

/** The file's own text in the reader's script (a calendar app shows it long after the chat). */
function inScript(ctx: CalendarContext): (s: string) => string {
  const script = ctx.lang === "kk" ? otherScript(ctx.kkScript) : undefined;
  // A calendar app sets the direction itself: no Telegram right-to-left marks in the file.
  return script ? (s) => transliterateHtml(s, script, { rtlMark: false }) : (s) => s;
}

/** One hearing as a calendar event, in one language, self-contained like a forwarded message. */
export function hearingEvent(h: Hearing, ctx: CalendarContext): IcsEvent {
  const t = ctx.i18n.t(ctx.lang);
  const caseName = ctx.snap.meta?.name[ctx.lang] ?? "";
  const status = t(`passing.status_${h.status}`);
  const sources = h.sourceIds
    .map((id) => ctx.snap.sourceById.get(id))
    .filter((s) => s !== undefined)
    .map((s) => citationText(s, ctx.lang));
  const description = [
    caseName,
    `${h.title[ctx.lang]}: ${h.place[ctx.lang]}. ${t("passing.ics_status", { status, ...plain })}`,
    h.time ? t("passing.ics_time", { time: h.time, zone: zoneLabel(h.date, h.time, ctx.timeZone, ctx.lang), ...plain }) : t("passing.ics_no_time", plain),
    h.outcome ? h.outcome[ctx.lang] : undefined,
    sources.length ? t(sources.length === 1 ? "source_line" : "sources_line", { sources: sources.join("; "), ...plain }) : undefined,
    t("passing.ics_footer", { bot: ctx.botUsername, link: subscribeLink(ctx.botUsername), ...plain }),
  ].filter((x): x is string => Boolean(x));
  const prefix = h.status === "scheduled" || h.status === "held" ? "" : `[${status}] `;
  const script = inScript(ctx);
  return {
    uid: `hearing-${h.id}@casebot`,
    sequence: h.version,
    date: h.date,
    time: h.time,
    summary: script(`${prefix}${caseName}: ${h.title[ctx.lang]}`),
    location: script(h.place[ctx.lang]),
    description: script(description.join("\n\n")),
    status: STATUS[h.status],
    lastModified: h.updatedAt,
    ...(ctx.publicUrl ? { url: pageUrl(ctx.publicUrl, ctx.lang, { kind: "hearing", id: h.id }) } : {}),
  };
}

/** Hearings as one .ics file: a cancelled or postponed one is kept, marked, so a calendar that imported it learns of the change. */
export function hearingsCalendar(hearings: readonly Hearing[], ctx: CalendarContext & { now: Date }): string {
  return buildCalendar(
    hearings.map((h) => hearingEvent(h, ctx)),
    { timeZone: ctx.timeZone, stamp: ctx.now, name: ctx.snap.meta && inScript(ctx)(ctx.snap.meta.name[ctx.lang]), prodId: "-//casebot//Atajurt trial hearings//EN" },
  );
}
