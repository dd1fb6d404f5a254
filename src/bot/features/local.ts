import { when } from "../../render/dates.js";
import { ClockBackwards, type MovableClock } from "../../shared/clock.js";
import { wallClock, zonedToUtc } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

export type LocalChatKind = "private" | "group";

/** What the terminal chat lets its one person change: the bot's time and the kind of chat they are in. */
export interface LocalControls {
  clock: MovableClock;
  /** Takes effect from the next message: the terminal sends the "bot added to a group" update itself. */
  switchTo(kind: LocalChatKind): void;
}

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** "+6d", "+2h", "+1d12h", "+30m": a forward step in milliseconds; undefined if it is not one. */
export function parseStep(arg: string): number | undefined {
  if (!/^\+(\d{1,4}[dhm])+$/.test(arg)) return undefined;
  let ms = 0;
  for (const [, n, u] of arg.matchAll(/(\d+)([dhm])/g)) ms += Number(n) * UNIT_MS[u as keyof typeof UNIT_MS];
  return ms > 0 ? ms : undefined;
}

/** "2026-03-01 09:00" or "2026-03-01" (midnight) in the case's zone. */
export function parseMoment(arg: string, timeZone: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(arg);
  if (!m) return undefined;
  const at = zonedToUtc(m[1]!, m[2] ? `${m[2].padStart(2, "0")}:${m[3]}` : "00:00", timeZone);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * The local chat's own commands (registered only without a token, see cli/local-chat.ts):
 * `/clock` shows or moves the bot's time, `/as group` and `/as private` change the chat.
 */
export function localFeature(controls: LocalControls) {
  const c = new LeanComposer<BotContext>();

  c.command("clock", async (ctx) => {
    const tz = ctx.deps.config.timeZone;
    const arg = ctx.match.trim();
    const show = (key: "local.clock_now" | "local.clock_moved") => {
      const { date, time } = wallClock(controls.clock.now(), tz);
      return ctx.reply(ctx.t(key, { when: when(ctx.t, { date, time }, ctx.lang, tz) }), { parse_mode: "HTML" });
    };
    if (!arg) return show("local.clock_now");
    const step = parseStep(arg);
    const at = step === undefined ? parseMoment(arg, tz) : undefined;
    if (step === undefined && !at) return ctx.reply(ctx.t("local.clock_usage"), { parse_mode: "HTML" });
    try {
      if (step !== undefined) controls.clock.advance(step);
      else controls.clock.moveTo(at!);
    } catch (err) {
      if (!(err instanceof ClockBackwards)) throw err;
      return ctx.reply(ctx.t("local.clock_backwards"), { parse_mode: "HTML" });
    }
    return show("local.clock_moved");
  });

  c.command("as", async (ctx) => {
    const kind = ctx.match.trim().toLowerCase();
    if (kind !== "group" && kind !== "private") return ctx.reply(ctx.t("local.as_usage"), { parse_mode: "HTML" });
    controls.switchTo(kind);
    return ctx.reply(ctx.t(kind === "group" ? "local.as_group" : "local.as_private", { bot: ctx.me.username }), { parse_mode: "HTML" });
  });

  return c;
}
