import type { Context } from "grammy";
import type { ContentStore } from "../case/content/store.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { ChatRow, ChatsRepo, KazakhScript } from "../db/chats.js";
import type { HearingsRepo } from "../db/hearings.js";
import type { DialogueStore } from "../db/dialogue.js";
import type { KvStore } from "../db/kv.js";
import type { Forgotten } from "../db/privacy.js";
import type { createSeenUpdatesRepo } from "../db/seen-updates.js";
import type { SubscriptionsRepo } from "../db/subscriptions.js";
import type { UpdatesRepo } from "../db/updates.js";
import type { ProgressWatcher } from "../delivery/progress.js";
import type { EditorialDeps } from "../editorial/deps.js";
import type { EditorDirectory } from "../editorial/editors.js";
import type { I18n, TFunction } from "../i18n.js";
import type { Logger } from "../logger.js";
import type { Lang } from "../shared/lang.js";
import type { Metrics } from "../shared/metrics.js";
import type { Clock } from "../shared/time.js";
import type { AdminCheck } from "./admins.js";
import type { HearingsCache } from "./hearings-cache.js";

/** What the composition root hands to the bot: no feature reaches for a global. */
export interface BotDeps {
  config: Config;
  /** For the conversations' storage and the editorial use cases; features never query it themselves. */
  database: Database;
  content: ContentStore;
  i18n: I18n;
  logger: Logger;
  clock: Clock;
  /** The operator's counters (server/metrics.ts behind it); labels never carry an id or text. */
  metrics: Metrics;
  chats: ChatsRepo;
  hearings: HearingsRepo;
  /** The hearings for answers, kept while the update's digest of them is unchanged (hearings-cache.ts). */
  liveHearings: HearingsCache;
  updates: UpdatesRepo;
  subscriptions: SubscriptionsRepo;
  seenUpdates: ReturnType<typeof createSeenUpdatesRepo>;
  /** Keyed state: the editors' conversations. */
  kv: KvStore;
  /** Writes what the chat asked last (its topics, never its words), for the next message. */
  dialogue: DialogueStore;
  editors: EditorDirectory;
  /** The store, the clock and the zone, as the editorial use cases take them. */
  editorial: EditorialDeps;
  /** Deletes everything the bot holds about one chat (and, in a private chat, its user: editor role, audit actor). */
  forgetChat(chatId: number): Promise<Forgotten>;
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
  /** The chat's stored row, read once per update by the locale middleware (undefined: none stored). */
  chatRow: ChatRow | undefined;
  /** The chat's dialogue state as stored (kv_state `dialogue:<chat>`), read in the same round trip. */
  dialogue: unknown;
  /** The script the chat reads Kazakh in: chosen, else the one it last wrote Kazakh in, else Cyrillic. */
  kkScript: KazakhScript;
  /** The script was chosen (/language, /settings): what the chat writes no longer changes it. */
  kkScriptChosen: boolean;
  /** A digest of every hearing row, read with the chat's row: when it is unchanged, so are the hearings. */
  hearingsDigest: string | undefined;
  /** The language of this update's replies when it is not `lang` (an answer follows its question, a topic button its own language). */
  replyLang: Lang | undefined;
}

export type BotContext = Context & CaseFlavor;
