import type { Composer } from "grammy";
import { answerNewsItem } from "../../editorial/feeds.js";
import { cbPattern } from "../callback-data.js";
import type { BotDeps } from "../context.js";
import { PUBLISH_UPDATE } from "./publish-update.js";
import type { EditorContext } from "./steps.js";

/**
 * The buttons under a news item the feed watcher sent: "Draft an update from this" opens
 * /publish_update with the item's link as its source; "Ignore" files it. Either is audited, and
 * the message loses its buttons so a second editor sees it was answered.
 */
export function newsButtons(staff: Composer<EditorContext>, deps: BotDeps): void {
  staff.callbackQuery(cbPattern.news, async (ctx) => {
    const [, verb, id] = ctx.match as RegExpMatchArray;
    const item = await answerNewsItem(deps.editorial, Number(id), verb === "d" ? "drafted" : "ignored", ctx.from.id);
    await ctx.answerCallbackQuery(item ? undefined : { text: ctx.t("news.gone") });
    if (!item) return;
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
    if (verb === "i") return ctx.reply(ctx.t("news.ignored"));
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(PUBLISH_UPDATE, item.link);
  });
}
