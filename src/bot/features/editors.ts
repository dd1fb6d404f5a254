import { Composer, type Api, type MiddlewareFn } from "grammy";
import type { Message } from "grammy/types";
import { LANGS } from "../../content/schema.js";
import { hashId } from "../../logger.js";
import { CONVERSATION_COMMANDS, editorConversations } from "../conversations/index.js";
import type { BotContext, BotDeps } from "../context.js";
import { requireEditor, requireOwner, type Role } from "../middleware/roles.js";
import { auditFeature } from "./audit.js";
import { statsFeature } from "./stats.js";
import { unansweredFeature } from "./unanswered.js";

/** Not in the public menu: each owner's and editor's own chat gets a menu with these added. */
export const EDITOR_COMMANDS = [
  "stats",
  "unanswered",
  "add_hearing",
  "change_hearing",
  "publish_update",
  "edit_answer",
  "add_paraphrase",
  "cancel",
] as const;
export const OWNER_COMMANDS = ["editors", "audit"] as const;

/** Editor tools show case data and unanswered questions: never in a group, where others read along. */
export function privateOnly(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type === "private") return next();
    await ctx.reply(ctx.t("editors.private_only"));
  };
}

/**
 * Everything editors and owners use: the conversations, /editors, /audit, /stats, /unanswered.
 * First in the tree, so a conversation gets the editor's next message before anything else does.
 */
export function editorsFeature(deps: BotDeps, botApi: Api, publicCommands: readonly string[]): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.use(editorConversations(deps, botApi));

  // Reached only by those the conversations did not take: non-editors, and editors in groups.
  c.command(Object.keys(CONVERSATION_COMMANDS), requireEditor(), privateOnly());
  c.chatType("private").command("cancel", (ctx) => ctx.reply(ctx.t("conv.nothing_to_cancel")));

  c.command("editors", requireOwner(), privateOnly(), async (ctx) => {
    const [verb, arg] = ctx.match.trim().split(/\s+/);
    const repo = deps.editors;
    const by = ctx.from!.id;
    if (!verb) {
      await setStaffMenu(botApi, deps, by, "owner", publicCommands);
      return ctx.reply(await editorsList(ctx), { parse_mode: "HTML" });
    }
    if (verb !== "add" && verb !== "remove") return ctx.reply(ctx.t("editors.usage"), { parse_mode: "HTML" });

    const target = parseUserId(arg) ?? userFromReply(ctx.msg.reply_to_message, by);
    if (target === "hidden") return ctx.reply(ctx.t("editors.hidden_user"));
    if (target === undefined) return ctx.reply(ctx.t("editors.usage"), { parse_mode: "HTML" });
    if (deps.config.adminIds.includes(target)) return ctx.reply(ctx.t("editors.is_owner", { id: target }), { parse_mode: "HTML" });

    const now = deps.clock.now();
    if (verb === "add") {
      if (!(await repo.add(target, by, now))) return ctx.reply(ctx.t("editors.already", { id: target }), { parse_mode: "HTML" });
      await setStaffMenu(botApi, deps, target, "editor", publicCommands);
      return ctx.reply(ctx.t("editors.added", { id: target }), { parse_mode: "HTML" });
    }
    if (!(await repo.remove(target, by, now))) return ctx.reply(ctx.t("editors.not_editor", { id: target }), { parse_mode: "HTML" });
    await clearStaffMenu(botApi, deps, target);
    return ctx.reply(ctx.t("editors.removed", { id: target }), { parse_mode: "HTML" });
  });

  c.use(auditFeature());
  c.use(statsFeature());
  c.use(unansweredFeature());
  return c;
}

async function editorsList(ctx: BotContext): Promise<string> {
  const { config, editors: repo } = ctx.deps;
  const rows = await repo.list();
  const code = (id: number) => `<code>${id}</code>`;
  const owners = config.adminIds.map(code).join(", ");
  const editors = rows.length
    ? rows.map((r) => ctx.t("editors.item", { id: r.userId, by: r.addedBy, date: r.createdAt.toISOString().slice(0, 10) })).join("\n")
    : ctx.t("editors.none");
  return [ctx.t("editors.owners", { ids: owners }), ctx.t("editors.editors", { count: rows.length }), editors, "", ctx.t("editors.usage")].join("\n");
}

function parseUserId(arg: string | undefined): number | undefined {
  return arg && /^\d{1,15}$/.test(arg) ? Number(arg) : undefined;
}

/** `/editors add` sent in reply to a forwarded message from the person, or to their message in a group. */
function userFromReply(reply: Message | undefined, self: number): number | "hidden" | undefined {
  if (!reply) return undefined;
  const origin = reply.forward_origin;
  if (origin?.type === "user") return origin.sender_user.is_bot ? undefined : origin.sender_user.id;
  if (origin?.type === "hidden_user") return "hidden";
  if (origin) return undefined;
  const from = reply.from;
  return from && !from.is_bot && from.id !== self ? from.id : undefined;
}

/**
 * The menu in an owner's or editor's own chat: the public commands plus theirs. It only shows
 * once they have a chat with the bot; failing to set it is logged and changes nothing else.
 */
export async function setStaffMenu(api: Api, deps: BotDeps, userId: number, role: Role, publicCommands: readonly string[]): Promise<void> {
  const names = [...publicCommands, ...EDITOR_COMMANDS, ...(role === "owner" ? OWNER_COMMANDS : [])];
  try {
    for (const lang of [undefined, ...LANGS]) {
      const t = deps.i18n.t(lang ?? "en");
      const commands = names.map((command) => ({ command, description: t(`commands.${command}`) }));
      await api.setMyCommands(commands, { scope: { type: "chat", chat_id: userId }, ...(lang ? { language_code: lang } : {}) });
    }
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, user: hashId(deps.config.logHashKey, userId) }, "could not set an editor's menu");
  }
}

export async function clearStaffMenu(api: Api, deps: BotDeps, userId: number): Promise<void> {
  try {
    for (const lang of [undefined, ...LANGS]) {
      await api.deleteMyCommands({ scope: { type: "chat", chat_id: userId }, ...(lang ? { language_code: lang } : {}) });
    }
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, user: hashId(deps.config.logHashKey, userId) }, "could not clear an editor's menu");
  }
}
