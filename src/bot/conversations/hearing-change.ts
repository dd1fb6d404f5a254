import { InlineKeyboard, type Api, type Context } from "grammy";
import { changeIsNews, facts, hearingMoved, type HearingStatus } from "../../case/hearings.js";
import { applyHearingChange, previewChange, type HearingPatch, type SeenHearing } from "../../editorial/hearings.js";
import { previewSources } from "../../editorial/sources.js";
import { hearingChangeReach } from "../../editorial/updates.js";
import type { TFunction } from "../../i18n.js";
import { when } from "../../render/dates.js";
import { renderHearingChanged } from "../../render/notices.js";
import { LANGS, type Lang, type Translated } from "../../shared/lang.js";
import { clip } from "../../shared/text.js";
import { wallClock } from "../../shared/time.js";
import { CV } from "../callback-data.js";
import type { BotDeps } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { holdForReview } from "./broadcast.js";
import { allLangs, MAX_PLACE, prompts } from "./hearing-add.js";
import { askDate, askTime, askTranslated, chooseSource } from "./hearing-input.js";
import { sourceChoices } from "./pickers.js";
import { choose, confirm, type EditorConversation } from "./steps.js";

export const CHANGE_HEARING = "change-hearing";
export const MAX_OUTCOME = 1000;
const MAX_LISTED = 12;

/** What an editor may change in one go. */
export type ChangeKind = "date" | "place" | "postponed" | "cancelled" | "held" | "scheduled";

const shortDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

function statusName(t: TFunction, s: HearingStatus): string {
  return t(`passing.status_${s}`);
}

/** What the editor can do with a hearing in its current state. */
function kindsFor(h: SeenHearing): ChangeKind[] {
  const statuses: ChangeKind[] = ["postponed", "cancelled", "held", "scheduled"];
  return ["date", "place", ...statuses.filter((s) => s !== h.status)];
}

/**
 * Change a hearing: pick it → what changes (date and time, place, or its status: postponed,
 * cancelled, held with its outcome in three languages, back on schedule) → the source → preview of
 * the notice subscribers get → confirm → `changeHearing`.
 */
