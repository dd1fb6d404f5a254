import { InlineKeyboard, type Context } from "grammy";
import type { SourcePick } from "../../editorial/sources.js";
import type { TFunction } from "../../i18n.js";
import { LANGS, type Lang, type Translated } from "../../shared/lang.js";
import { CV } from "../callback-data.js";
import type { SourceChoice } from "./pickers.js";
import { askText, askTextOrChoose, choose, type EditorConversation } from "./steps.js";

/** Steps and checks the hearing conversations share: dates, times, texts in three languages, sources. */

export type DateParse = { date: string } | { error: "unreadable" | "impossible" };
export type TimeParse = { time: string } | { error: "unreadable" | "impossible" };

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A calendar date as editors type it: 2026-02-15, or day first as people write in Kazakhstan
 * (15.02.2026, 15/02/2026, 15-02-2026). Day first is never guessed to be month first: the answer is
 * echoed back with its weekday and month name before anything is saved.
 */
export function parseDateInput(input: string): DateParse {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[3]), Number(match[4])];
  else return { error: "unreadable" };
  if (m < 1 || m > 12 || d < 1) return { error: "impossible" };
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return { error: "impossible" };
  return { date: `${y}-${pad(m)}-${pad(d)}` };
}

/**
 * When a source was published: a day as `parseDateInput` reads it, or only a month (02.2026,
 * 2/2026, 2026-02) when the source gives no day. Stored as YYYY-MM-DD or YYYY-MM.
 */
export function parsePublishedInput(input: string): DateParse {
  const day = parseDateInput(input);
  if (!("error" in day) || day.error === "impossible") return day;
  const s = input.trim();
  const iso = /^(\d{4})-(\d{1,2})$/.exec(s);
  const dayFirst = /^(\d{1,2})[./-](\d{4})$/.exec(s);
  if (!iso && !dayFirst) return { error: "unreadable" };
  const [y, m] = iso ? [Number(iso[1]), Number(iso[2])] : [Number(dayFirst![2]), Number(dayFirst![1])];
  if (m < 1 || m > 12) return { error: "impossible" };
  return { date: `${y}-${pad(m)}` };
}

/** A local time on the 24-hour clock: 10:00, 9:30, 10.00. */
export function parseTimeInput(input: string): TimeParse {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(input.trim());
  if (!match) return { error: "unreadable" };
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (h > 23 || m > 59) return { error: "impossible" };
  return { time: `${pad(h)}:${match[2]}` };
}

/** Years an editor may give: a few back (to record what happened) and a few ahead. */
export const YEARS_BACK = 5;
export const YEARS_AHEAD = 5;

export function dateProblem(t: TFunction, input: string, today: string): string | undefined {
  const r = parseDateInput(input);
  if ("error" in r) return t(r.error === "impossible" ? "editorial.date_impossible" : "editorial.date_unreadable", { input });
  const year = Number(today.slice(0, 4));
  const y = Number(r.date.slice(0, 4));
  if (y < year - YEARS_BACK || y > year + YEARS_AHEAD) return t("editorial.date_range", { input, from: year - YEARS_BACK, to: year + YEARS_AHEAD });
  return undefined;
}

/** The date, asked until it is a real one; `today` is the local date (YYYY-MM-DD) read once, outside. */
export async function askDate(conversation: EditorConversation, ctx: Context, t: TFunction, prompt: string, today: string): Promise<string> {
  const text = await askText(conversation, ctx, t, prompt, (s) => dateProblem(t, s, today));
  return (parseDateInput(text) as { date: string }).date;
}

export const NO_TIME = "notime";

/** The time, or null for "time not announced" (a button): a hearing's time is often not given. */
export async function askTime(conversation: EditorConversation, ctx: Context, t: TFunction, prompt: string): Promise<string | null> {
  const kb = new InlineKeyboard().text(t("editorial.time_unknown_button"), `${CV}${NO_TIME}`);
  const r = await askTextOrChoose(
    conversation,
    ctx,
    t,
    prompt,
    kb,
    (c) => (c === NO_TIME ? null : undefined),
    (s) => {
      const p = parseTimeInput(s);
      return "error" in p ? t(p.error === "impossible" ? "editorial.time_impossible" : "editorial.time_unreadable", { input: s }) : undefined;
    },
  );
  return r.text !== undefined ? (parseTimeInput(r.text) as { time: string }).time : null;
}

export function lineProblem(t: TFunction, text: string, max: number, multiline = false): string | undefined {
  if (!text) return t("conv.send_text");
  if (text.length > max) return t("conv.too_long", { max, count: text.length });
  if (!multiline && /\n/.test(text)) return t("editorial.one_line");
  return undefined;
}

/**
 * A text in en, kk and ru, one language at a time; `preset` offers a button that fills all three
 * at once (the place of the last hearing, the usual title).
 */
export async function askTranslated(
  conversation: EditorConversation,
  ctx: Context,
  t: TFunction,
  prompts: Record<Lang, string>,
  opts: { max: number; multiline?: boolean; preset?: { label: string; value: Translated } },
): Promise<Translated> {
  const check = (s: string) => lineProblem(t, s, opts.max, opts.multiline);
  const out: Partial<Translated> = {};
  for (const lang of LANGS) {
    if (lang === "en" && opts.preset) {
      const preset = opts.preset;
      const r = await askTextOrChoose(
        conversation,
        ctx,
        t,
        prompts.en,
        new InlineKeyboard().text(preset.label, `${CV}preset`),
        (c) => (c === "preset" ? preset.value : undefined),
        check,
      );
      if (r.choice) return r.choice;
      out.en = r.text;
      continue;
    }
    out[lang] = await askText(conversation, ctx, t, prompts[lang], check);
  }
  return out as Translated;
}

export function urlProblem(t: TFunction, s: string): string | undefined {
  try {
    const u = new URL(s);
    if ((u.protocol === "https:" || u.protocol === "http:") && u.hostname.includes(".") && s.length <= 500 && !/\s/.test(s)) return undefined;
  } catch {
    // not a URL at all
  }
  return t("editorial.url_bad");
}

/** Every new fact names its source: one on record, or a new one given by its link. */
export async function chooseSource(
  conversation: EditorConversation,
  ctx: Context,
  t: TFunction,
  prompt: string,
  choices: SourceChoice[],
): Promise<SourcePick> {
  const kb = new InlineKeyboard();
  choices.slice(0, 8).forEach((s, i) => kb.text(s.label, `${CV}src:${i}`).row());
  kb.text(t("editorial.new_source_button"), `${CV}src:new`);
  const picked = await choose(conversation, ctx, t, prompt, kb, (c) => {
    if (c === "src:new") return "new" as const;
    const m = /^src:(\d+)$/.exec(c);
    return m ? choices[Number(m[1])]?.id : undefined;
  });
  if (picked !== "new") return { id: picked };
  const url = await askText(conversation, ctx, t, t("editorial.source_url_prompt"), (s) => urlProblem(t, s));
  const publisher = await askText(conversation, ctx, t, t("editorial.source_publisher_prompt"), (s) => lineProblem(t, s, 100));
  const title = await askText(conversation, ctx, t, t("editorial.source_title_prompt"), (s) => lineProblem(t, s, 300));
  const typed = await askText(conversation, ctx, t, t("editorial.source_published_prompt"), (s) => {
    const p = parsePublishedInput(s);
    return "error" in p ? t(p.error === "impossible" ? "editorial.published_impossible" : "editorial.published_unreadable", { input: s }) : undefined;
  });
  return { add: { url, publisher, title, published: (parsePublishedInput(typed) as { date: string }).date } };
}
