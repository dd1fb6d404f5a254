import { type Composer, type Api } from "grammy";
import type { Message } from "grammy/types";
import { clearStaffMenu, setStaffMenu } from "../commands.js";
import { CONVERSATION_COMMANDS, editorConversations } from "../conversations/index.js";
import type { BotContext, BotDeps } from "../context.js";
import { privateOnly } from "../filters/private-only.js";
import { requireEditor, requireOwner } from "../filters/roles.js";
import { auditFeature } from "./audit.js";
import { closeCaseFeature } from "./close-case.js";
import { statsFeature } from "./stats.js";
import { unansweredFeature } from "./unanswered.js";
import { pendingFeature } from "./pending.js";
import { watchFeature } from "./watch.js";
import { LeanComposer } from "../composer.js";

/**
 * Everything editors and owners use: the conversations, /editors, /audit, /stats, /unanswered.
 * First in the tree, so a conversation gets the editor's next message before anything else does.
 */
export function editorsFeature(deps: BotDeps, botApi: Api): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.use(editorConversations(deps, botApi));

  // Reached only by those the conversations did not take: non-editors, and editors in groups.
  c.command(Object.keys(CONVERSATION_COMMANDS), requireEditor(), privateOnly());
  c.chatType("private").command("cancel", (ctx) => ctx.reply(ctx.t("conv.nothing_to_cancel")));

  c.command("editors", requireOwner(), privateOnly(), async (ctx) => {
    const [verb, arg] = ctx.match.trim().split(/\s+/);
    const by = ctx.from!.id;
    if (!verb) {
      await setStaffMenu(botApi, deps, by, "owner");
      return ctx.reply(await editorsList(ctx), { parse_mode: "HTML" });
    }
    if (verb !== "add" && verb !== "remove") return ctx.reply(ctx.t("editors.usage"), { parse_mode: "HTML" });

    const target = parseUserId(arg) ?? userFromReply(ctx.msg.reply_to_message, by);
    if (target === "hidden") return ctx.reply(ctx.t("editors.hidden_user"));
    if (target === undefined) return ctx.reply(ctx.t("editors.usage"), { parse_mode: "HTML" });
    if (deps.config.adminIds.includes(target)) return ctx.reply(ctx.t("editors.is_owner", { id: target }), { parse_mode: "HTML" });

    if (verb === "add") {
      if (!(await deps.editors.add(target, by))) return ctx.reply(ctx.t("editors.already", { id: target }), { parse_mode: "HTML" });
      await setStaffMenu(botApi, deps, target, "editor");
      return ctx.reply(ctx.t("editors.added", { id: target }), { parse_mode: "HTML" });
    }
    if (!(await deps.editors.remove(target, by))) return ctx.reply(ctx.t("editors.not_editor", { id: target }), { parse_mode: "HTML" });
    await clearStaffMenu(botApi, deps, target);
    return ctx.reply(ctx.t("editors.removed", { id: target }), { parse_mode: "HTML" });
  });

  c.use(closeCaseFeature());
  c.use(auditFeature());
  c.use(statsFeature());
  c.use(unansweredFeature());
  c.use(watchFeature());
  c.use(pendingFeature());
  return c;
}

async function editorsList(ctx: BotContext): Promise<string> {
  const { config, editors } = ctx.deps;
  const rows = await editors.list();
  const code = (id: number) => `<code>${id}</code>`;
  const owners = config.adminIds.map(code).join(", ");
  const list = rows.length
    ? rows.map((r) => ctx.t("editors.item", { id: r.userId, by: r.addedBy ?? "—", date: r.createdAt.toISOString().slice(0, 10) })).join("\n")
    : ctx.t("editors.none");
  return [ctx.t("editors.owners", { ids: owners }), ctx.t("editors.editors", { count: rows.length }), list, "", ctx.t("editors.usage")].join("\n");
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
