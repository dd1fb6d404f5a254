import { recentAudit } from "../../editorial/reports.js";
import { auditLine } from "../../render/editorial.js";
import type { BotContext } from "../context.js";
import { privateOnly } from "../filters/private-only.js";
import { requireOwner } from "../filters/roles.js";
import { LeanComposer } from "../composer.js";

/** `/audit`: the latest editor actions, for owners. */
export function auditFeature() {
  const c = new LeanComposer<BotContext>();
  c.command("audit", requireOwner(), privateOnly(), async (ctx) => {
    const rows = await recentAudit(ctx.deps.database);
    if (!rows.length) return ctx.reply(ctx.t("editors.audit_empty"));
    const tz = ctx.deps.config.timeZone;
    await ctx.reply([ctx.t("editors.audit_header", { n: rows.length, zone: tz }), ...rows.map((r) => auditLine(r, tz))].join("\n\n"), { parse_mode: "HTML" });
  });
  return c;
}
