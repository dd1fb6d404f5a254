import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotConfig, type BotError, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, BotDeps } from "./context.js";
import { answersFeature } from "./features/answers.js";
import { calendarFeature } from "./features/calendar.js";
import { editorsFeature } from "./features/editors.js";
import { fallbackFeature } from "./features/fallback.js";
import { forgetFeature } from "./features/forget.js";
import { helpFeature } from "./features/help.js";
import { inlineFeature } from "./features/inline.js";
import { chatMemberFeature } from "./features/chat-member.js";
import { languageFeature } from "./features/language.js";
import { localFeature, type LocalControls } from "./features/local.js";
import { settingsFeature } from "./features/settings.js";
import { shareFeature } from "./features/share.js";
import { subscribeFeature } from "./features/subscribe.js";
import { privacyFeature } from "./features/privacy.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { timelineFeature } from "./features/timeline.js";
import { topicsFeature } from "./features/topics.js";
import { LeanComposer } from "./composer.js";
import { dedupe } from "./middleware/dedupe.js";
import { countUpdates } from "./middleware/metrics.js";
import { locale } from "./middleware/locale.js";
import { htmlByDefault } from "./middleware/parse-mode.js";
import { rateLimit } from "./middleware/ratelimit.js";
import { readerScript } from "./middleware/script.js";
import { isStoreUnavailable } from "../shared/unavailable.js";

export type CaseBot = Bot<BotContext>;

export interface CreateBotOptions {
  token: string;
  botInfo?: UserFromGetMe;
  client?: BotConfig<BotContext>["client"];
  /** The terminal chat's /clock and /as: given only in local mode, so they never exist with a token. */
  local?: LocalControls;
}

/** The whole bot: one middleware tree, the same for Telegram, webhook and the terminal chat. */
export function createBot(deps: BotDeps, opts: CreateBotOptions): CaseBot {
  const bot = new Bot<BotContext>(opts.token, { botInfo: opts.botInfo, client: opts.client });

  // One lean chain (composer.ts) for the whole tree: grammY's own would cost more per update than the answer.
  const edge = new LeanComposer<BotContext>();
  bot.use(edge);
  // One update per chat at a time, so a chat's replies keep their order under the runner.
  edge.use(countUpdates(deps.metrics));
  edge.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  edge.use(locale(deps));
  edge.use(htmlByDefault());
  // Kazakh in the chat's script: one transformer at the edge instead of a change in every feature.
  edge.use(readerScript());
  // Against Telegram only: the terminal chat has one person and restarts update ids at 1 every run.
  if (deps.config.mode !== "local") edge.use(dedupe(deps), rateLimit(deps));

  const features = new LeanComposer<BotContext>();
  edge.errorBoundary(errorReply, features);
  if (opts.local) features.use(localFeature(opts.local));
  features.use(editorsFeature(deps, bot.api));
  features.use(chatMemberFeature());
  features.use(startFeature());
  features.use(languageFeature());
  features.use(helpFeature());
  features.use(sourcesFeature());
  features.use(subscribeFeature());
  features.use(settingsFeature());
  features.use(topicsFeature());
  features.use(inlineFeature());
  features.use(shareFeature());
  features.use(calendarFeature());
  features.use(timelineFeature());
  features.use(privacyFeature());
  features.use(forgetFeature());
  features.use(answersFeature(deps));
  features.use(fallbackFeature());

  bot.catch((err) => {
    deps.logger.error({ err: err.error, updateId: updateIdOf(err) }, "update failed outside a feature");
  });
  return bot;
}

/** The update's id, if it has one: bot.catch must not fail on an update that is not an object. */
function updateIdOf(err: BotError<BotContext>): unknown {
  const update = (err.ctx as Partial<BotContext> | undefined)?.update as unknown;
  return update && typeof update === "object" ? (update as { update_id?: unknown }).update_id : undefined;
}

/**
 * Logs with the update id only, and tells the person in their language that it failed. A store
 * that cannot be reached is not the update's failure: it goes on up, so webhook mode answers 503
 * and polling mode keeps the update, and it is handled again once the store is back.
 */
async function errorReply(err: BotError<BotContext>): Promise<void> {
  if (isStoreUnavailable(err.error)) throw err.error;
  const ctx = err.ctx;
  ctx.deps.logger.error({ err: err.error, updateId: ctx.update.update_id }, "feature failed");
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("error") });
    else if (ctx.chat?.type === "private") await ctx.reply(ctx.t("error"));
  } catch (e) {
    ctx.deps.logger.warn({ err: e, updateId: ctx.update.update_id }, "could not tell the user about a failure");
  }
}
