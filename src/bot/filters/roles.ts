import type { MiddlewareFn } from "grammy";
import { hashId } from "../../logger.js";
import type { BotContext } from "../context.js";
import { asStored } from "../middleware/script.js";

/** Owners are the ids in ADMIN_IDS; editors are the ones an owner added with /editors. */
export type Role = "owner" | "editor";

const ROLE = Symbol("casebot.role");
type WithRole = BotContext & { [ROLE]?: Role | null };

/** The sender's role, looked up once per update (owners from config, editors from the store). */
export async function roleOf(ctx: BotContext): Promise<Role | null> {
  const c = ctx as WithRole;
  if (c[ROLE] !== undefined) return c[ROLE];
  const id = ctx.from?.id;
  let role: Role | null = null;
  if (id !== undefined && !ctx.from?.is_bot) {
    if (ctx.deps.config.adminIds.includes(id)) role = "owner";
    else if (await ctx.deps.editors.isEditor(id)) role = "editor";
  }
  c[ROLE] = role;
  return role;
}

export async function isStaff(ctx: BotContext): Promise<boolean> {
  return (await roleOf(ctx)) !== null;
}

/**
 * Lets owners and editors through; anyone else is told politely, and the attempt is logged. What
 * the tools show is the case as stored, so it goes out in Cyrillic whatever the chat's script.
 */
export function requireEditor(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if ((await roleOf(ctx)) !== null) return asStored(ctx, next);
    await refuse(ctx, "editor");
  };
}

/** Lets owners through (in Cyrillic, as requireEditor); editors and everyone else are told politely, and the attempt is logged. */
export function requireOwner(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if ((await roleOf(ctx)) === "owner") return asStored(ctx, next);
    await refuse(ctx, "owner");
  };
}

async function refuse(ctx: BotContext, needed: Role): Promise<void> {
  // The command's name only: its arguments may hold someone's id.
  const command = /^\/([A-Za-z0-9_]+)/.exec(ctx.msg?.text ?? "")?.[1] ?? (ctx.callbackQuery ? "callback" : undefined);
  ctx.deps.logger.warn(
    { user: hashId(ctx.deps.config.logHashKey, ctx.from?.id), needed, command, updateId: ctx.update.update_id },
    "editor tool refused",
  );
  const text = ctx.t(needed === "owner" ? "editors.owners_only" : "editors.refused");
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}
