import { sql } from "drizzle-orm";
import { Composer } from "grammy";
import { escapeHtml } from "../../html.js";
import { wallClock } from "../../time.js";
import type { BotContext } from "../context.js";
import { requireEditor } from "../middleware/roles.js";
import { privateOnly } from "./editors.js";

export const UNANSWERED_SHOWN = 20;
const MAX_SHOWN_CHARS = 200;

/**
 * `/unanswered`, for editors: the latest questions the bot had no answer for, the same question
 * asked again counted once, so they can add a paraphrase (/add_paraphrase) or a topic.
 */
export function unansweredFeature() {
  const c = new Composer<BotContext>();
  c.command("unanswered", requireEditor(), privateOnly(), async (ctx) => {
    const rows = await ctx.deps.database.rows<{ text: string; lang: string; n: number; last: Date | string }>(sql`
      select btrim((array_agg(text order by created_at desc))[1]) as text, lang, count(*)::int as n, max(created_at) as last
      from unanswered
      group by lower(btrim(text)), lang
      order by max(created_at) desc
      limit ${UNANSWERED_SHOWN}`);
    if (!rows.length) return ctx.reply(ctx.t("editors.unanswered_empty"));
    const tz = ctx.deps.config.timeZone;
    const lines = rows.map((r) => {
      const text = r.text.length > MAX_SHOWN_CHARS ? `${r.text.slice(0, MAX_SHOWN_CHARS - 1)}…` : r.text;
      const when = wallClock(new Date(r.last), tz).date;
      const times = Number(r.n) > 1 ? ` ×${Number(r.n)}` : "";
      return `• <i>${escapeHtml(r.lang)}</i> · ${when}${times}\n${escapeHtml(text)}`;
    });
    // Telegram takes 4096 characters: keep the newest that fit.
    const shown: string[] = [];
    let size = 0;
    for (const l of lines) {
      if (size + l.length > 3600) break;
      shown.push(l);
      size += l.length + 1;
    }
    await ctx.reply([ctx.t("editors.unanswered_header", { n: shown.length }), ...shown, "", ctx.t("editors.unanswered_hint")].join("\n"), {
      parse_mode: "HTML",
    });
  });
  return c;
}
