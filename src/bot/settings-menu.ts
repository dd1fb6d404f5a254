import { InlineKeyboard } from "grammy";
import type { Lead } from "../case/leads.js";
import type { SubscriptionRow } from "../db/subscriptions.js";
import type { TFunction } from "../i18n.js";
import type { KazakhScript } from "../db/chats.js";
import { LANGUAGE_CHOICES, languageName } from "../render/languages.js";
import { leadLabel } from "../render/settings.js";
import type { Lang } from "../shared/lang.js";
import { settingsData } from "./callback-data.js";

export interface MenuTarget {
  id: number;
  /** "@name" or a title, shown (never stored) when the menu is about a channel managed from elsewhere. */
  label?: string;
}

/** The settings menu: every toggle shows its state; the text starts with what just changed. */
export function settingsMenu(
  t: TFunction,
  leads: readonly Lead[],
  target: MenuTarget,
  sub: SubscriptionRow,
  chatLang: Lang,
  chatScript: KazakhScript | null | undefined,
  notice?: string,
): { text: string; keyboard: InlineKeyboard } {
  const title = target.label ? t("settings.title_channel", { channel: target.label }) : t("settings.title");
  const lines = [notice ? `✅ ${notice}` : "", title, sub.reminders ? t("settings.leads_prompt") : ""].filter(Boolean);
  const kb = new InlineKeyboard();
  kb.text(t(sub.reminders ? "settings.reminders_on" : "settings.reminders_off"), settingsData(target.id, "reminders")).row();
  if (sub.reminders) {
    // Two short labels to a row; the morning one is long and gets a row of its own.
    let inRow = 0;
    for (const lead of leads) {
      const alone = lead.kind === "morning";
      if (inRow && (alone || inRow === 2)) {
        kb.row();
        inRow = 0;
      }
      const on = sub.leadTimes.includes(lead.code);
      kb.text(`${on ? "✅" : "▫️"} ${leadLabel(t, lead)}`, settingsData(target.id, "lead", lead.code));
      inRow = alone ? 2 : inRow + 1;
    }
    if (inRow) kb.row();
  }
  kb.text(t(sub.updates ? "settings.updates_on" : "settings.updates_off"), settingsData(target.id, "updates")).row();
  kb.text(t("settings.language", { language: languageName(chatLang, chatScript) }), settingsData(target.id, "language")).row();
  kb.text(t("settings.done_button"), settingsData(target.id, "done"));
  return { text: lines.join("\n"), keyboard: kb };
}

export function languageMenu(t: TFunction, target: number): InlineKeyboard {
  const kb = new InlineKeyboard(LANGUAGE_CHOICES.map((row) => row.map((c) => InlineKeyboard.text(c.label, settingsData(target, "language", c.code)))));
  return kb.row().text(t("settings.back_button"), settingsData(target, "back"));
}
