/** The words of the reminder settings: lead times as readers read them, and what a closed menu leaves behind. */
import type { Lead } from "../case/leads.js";
import type { SubscriptionRow } from "../db/schema.js";
import type { TFunction } from "../i18n.js";

export function leadLabel(t: TFunction, lead: Lead): string {
  if (lead.kind === "morning") return t("settings.lead_morning", { time: lead.at });
  if (lead.days) return t("settings.lead_days", { count: lead.days });
  if (lead.minutes % 60 === 0) return t("settings.lead_hours", { count: lead.minutes / 60 });
  return t("settings.lead_minutes", { count: lead.minutes });
}

/**
 * What the settings message says once "Done" closes it: the choices as they now are, so the
 * chat keeps a record of them and the press visibly did something.
 */
export function settingsSummary(t: TFunction, leads: readonly Lead[], sub: Pick<SubscriptionRow, "reminders" | "updates" | "leadTimes">, channel?: string): string {
  const chosen = leads.filter((l) => sub.leadTimes.includes(l.code)).map((l) => leadLabel(t, l));
  const reminders = sub.reminders && chosen.length ? t("settings.summary_reminders_on", { leads: chosen.join(", ") }) : t("settings.summary_reminders_off");
  return [
    channel ? t("settings.summary_title_channel", { channel }) : t("settings.summary_title"),
    reminders,
    t(sub.updates ? "settings.summary_updates_on" : "settings.summary_updates_off"),
    channel ? t("settings.summary_hint_channel", { channel }) : t("settings.summary_hint"),
  ].join("\n");
}
