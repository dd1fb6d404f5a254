/** The editors' screens: audit lines, publish progress, /stats and /unanswered. */
import type { AuditRow } from "../db/schema.js";
import type { Stats } from "../db/stats.js";
import type { UnansweredGroup } from "../db/unanswered.js";
import type { UpdateProgress } from "../db/updates.js";
import type { TFunction } from "../i18n.js";
import { escapeHtml } from "../shared/html.js";
import { LOCALE_TAGS, type Lang } from "../shared/lang.js";
import { clip } from "../shared/text.js";
import { wallClock } from "../shared/time.js";

/** "1,240" in English, "1 240" in Kazakh and Russian. */
export function formatCount(lang: Lang, n: number): string {
  return new Intl.NumberFormat(LOCALE_TAGS[lang]).format(n);
}

/** The editor's status message: published, and how far sending got ("sent 1,240 of 3,100"). */
export function progressText(t: TFunction, lang: Lang, updateId: number, p: UpdateProgress, done: boolean): string {
  const n = (x: number) => formatCount(lang, x);
  const line = done
    ? t("editorial.progress_done", { sent: n(p.sent), total: n(p.total), failed: n(p.failed) })
    : t("editorial.progress", { sent: n(p.sent), total: n(p.total) });
  return [t("editorial.published", { id: updateId }), line].join("\n");
}

export function auditLine(r: AuditRow, timeZone: string): string {
  const { date, time } = wallClock(r.at, timeZone);
  const head = `• ${date} ${time} · <code>${r.actorId ?? r.actorToken ?? "—"}</code> · <b>${escapeHtml(r.action)}</b>${r.subject ? ` · ${escapeHtml(r.subject)}` : ""}`;
  const change = [r.before, r.after].some((v) => v !== null && v !== undefined)
    ? `\n  ${escapeHtml(summarize(r.before))} → ${escapeHtml(summarize(r.after))}`
    : "";
  return head + change;
}

/** A change in one short line: the text when there is one, else the value as JSON. */
function summarize(v: unknown): string {
  if (v === null || v === undefined) return "—";
  const s = typeof v === "object" && v !== null && "text" in v ? `«${String((v as { text: unknown }).text)}»` : JSON.stringify(v);
  return clip(s.replace(/\s+/g, " "), 90);
}

export function statsText(t: TFunction, s: Stats): string {
  const total = s.subscribers.reduce((a, r) => a + r.n, 0);
  const lines = [t("editors.stats_header"), "", t("editors.stats_subscribers", { count: total })];
  for (const r of s.subscribers) {
    lines.push(t("editors.stats_row", { lang: r.lang ? r.lang : t("editors.stats_lang_unset"), type: t(`editors.chat_${r.type}`), n: r.n }));
  }
  lines.push("", t("editors.stats_deliveries", s.deliveries));
  if (s.latestUpdate) lines.push(t("editors.stats_update", { ...s.latestUpdate, count: s.latestUpdate.total }));
  if (s.edits.edited || s.edits.refused || s.edits.pending) lines.push(t("editors.stats_edits", s.edits));
  lines.push("", t("editors.stats_unanswered", s.unanswered));
  return lines.join("\n");
}

const MAX_SHOWN_CHARS = 200;
/** Telegram takes 4096 characters: the newest that fit. */
const UNANSWERED_BUDGET = 3600;

export function unansweredText(t: TFunction, rows: readonly UnansweredGroup[], timeZone: string): string {
  const lines = rows.map((r) => {
    const when = wallClock(r.last, timeZone).date;
    const times = r.n > 1 ? ` ×${r.n}` : "";
    return `• <i>${escapeHtml(r.lang)}</i> · ${when}${times}\n${escapeHtml(clip(r.text, MAX_SHOWN_CHARS))}`;
  });
  const shown: string[] = [];
  let size = 0;
  for (const l of lines) {
    if (size + l.length > UNANSWERED_BUDGET) break;
    shown.push(l);
    size += l.length + 1;
  }
  return [t("editors.unanswered_header", { n: shown.length }), ...shown, "", t("editors.unanswered_hint")].join("\n");
}
