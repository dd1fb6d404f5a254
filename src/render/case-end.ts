/** The case's last notice: what subscribers read when an editor closes the case (/close_case). */
import type { SourceRow } from "../db/schema.js";
import type { I18n } from "../i18n.js";
import { LANGS, type Translated } from "../shared/lang.js";
import { formatDay } from "./dates.js";

/**
 * The notice in every language, as plain text (it is sent as a case update, whose body is
 * escaped): the case is closed, nothing more will come, when their data goes, and where to
 * follow what comes next: the case's sources, each with its address.
 */
export function caseEndBodies(i18n: I18n, sources: readonly SourceRow[], purgeDay: string): Translated {
  const out = {} as Translated;
  for (const lang of LANGS) {
    const t = i18n.t(lang);
    const lines = sources.map((s) => `• ${s.publisher}: ${s.title[lang]}${s.url ? ` — ${s.url}` : ""}`);
    out[lang] = t("case_end.notice", { date: formatDay(purgeDay, lang), sources: lines.join("\n") });
  }
  return out;
}
