import { type Composer } from "grammy";
import { untranslated } from "../../editorial/corrections.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { escapeHtml } from "../../shared/html.js";
import { clip } from "../../shared/text.js";
import { wallClock } from "../../shared/time.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../filters/private-only.js";
import { requireEditor } from "../filters/roles.js";
import { LeanComposer } from "../composer.js";

/** `/pending`: which published updates still lack which language (each then goes out in English with a note). */
export function pendingFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command("pending", requireEditor(), privateOnly(), async (ctx) => {
    const rows = await untranslated(ctx.deps.editorial);
    if (!rows.length) return ctx.reply(ctx.t("pending.none"));
    const lines = rows.map(({ update: u, missing }) =>
      ctx.t("pending.item", {
        id: u.id,
        date: wallClock(u.publishedAt, ctx.deps.config.timeZone).date,
        text: escapeHtml(clip(u.body.en, 60)),
        missing: missing.map((l) => LANGUAGE_NAMES[l]).join(", "),
      }),
    );
    return ctx.reply([ctx.t("pending.head", { count: rows.length }), ...lines, "", ctx.t("pending.hint")].join("\n"));
  });
  return c;
}