export function changeHearingConversation(deps: BotDeps, botApi: Api) {
  return async function changeHearingConv(conversation: EditorConversation, ctx: Context): Promise<void> {
    const actorId = ctx.from?.id;
    if (actorId === undefined) return;
    const tz = deps.config.timeZone;
    const env = await conversation.external(async (outside) => {
      const all: SeenHearing[] = (await deps.hearings.all()).map(({ startsAt: _s, upcomingUntil: _u, updatedAt: _d, ...h }) => h);
      return { lang: outside.lang, now: deps.clock.now().toISOString(), username: outside.me.username, hearings: all };
    });
    const lang: Lang = env.lang;
    const t = deps.i18n.t(lang);
    const today = wallClock(new Date(env.now), tz).date;
    if (!env.hearings.length) {
      await ctx.reply(t("editorial.no_hearings"));
      return;
    }

    const list = new InlineKeyboard();
    // The latest ones (by date, upcoming included): a long case's early hearings rarely change.
    const first = Math.max(0, env.hearings.length - MAX_LISTED);
    env.hearings.forEach((h, i) => {
      if (i < first) return;
      if (i > first) list.row();
      list.text(clip(`${shortDate(h.date)} · ${h.title[lang]} (${statusName(t, h.status)})`, 60), `${CV}h:${i}`);
    });
    const seen = await choose(conversation, ctx, t, t("editorial.change_pick"), list, (c) => {
      const m = /^h:(\d+)$/.exec(c);
      return m ? env.hearings[Number(m[1])] : undefined;
    });
    const choices = await conversation.external(() => sourceChoices(deps.content.current(), lang));
    await ctx.reply(
      t("editorial.change_current", {
        title: seen.title[lang],
        when: when(t, seen, lang, tz),
        place: seen.place[lang],
        status: statusName(t, seen.status),
      }),
      { parse_mode: "HTML" },
    );

    for (;;) {
      const kinds = kindsFor(seen);
      const kb = new InlineKeyboard();
      kinds.forEach((k, i) => {
        if (i > 0 && i % 2 === 0) kb.row();
        kb.text(t(`editorial.what_${k}`), `${CV}what:${k}`);
      });
      const kind = await choose(conversation, ctx, t, t("editorial.change_what"), kb, (c) => kinds.find((k) => c === `what:${k}`));

      let patch: HearingPatch;
      if (kind === "date") {
        const date = await askDate(conversation, ctx, t, t("editorial.new_date_prompt"), today);
        const time = await askTime(conversation, ctx, t, t("editorial.time_prompt", { zone: tz }));
        await ctx.reply(t("editorial.read_as", { when: when(t, { date, time }, lang, tz) }), { parse_mode: "HTML" });
        // A new date is a date the hearing is set for: whatever it was (postponed…), it is scheduled again.
        patch = { date, time, status: "scheduled" };
      } else if (kind === "place") {
        patch = { place: await askTranslated(conversation, ctx, t, prompts(t, "place"), { max: MAX_PLACE }) };
      } else if (kind === "held") {
        const outcome = await askTranslated(conversation, ctx, t, prompts(t, "outcome"), { max: MAX_OUTCOME, multiline: true });
        patch = { status: "held", outcome };
      } else patch = { status: kind };

      const next = { ...seen, ...patch };
      if (!hearingMoved(seen, next)) {
        await ctx.reply(t("editorial.change_same"));
        continue;
      }
      const source = await chooseSource(conversation, ctx, t, t("editorial.change_source_prompt"), choices);

      const preview = await conversation.external(async () => {
        const { snapshot, sourceId } = previewSources(deps.content.current(), source);
        const now = deps.clock.now();
        const { before, after } = previewChange(seen, patch, sourceId, tz, now);
        const ahead = changeIsNews(before, after, now, tz);
        const notice = renderHearingChanged(
          { i18n: deps.i18n, snapshot, timeZone: tz, botUsername: env.username, now },
          { subjectVersion: after.version, payload: { before: facts(before), after: facts(after) } },
          after,
          lang,
        );
        return {
          notice: ahead && "html" in notice ? notice : null,
          reach: ahead ? await hearingChangeReach(deps.editorial) : 0,
        };
      });
      if (patch.outcome) await ctx.reply(t("editorial.outcome_preview", { outcome: allLangs(patch.outcome as Translated) }), { parse_mode: "HTML" });
      if (preview.notice) {
        await ctx.reply(t("editorial.change_notice_preview", { n: preview.reach }), { parse_mode: "HTML" });
        await ctx.reply(preview.notice.html, { parse_mode: "HTML", reply_markup: toKeyboard(preview.notice.buttons), link_preview_options: { is_disabled: true } });
      } else await ctx.reply(t("editorial.change_no_notice"));
      const decision = await confirm(conversation, ctx, t, t("editorial.change_confirm", { title: seen.title[lang] }));
      if (decision === "again") continue;

      if (deps.config.review === "required") {
        // Four eyes: held with each language's notice as previewed here, made once approved (review.ts).
        const id = await conversation.external(async () => {
          const { snapshot, sourceId } = previewSources(deps.content.current(), source);
          const now = deps.clock.now();
          const { before, after } = previewChange(seen, patch, sourceId, tz, now);
          const ctxR = { i18n: deps.i18n, snapshot, timeZone: tz, botUsername: env.username, now };
          const previews = changeIsNews(before, after, now, tz)
            ? LANGS.map((l) => {
                const n = renderHearingChanged(ctxR, { subjectVersion: after.version, payload: { before: facts(before), after: facts(after) } }, after, l);
                return { lang: l, html: "html" in n ? n.html : "" };
              })
            : [];
          return holdForReview(deps, botApi, { kind: "hearing", seen, change: { patch, source }, previews }, actorId, env.username);
        });
        await ctx.reply(t("review.held", { id }), { parse_mode: "HTML" });
        return;
      }
      const result = await conversation.external(async () => {
        const r = await applyHearingChange(deps.editorial, seen, { patch, source }, actorId);
        if (r.status === "saved") await deps.content.refresh();
        return r;
      });
      if (result.status === "saved") {
        await ctx.reply(t("editorial.change_saved", { title: seen.title[lang], n: result.notices, version: result.version }), { parse_mode: "HTML" });
        if (patch.status === "held") await ctx.reply(t("editorial.held_hint"));
      } else if (result.status === "changed") await ctx.reply(t("editorial.change_meanwhile"));
      else await ctx.reply(t("editorial.hearing_gone"));
      return;
    }
  };
}
