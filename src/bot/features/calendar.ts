import { InputFile } from "grammy";
import { nextAndLast, type Hearing } from "../../case/hearings.js";
import { hearingsCalendar } from "../../render/calendar.js";
import { cbPattern } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

async function sendCalendar(ctx: BotContext, hearings: Hearing[], filename: string, caption: string): Promise<void> {
  const { deps } = ctx;
  const ics = hearingsCalendar(hearings, {
    lang: ctx.lang,
    kkScript: ctx.kkScript,
    i18n: deps.i18n,
    snap: deps.content.current(),
    timeZone: deps.config.timeZone,
    botUsername: ctx.me.username,
    now: deps.clock.now(),
    publicUrl: deps.config.publicUrl,
  });
  await ctx.replyWithDocument(new InputFile(Buffer.from(ics, "utf8"), filename), { caption, parse_mode: "HTML" });
}

/**
 * `/calendar`: every hearing on record as one .ics file. The "Add to calendar" button under
 * hearing answers sends one event.
 */
export function calendarFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("calendar", async (ctx) => {
    const all = await ctx.deps.hearings.all();
    if (!all.length) return ctx.reply(ctx.t("passing.calendar_empty"));
    await sendCalendar(ctx, all, "atajurt-hearings.ics", ctx.t("passing.calendar_caption"));
  });
  c.callbackQuery(cbPattern.calendar, async (ctx) => {
    const id = ctx.match[2];
    const { deps } = ctx;
    const hearing = id ? await deps.hearings.get(id) : nextAndLast(await deps.hearings.all(), deps.clock.now(), deps.config.timeZone).next;
    if (!hearing) return ctx.answerCallbackQuery({ text: ctx.t("passing.calendar_no_next"), show_alert: true });
    await ctx.answerCallbackQuery();
    await sendCalendar(ctx, [hearing], `hearing-${hearing.date}.ics`, ctx.t("passing.calendar_one_caption"));
  });
  return c;
}
