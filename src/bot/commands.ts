import type { Api } from "grammy";
import { hashId } from "../logger.js";
import { LANGS } from "../shared/lang.js";
import type { BotDeps } from "./context.js";
import type { Role } from "./filters/roles.js";

/** Commands in the public menu, in the order Telegram shows them; descriptions come from locales. */
export const MENU_COMMANDS = ["start", "help", "language", "sources", "subscribe", "settings", "unsubscribe", "timeline", "calendar", "privacy", "forget"] as const;

/** The public menu: `/share` only where the case has a site (PUBLIC_URL). */
function publicCommands(deps: Pick<BotDeps, "config">): readonly string[] {
  return deps.config.publicUrl ? [...MENU_COMMANDS, "share"] : MENU_COMMANDS;
}

/** Not in the public menu: each owner's and editor's own chat gets a menu with these added. */
export const EDITOR_COMMANDS = ["stats", "unanswered", "add_hearing", "change_hearing", "publish_update", "correct_update", "translate_update", "retract_update", "pending", "watch", "edit_answer", "add_paraphrase", "close_case", "cancel"] as const;
export const OWNER_COMMANDS = ["editors", "audit", "override"] as const;

type Deps = Pick<BotDeps, "i18n" | "logger" | "config">;

function menu(deps: Deps, names: readonly string[], lang: (typeof LANGS)[number] | undefined) {
  const t = deps.i18n.t(lang ?? "en");
  return names.map((command) => ({ command, description: t(`commands.${command}`) }));
}

/** Localized command menus, once per language; a failure is logged, never fatal. `signal` ends the calls still waiting. */
export async function setCommandMenus(api: Api, deps: Deps, signal?: AbortSignal): Promise<void> {
  for (const lang of [undefined, ...LANGS]) {
    if (signal?.aborted) return;
    try {
      // grammY types its signal with its own shim of AbortSignal: the same object at run time.
      await api.setMyCommands(menu(deps, publicCommands(deps), lang), lang ? { language_code: lang } : {}, signal as Parameters<Api["setMyCommands"]>[2]);
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message, lang }, "setMyCommands failed; menus unchanged");
    }
  }
}

/**
 * The menu in an owner's or editor's own chat: the public commands plus theirs. It only shows
 * once they have a chat with the bot; failing to set it is logged and changes nothing else.
 */
export async function setStaffMenu(api: Api, deps: Deps, userId: number, role: Role): Promise<void> {
  const names = [...publicCommands(deps), ...EDITOR_COMMANDS, ...(role === "owner" ? OWNER_COMMANDS : [])];
  try {
    for (const lang of [undefined, ...LANGS]) {
      await api.setMyCommands(menu(deps, names, lang), { scope: { type: "chat", chat_id: userId }, ...(lang ? { language_code: lang } : {}) });
    }
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, user: hashId(deps.config.logHashKey, userId) }, "could not set an editor's menu");
  }
}

export async function clearStaffMenu(api: Api, deps: Deps, userId: number): Promise<void> {
  try {
    for (const lang of [undefined, ...LANGS]) {
      await api.deleteMyCommands({ scope: { type: "chat", chat_id: userId }, ...(lang ? { language_code: lang } : {}) });
    }
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, user: hashId(deps.config.logHashKey, userId) }, "could not clear an editor's menu");
  }
}
