import { InlineKeyboard, type Api, type Context } from "grammy";
import { copies, untranslated } from "../../editorial/corrections.js";
import { perform, type Broadcast } from "../../editorial/review.js";
import { formatCount } from "../../render/editorial.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { escapeHtml } from "../../shared/html.js";
import { LANGS, type Lang } from "../../shared/lang.js";
import { clip } from "../../shared/text.js";
import { wallClock } from "../../shared/time.js";
import { CV } from "../callback-data.js";
import type { BotDeps } from "../context.js";
import { holdForReview, previewBroadcast, reportPerformed, sendPreviews } from "./broadcast.js";
import { lineProblem } from "./hearing-input.js";
import { MAX_UPDATE } from "./publish-update.js";
import { askText, choose, type EditorConversation } from "./steps.js";

export const CORRECT_UPDATE = "correct-update";
export const TRANSLATE_UPDATE = "translate-update";
export const RETRACT_UPDATE = "retract-update";

type Mode = "correct" | "translate" | "retract";

interface Pickable {
  id: number;
  label: string;
  body: Partial<Record<Lang, string>> & { en: string };
  missing: Lang[];
}

/**
 * What editors do to an update after it went out, one conversation for the three: pick the
 * update → (correct) a language and its new text / (translate) a missing language and its text /
 * (retract) a reason → the exact preview per language → a confirmation naming how many delivered
 * copies change and how many queued ones go out as it now reads → the outbox, or a review.
 */
export function fixUpdateConversation(deps: BotDeps, api: Api, mode: Mode) {
  return async function fixUpdateConv(conversation: EditorConversation, ctx: Context): Promise<void> {
    const actorId = ctx.from?.id;
    const chatId = ctx.chatId;
    if (actorId === undefined || chatId === undefined) return;
    const env = await conversation.external((outside) => ({ lang: outside.lang, username: outside.me.username }));
    const lang = env.lang;
    const t = deps.i18n.t(lang);
    const n = (x: number) => formatCount(lang, x);

    const list: Pickable[] = await conversation.external(async () => {
      const rows = mode === "translate" ? await untranslated(deps.editorial) : (await deps.updates.published()).map((u) => ({ update: u, missing: LANGS.filter((l) => u.body[l] === undefined) }));
      return rows.slice(0, 8).map(({ update: u, missing }) => ({
        id: u.id,
        body: u.body,
        missing,
        label: clip(`#${u.id} · ${wallClock(u.publishedAt, deps.config.timeZone).date} · ${u.body.en}`, 60),
      }));
    });
    if (!list.length) {
      await ctx.reply(t(`fix.none_${mode}`));
      return;
    }
    const kb = new InlineKeyboard();
    for (const u of list) kb.text(u.label, `${CV}u:${u.id}`).row();
    const picked = await choose(conversation, ctx, t, t(`fix.pick_${mode}`), kb, (c) => list.find((u) => c === `u:${u.id}`));

    for (;;) {
      let b: Broadcast;
      if (mode === "retract") {
        const reason = await askText(conversation, ctx, t, t("fix.reason_prompt", { id: picked.id }), (s) => lineProblem(t, s, 300));
        b = { kind: "retract", updateId: picked.id, reason };
      } else {
        const offered = mode === "translate" ? picked.missing : [...LANGS];
        const lk = new InlineKeyboard();
        for (const l of offered) lk.text(LANGUAGE_NAMES[l], `${CV}lang:${l}`);
        const l = await choose(conversation, ctx, t, t(`fix.lang_${mode}`, { id: picked.id }), lk, (c) => offered.find((x) => c === `lang:${x}`));
        const current = picked.body[l];
        if (current !== undefined) await ctx.reply(t("fix.current", { language: LANGUAGE_NAMES[l], text: escapeHtml(current) }), { parse_mode: "HTML" });
        const text = await askText(conversation, ctx, t, t("fix.text_prompt", { language: LANGUAGE_NAMES[l] }), (s) => lineProblem(t, s, MAX_UPDATE, true));
        b = mode === "translate" ? { kind: "translate", updateId: picked.id, lang: l as Exclude<Lang, "en">, text } : { kind: "correct", updateId: picked.id, body: { ...picked.body, [l]: text } };
      }

      const seen = await conversation.external(async () => {
        const previews = await previewBroadcast(deps, b, env.username);
        const counts = await copies(deps.editorial, picked.id, b.kind === "translate" ? b.lang : undefined);
        if (previews) {
          await api.sendMessage(chatId, t("fix.preview_intro"), { parse_mode: "HTML" });
          await sendPreviews(api, chatId, t, previews);
        }
        return { gone: !previews, counts };
      });
      if (seen.gone) {
        await ctx.reply(t("fix.gone", { id: picked.id }));
        return;
      }
      const { delivered, queued } = seen.counts;
      const question = t(`fix.confirm_${mode}`, { id: picked.id, delivered: n(delivered), queued: n(queued) });
      const go = new InlineKeyboard().text(t(`fix.go_${mode}`, { n: n(delivered) }), `${CV}go`).text(t("conv.again_button"), `${CV}again`);
      const decision = await choose(conversation, ctx, t, question, go, (c) => (c === "go" || c === "again" ? c : undefined));
      if (decision === "again") continue;

      await conversation.external(async () => {
        if (deps.config.review === "required") {
          const id = await holdForReview(deps, api, b, actorId, env.username);
          await api.sendMessage(chatId, t("review.held", { id }), { parse_mode: "HTML" });
          return;
        }
        try {
          await reportPerformed(deps, api, chatId, lang, await perform(deps.editorial, b, actorId));
        } catch (err) {
          deps.logger.warn({ err, update: picked.id }, "a change to an update could not be made");
          await api.sendMessage(chatId, t("fix.gone", { id: picked.id }));
        }
      });
      return;
    }
  };
}
