import type { Context } from "grammy";
import { LANGS, type Lang, type Translated } from "../../content/schema.js";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import type { Hearing } from "../../db/hearings.js";
import { hearings } from "../../db/schema.js";
import { renderHearingChanged } from "../../delivery/render.js";
import { facts } from "../../delivery/reschedule.js";
import { newHearingIsNews, newHearingReach, notifyNewHearing } from "../../delivery/updates.js";
import { escapeHtml } from "../../html.js";
import type { TFunction } from "../../i18n.js";
import { wallClock, zonedToUtc } from "../../time.js";
import type { BotDeps } from "../context.js";
import { sourceCitation } from "../render/sources.js";
import { bumpRevision } from "./content-edits.js";
import {
  askDate,
  askTime,
  askTranslated,
  chooseSource,
  previewSources,
  sourceChoices,
  storeSource,
  whenText,
  type SourcePick,
} from "./hearing-input.js";
import { confirm, type EditorConversation } from "./steps.js";

export const ADD_HEARING = "add-hearing";
export const MAX_PLACE = 200;
export const MAX_TITLE = 200;

export interface NewHearing {
  date: string;
  time: string | null;
  place: Translated;
  title: Translated;
  source: SourcePick;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** "en: Taldykorgan · kk: Талдықорған · ru: Талдыкорган", escaped: the editor checks all three at once. */
export const allLangs = (v: Translated) => LANGS.map((l) => `${l}: ${escapeHtml(v[l])}`).join(" · ");

/**
 * Stores a new hearing in one transaction: its source if new, the hearing (version 1), the
 * content revision bumped (every instance refreshes), the "a hearing date is set" notice to chats
 * with reminders on, and the audit rows. The id is `hearing-<date>`, made unique.
 */
export async function addHearing(
  db: Db,
  h: NewHearing,
  opts: { actorId: number; now: Date; timeZone: string },
): Promise<{ hearing: Hearing; notices: number; revision: number }> {
  return db.transaction(async (tx) => {
    const today = wallClock(opts.now, opts.timeZone).date;
    const sourceId = await storeSource(tx, h.source, { actorId: opts.actorId, at: opts.now, today });
    const taken = new Set((await tx.select({ id: hearings.id }).from(hearings)).map((r) => r.id));
    let id = `hearing-${h.date}`;
    for (let i = 2; taken.has(id); i++) id = `hearing-${h.date}-${i}`;
    const [row] = await tx
      .insert(hearings)
      .values({
        id,
        date: h.date,
        time: h.time,
        startsAt: zonedToUtc(h.date, h.time, opts.timeZone),
        title: h.title,
        place: h.place,
        status: "scheduled",
        sourceIds: [sourceId],
        version: 1,
        updatedAt: opts.now,
      })
      .returning();
    const hearing = row!;
    const revision = await bumpRevision(tx, opts.now);
    const notices = await notifyNewHearing(tx, hearing, { now: opts.now, timeZone: opts.timeZone });
    await audit(tx, {
      actorId: opts.actorId,
      action: "hearing.add",
      subject: id,
      after: { text: `${h.date} ${h.time ?? "--:--"}, ${h.place.en}: ${h.title.en}`, ...facts(hearing), title: h.title, sourceIds: [sourceId], notices },
      at: opts.now,
    });
    return { hearing, notices, revision };
  });
}

/** The hearing as it would be stored, for the preview (nothing is written). */
function draftRow(h: NewHearing, sourceId: string, timeZone: string, now: Date): Hearing {
  return {
    id: "preview",
    date: h.date,
    time: h.time,
    startsAt: zonedToUtc(h.date, h.time, timeZone),
    title: h.title,
    place: h.place,
    status: "scheduled",
    outcome: null,
    sourceIds: [sourceId],
    review: null,
    version: 1,
    updatedAt: now,
  };
}

/**
 * Add a hearing: date → time (or "not announced") → place and title in en/kk/ru → source → preview
 * (the date read back with weekday and zone, and the notice subscribers will get) → confirm.
 */
export function addHearingConversation(deps: BotDeps) {
  return async function addHearingConv(conversation: EditorConversation, ctx: Context): Promise<void> {
    const actorId = ctx.from?.id;
    if (actorId === undefined) return;
    const tz = deps.config.timeZone;
    const env = await conversation.external(async (outside) => {
      const all = await deps.hearings.all();
      return {
        lang: outside.lang,
        now: deps.clock.now().toISOString(),
        username: outside.me.username,
        lastPlace: all.at(-1)?.place ?? null,
      };
    });
    const lang: Lang = env.lang;
    const t = deps.i18n.t(lang);
    const today = wallClock(new Date(env.now), tz).date;
    const choices = await conversation.external(() => sourceChoices(deps.content.current(), lang));
    const defaultTitle = Object.fromEntries(LANGS.map((l) => [l, deps.i18n.t(l)("editorial.default_title")])) as Translated;

    await ctx.reply(t("editorial.add_intro", { zone: tz }), { parse_mode: "HTML" });
    for (;;) {
      const date = await askDate(conversation, ctx, t, t("editorial.date_prompt"), today);
      const time = await askTime(conversation, ctx, t, t("editorial.time_prompt", { zone: tz }));
      const whenLine = whenText(t, lang, date, time, tz);
      const news = newHearingIsNews({ date, time, status: "scheduled" }, new Date(env.now), tz);
      await ctx.reply([t("editorial.read_as", { when: whenLine }), news ? null : t("editorial.date_past")].filter(Boolean).join("\n"), {
        parse_mode: "HTML",
      });

      const place = await askTranslated(conversation, ctx, t, prompts(t, "place"), {
        max: MAX_PLACE,
        preset: env.lastPlace ? { label: t("editorial.same_place_button", { place: clip(env.lastPlace[lang], 40) }), value: env.lastPlace } : undefined,
      });
      const title = await askTranslated(conversation, ctx, t, prompts(t, "title"), {
        max: MAX_TITLE,
        preset: { label: t("editorial.default_title_button", { title: defaultTitle[lang] }), value: defaultTitle },
      });
      const source = await chooseSource(conversation, ctx, t, t("editorial.source_prompt"), choices);
      const draft: NewHearing = { date, time, place, title, source };

      const preview = await conversation.external(async () => {
        const { snapshot, sourceId } = previewSources(deps.content.current(), source);
        const now = deps.clock.now();
        const row = draftRow(draft, sourceId, tz, now);
        const notice = renderHearingChanged(
          { i18n: deps.i18n, snapshot, timeZone: tz, botUsername: env.username, now },
          { subjectVersion: 1, payload: { after: facts(row) } },
          row,
          lang,
        );
        return {
          source: sourceCitation(snapshot, [sourceId], lang),
          notice: "text" in notice ? { text: notice.text, keyboard: notice.keyboard } : null,
          reach: news ? await newHearingReach(deps.database.db) : 0,
        };
      });
      await ctx.reply(
        t("editorial.hearing_preview", { when: whenLine, place: allLangs(place), title: allLangs(title), source: preview.source }),
        { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      );
      if (preview.notice) {
        await ctx.reply(t("editorial.new_notice_preview", { n: preview.reach }), { parse_mode: "HTML" });
        await ctx.reply(preview.notice.text, { parse_mode: "HTML", reply_markup: preview.notice.keyboard, link_preview_options: { is_disabled: true } });
      } else await ctx.reply(t("editorial.no_notice_past"));
      const decision = await confirm(conversation, ctx, t, t("editorial.add_confirm"));
      if (decision === "again") continue;

      const saved = await conversation.external(async () => {
        const r = await addHearing(deps.database.db, draft, { actorId, now: deps.clock.now(), timeZone: tz });
        await deps.content.refresh();
        return { id: r.hearing.id, notices: r.notices, revision: r.revision };
      });
      await ctx.reply(t("editorial.hearing_added", { when: whenLine, id: saved.id, n: saved.notices }), { parse_mode: "HTML" });
      return;
    }
  };
}

export function prompts(t: TFunction, what: "place" | "title" | "outcome"): Record<Lang, string> {
  return { en: t(`editorial.${what}_prompt_en`), kk: t(`editorial.${what}_prompt_kk`), ru: t(`editorial.${what}_prompt_ru`) };
}
