import type { Context } from "grammy";
import { facts, isUpcoming } from "../../case/hearings.js";
import { addHearing, draftHearing, type NewHearing } from "../../editorial/hearings.js";
import { previewSources } from "../../editorial/sources.js";
import { newHearingReach } from "../../editorial/updates.js";
import type { TFunction } from "../../i18n.js";
import { when } from "../../render/dates.js";
import { renderHearingChanged } from "../../render/notices.js";
import { sourceCitation } from "../../render/sources.js";
import { escapeHtml } from "../../shared/html.js";
import { LANGS, type Lang, type Translated } from "../../shared/lang.js";
import { clip } from "../../shared/text.js";
import { wallClock } from "../../shared/time.js";
import type { BotDeps } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { askDate, askTime, askTranslated, chooseSource } from "./hearing-input.js";
import { sourceChoices } from "./pickers.js";
import { confirm, type EditorConversation } from "./steps.js";

export const ADD_HEARING = "add-hearing";
export const MAX_PLACE = 200;
export const MAX_TITLE = 200;

/** "en: Taldykorgan · kk: Талдықорған · ru: Талдыкорган", escaped: the editor checks all three at once. */
export const allLangs = (v: Translated) => LANGS.map((l) => `${l}: ${escapeHtml(v[l])}`).join(" · ");

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
      const whenLine = when(t, { date, time }, lang, tz);
      const news = isUpcoming({ date, time, status: "scheduled" }, new Date(env.now), tz);
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
        const row = draftHearing(draft, sourceId, tz, now);
        const notice = renderHearingChanged(
          { i18n: deps.i18n, snapshot, timeZone: tz, botUsername: env.username, now },
          { subjectVersion: 1, payload: { after: facts(row) } },
          row,
          lang,
        );
        return {
          source: sourceCitation(snapshot, [sourceId], lang),
          notice: "html" in notice ? notice : null,
          reach: news ? await newHearingReach(deps.editorial) : 0,
        };
      });
      await ctx.reply(
        t("editorial.hearing_preview", { when: whenLine, place: allLangs(place), title: allLangs(title), source: preview.source }),
        { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      );
      if (preview.notice) {
        await ctx.reply(t("editorial.new_notice_preview", { n: preview.reach }), { parse_mode: "HTML" });
        await ctx.reply(preview.notice.html, { parse_mode: "HTML", reply_markup: toKeyboard(preview.notice.buttons), link_preview_options: { is_disabled: true } });
      } else await ctx.reply(t("editorial.no_notice_past"));
      const decision = await confirm(conversation, ctx, t, t("editorial.add_confirm"));
      if (decision === "again") continue;

      const saved = await conversation.external(async () => {
        const r = await addHearing(deps.editorial, draft, actorId);
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
