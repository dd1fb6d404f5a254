import { Composer } from "grammy";
import { latestAudit, type AuditRow } from "../../db/audit.js";
import { escapeHtml } from "../../html.js";
import { wallClock } from "../../time.js";
import type { BotContext } from "../context.js";
import { requireOwner } from "../middleware/roles.js";
import { privateOnly } from "./editors.js";

export const AUDIT_SHOWN = 15;

/** `/audit`: the latest editor actions, for owners. */
export function auditFeature() {
  const c = new Composer<BotContext>();
  c.command("audit", requireOwner(), privateOnly(), async (ctx) => {
    const rows = await latestAudit(ctx.deps.database.db, AUDIT_SHOWN);
    if (!rows.length) return ctx.reply(ctx.t("editors.audit_empty"));
    const tz = ctx.deps.config.timeZone;
    const lines = rows.map((r) => auditLine(r, tz));
    await ctx.reply([ctx.t("editors.audit_header", { n: rows.length, zone: tz }), ...lines].join("\n\n"), { parse_mode: "HTML" });
  });
  return c;
}

export function auditLine(r: AuditRow, timeZone: string): string {
  const { date, time } = wallClock(r.at, timeZone);
  const head = `• ${date} ${time} · <code>${r.actorId}</code> · <b>${escapeHtml(r.action)}</b>${r.subject ? ` · ${escapeHtml(r.subject)}` : ""}`;
  const change = [r.before, r.after].some((v) => v !== null && v !== undefined)
    ? `\n  ${escapeHtml(summarize(r.before))} → ${escapeHtml(summarize(r.after))}`
    : "";
  return head + change;
}

/** A change in one short line: the text when there is one, else the value as JSON. */
function summarize(v: unknown): string {
  if (v === null || v === undefined) return "—";
  const s = typeof v === "object" && v !== null && "text" in v ? `«${String((v as { text: unknown }).text)}»` : JSON.stringify(v);
  const flat = s.replace(/\s+/g, " ");
  return flat.length > 90 ? `${flat.slice(0, 89)}…` : flat;
}
