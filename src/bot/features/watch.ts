import { type Composer } from "grammy";
import { FEED_MINUTES, feedUrlProblem, unwatchFeed, watchedFeeds, watchFeed } from "../../editorial/feeds.js";
import { escapeHtml } from "../../shared/html.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../filters/private-only.js";
import { requireEditor } from "../filters/roles.js";
import { LeanComposer } from "../composer.js";

/** `/watch add URL [minutes]`, `/watch list` (or `/watch`), `/watch remove ID`: the feeds the news watcher reads. */
export function watchFeature(): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.command("watch", requireEditor(), privateOnly(), async (ctx) => {
    const [verb, arg, every] = ctx.match.trim().split(/\s+/);
    const deps = ctx.deps.editorial;
    const by = ctx.from!.id;
    if (!verb || verb === "list") {
      const feeds = await watchedFeeds(deps);
      if (!feeds.length) return ctx.reply(`${ctx.t("watch.none")}\n\n${ctx.t("watch.usage")}`);
      const lines = feeds.map((f) =>
        ctx.t(f.lastError ? "watch.item_failing" : "watch.item", { id: f.id, url: escapeHtml(f.url), error: escapeHtml(f.lastError ?? ""), failures: f.failures, minutes: f.intervalMs / 60_000 }),
      );
      return ctx.reply([ctx.t("watch.list_head", { count: feeds.length }), ...lines, "", ctx.t("watch.usage")].join("\n"), { link_preview_options: { is_disabled: true } });
    }
    if (verb === "add" && arg) {
      if (feedUrlProblem(arg)) return ctx.reply(ctx.t("watch.bad_url"));
      const minutes = every === undefined ? undefined : Number(every);
      if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= FEED_MINUTES.min && minutes <= FEED_MINUTES.max)) {
        return ctx.reply(ctx.t("watch.bad_minutes", FEED_MINUTES));
      }
      const row = await watchFeed(deps, arg, by, minutes);
      return ctx.reply(ctx.t(row ? "watch.added" : "watch.already", { id: row?.id ?? 0, url: escapeHtml(arg), minutes: (row?.intervalMs ?? 0) / 60_000 }), {
        link_preview_options: { is_disabled: true },
      });
    }
    if (verb === "remove" && arg && /^\d{1,12}$/.test(arg)) {
      const row = await unwatchFeed(deps, Number(arg), by);
      return ctx.reply(row ? ctx.t("watch.removed", { id: row.id, url: escapeHtml(row.url) }) : ctx.t("watch.not_found", { id: arg }), { link_preview_options: { is_disabled: true } });
    }
    return ctx.reply(ctx.t("watch.usage"));
  });
  return c;
}
