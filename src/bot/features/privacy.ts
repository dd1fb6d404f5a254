import type { BotContext } from "../context.js";
import { LeanComposer } from "../composer.js";

/** `/privacy`: what is stored, why, for how long, and how to delete it, in the chat's language. */
export function privacyFeature() {
  const c = new LeanComposer<BotContext>();
  // Not in channels: a reply there would be a public post.
  c.chatType(["private", "group", "supergroup"]).command("privacy", (ctx) => ctx.reply(ctx.t("privacy.text"), { parse_mode: "HTML", link_preview_options: { is_disabled: true } }));
  return c;
}
