import type { Context } from "grammy";
import type { Config } from "../config.js";
import type { Lang } from "../content/schema.js";
import type { ContentStore } from "../content/store.js";
import type { Database } from "../db/client.js";
import type { ChatsRepo } from "../db/chats.js";
import type { EditorsRepo } from "../db/editors.js";
import type { HearingsRepo } from "../db/hearings.js";
import type { SubscriptionsRepo } from "../db/subscriptions.js";
import type { AdminCheck } from "../delivery/admins.js";
import type { ProgressWatcher } from "../delivery/updates.js";
import type { I18n, TFunction } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../time.js";

/** What the composition root hands to the bot: no feature reaches for a global. */
export interface BotDeps {
  config: Config;
  database: Database;
  content: ContentStore;
  i18n: I18n;
  logger: Logger;
  clock: Clock;
  chats: ChatsRepo;
  hearings: HearingsRepo;
  editors: EditorsRepo;
  subscriptions: SubscriptionsRepo;
  /** getChatMember answers, cached briefly: who may manage a group's or channel's subscription. */
  admins: AdminCheck;
  /** Keeps an editor's "sent N of M" message current while a published update goes out. */
  progress: ProgressWatcher;
}

export interface CaseFlavor {
  deps: BotDeps;
  /** The chat's interface language: its stored choice, else the sender's language_code. */
  lang: Lang;
  t: TFunction;
  /** The language stored with /language, if any. */
  chosenLang: Lang | null;
}

export type BotContext = Context & CaseFlavor;
