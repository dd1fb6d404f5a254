import type { Api } from "grammy";
import { followUps } from "../../editorial/corrections.js";
import { submitForReview, type Broadcast, type Performed } from "../../editorial/review.js";
import type { TFunction } from "../../i18n.js";
import { formatCount } from "../../render/editorial.js";
import { LANGUAGE_NAMES } from "../../render/languages.js";
import { renderRetraction, renderUpdate, type UpdateNotice } from "../../render/notices.js";
import { escapeHtml } from "../../shared/html.js";
import { LANGS, type Lang } from "../../shared/lang.js";
import type { BotDeps } from "../context.js";
import { toKeyboard } from "../keyboards.js";
import { telegramPort } from "../telegram-port.js";

/**
 * What the editors' broadcasts share: the exact preview per language (the sender's own renderers),
 * the hold for review when REVIEW=required, and, once made, the status message kept current.
 */

export interface LangPreview {
  lang: Lang;
  html: string;
}

/** Each language's copy as readers will get it once the broadcast is made; undefined: the update is gone. */
export async function previewBroadcast(deps: BotDeps, b: Broadcast, username: string): Promise<LangPreview[] | undefined> {
  if (b.kind === "hearing") return b.previews;
  const now = deps.clock.now();
  const current = b.kind === "publish" ? undefined : await deps.updates.get(b.updateId);
  if (b.kind !== "publish" && (!current || current.retractedAt)) return undefined;
  const u: UpdateNotice =
    b.kind === "publish"
      ? { id: 0, body: b.body, sourceUrl: b.sourceUrl, publishedAt: now }
      : b.kind === "correct"
        ? { ...current!, body: b.body, correctedAt: now }
        : b.kind === "translate"
          ? { ...current!, body: { ...current!.body, [b.lang]: b.text } }
          : current!;
  const ctxR = { i18n: deps.i18n, snapshot: deps.content.current(), timeZone: deps.config.timeZone, botUsername: username, now };
  const langs = b.kind === "translate" ? [b.lang] : LANGS;
  return langs.map((lang) => {
    const r = b.kind === "retract" ? renderRetraction(ctxR, u, lang) : renderUpdate(ctxR, u, lang);
    return { lang, html: "html" in r ? r.html : "" };
  });
}

/** Sends the previews, one message per language, headed by its name. */
export async function sendPreviews(api: Api, chatId: number, t: TFunction, previews: LangPreview[]): Promise<void> {
  for (const p of previews) {
    await api.sendMessage(chatId, t("fix.preview_lang", { language: LANGUAGE_NAMES[p.lang] }), { parse_mode: "HTML" });
    await api.sendMessage(chatId, p.html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  }
}

/** Everyone who can review: owners and editors, but never the author. */
async function reviewers(deps: BotDeps, authorId: number): Promise<number[]> {
  const ids = new Set([...deps.config.adminIds, ...(await deps.editors.list()).map((e) => e.userId)]);
  ids.delete(authorId);
  return [...ids];
}

async function langOf(deps: BotDeps, chatId: number): Promise<Lang> {
  return (await deps.chats.get(chatId))?.language ?? "en";
}

/**
 * REVIEW=required: the broadcast is stored, not made; every other editor gets its exact preview
 * and Approve / Reject. Returns the review's number for the author's message.
 */
export async function holdForReview(deps: BotDeps, api: Api, b: Broadcast, authorId: number, username: string): Promise<number> {
  const review = await submitForReview(deps.editorial, b, authorId);
  const previews = (await previewBroadcast(deps, b, username)) ?? [];
  for (const id of await reviewers(deps, authorId)) {
    const lang = await langOf(deps, id);
    const t = deps.i18n.t(lang);
    try {
      const what = t(`review.kind_${b.kind}`, { update: "updateId" in b ? b.updateId : "", title: b.kind === "hearing" ? escapeHtml(b.seen.title[lang]) : "" });
      await api.sendMessage(id, t("review.asked", { id: review.id, author: authorId, what }), { parse_mode: "HTML" });
      await sendPreviews(api, id, t, previews);
      const buttons = toKeyboard([
        [
          { text: t("review.approve_button"), action: { kind: "review", review: review.id, verb: "approve" } },
          { text: t("review.reject_button"), action: { kind: "review", review: review.id, verb: "reject" } },
        ],
      ]);
      await api.sendMessage(id, t("review.decide", { id: review.id }), { parse_mode: "HTML", reply_markup: buttons });
    } catch (err) {
      deps.logger.warn({ err, review: review.id }, "could not ask a reviewer");
    }
  }
  return review.id;
}

/** Tells a chat how a made broadcast goes, in one status message kept current until the outbox is done. */
export async function reportPerformed(deps: BotDeps, api: Api, chatId: number, lang: Lang, p: Performed): Promise<void> {
  const t = deps.i18n.t(lang);
  const n = (x: number) => formatCount(lang, x);
  if (p.kind === "publish") {
    await api.sendMessage(chatId, t("editorial.published", { id: p.updateId }), { parse_mode: "HTML" });
    return;
  }
  if (p.kind === "hearing") {
    const r = p.result;
    if (r.status === "saved") await deps.content.refresh();
    const text = r.status === "saved" ? t("editorial.change_saved", { title: escapeHtml(p.title), n: r.notices, version: r.version }) : t(r.status === "changed" ? "editorial.change_meanwhile" : "editorial.hearing_gone");
    await api.sendMessage(chatId, text, { parse_mode: "HTML" });
    return;
  }
  const followKind = p.kind === "retract" ? "update_delete" : "update_edit";
  const format = (x: { sent: number; pending: number; failed: number; total: number }, done: boolean) =>
    t(done ? `fix.progress_done_${p.kind}` : `fix.progress_${p.kind}`, { id: p.updateId, sent: n(x.sent), total: n(x.total), failed: n(x.failed), queued: n(p.queued) });
  const first = format({ sent: 0, pending: p.changed, failed: 0, total: p.changed }, p.changed === 0);
  const status = await api.sendMessage(chatId, first, { parse_mode: "HTML" });
  if (p.changed > 0) {
    deps.progress.watch(telegramPort(api), { chatId, messageId: status.message_id, updateId: p.updateId, read: () => followUps(deps.editorial, p.updateId, followKind, p.revision), format }, first);
  }
}

