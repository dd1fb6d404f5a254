import { audit } from "../db/audit.js";
import { countCopies, enqueueDeletes, enqueueEdits, followUpProgress, type CopyCounts } from "../db/copies.js";
import { createUpdatesRepo, type UpdateRow } from "../db/updates.js";
import { LANGS, type Lang, type PartialTranslated } from "../shared/lang.js";
import type { EditorialDeps } from "./deps.js";

/**
 * What editors do to an update after it went out: correct it (every delivered copy edited in
 * place and marked "corrected"), add a translation that was not ready (the copies of that
 * language's readers edited into it), or retract it (copies deleted, or a notice where Telegram
 * no longer allows that). Copies still queued go out as the update reads when they are sent. Each
 * is one transaction with its audit row; the outbox does the sending (delivery/edits.ts).
 */

export interface FollowUpResult {
  revision: number;
  /** Delivered copies queued for an edit or a delete. */
  changed: number;
  /** Copies not sent yet: they go out as the update now reads (or, retracted, not at all). */
  queued: number;
}

export const copies = (deps: Pick<EditorialDeps, "database">, updateId: number, lang?: Lang): Promise<CopyCounts> => countCopies(deps.database.db, updateId, lang);

/** How the edits or deletes of a revision went, for the editor's status message. */
export const followUps = (deps: Pick<EditorialDeps, "database">, updateId: number, kind: "update_edit" | "update_delete", revision: number) =>
  followUpProgress(deps.database.db, updateId, kind, revision);

/** Updates still lacking a language, newest first, with the languages they lack. */
export async function untranslated(deps: Pick<EditorialDeps, "database">): Promise<Array<{ update: UpdateRow; missing: Lang[] }>> {
  const all = await createUpdatesRepo(deps.database.db).published();
  return all.map((u) => ({ update: u, missing: LANGS.filter((l) => u.body[l] === undefined) })).filter((x) => x.missing.length > 0);
}

export class UpdateGone extends Error {
  constructor(readonly updateId: number) {
    super(`update ${updateId} is gone or retracted`);
  }
}

/** A correction: the new text in any language; every delivered copy is edited and marked corrected. */
export async function correctUpdate(deps: EditorialDeps, c: { updateId: number; body: PartialTranslated }, actorId: number): Promise<FollowUpResult> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const repo = createUpdatesRepo(tx);
    const before = await repo.get(c.updateId);
    const row = await repo.revise(c.updateId, c.body, now);
    if (!before || !row) throw new UpdateGone(c.updateId);
    const changed = await enqueueEdits(tx, { updateId: row.id, revision: row.revision, now });
    const { queued } = await countCopies(tx, row.id);
    await audit(tx, { actorId, action: "update.correct", subject: `update/${row.id}`, before: { body: before.body }, after: { body: row.body, revision: row.revision, edits: changed, queued }, at: now });
    return { revision: row.revision, changed, queued };
  });
}

/** A translation added later: only the copies of that language's readers are edited into it. */
export async function translateUpdate(deps: EditorialDeps, t: { updateId: number; lang: Exclude<Lang, "en">; text: string }, actorId: number): Promise<FollowUpResult> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const repo = createUpdatesRepo(tx);
    const before = await repo.get(t.updateId);
    if (!before || before.retractedAt) throw new UpdateGone(t.updateId);
    const row = (await repo.revise(t.updateId, { ...before.body, [t.lang]: t.text }, null))!;
    const changed = await enqueueEdits(tx, { updateId: row.id, revision: row.revision, now, lang: t.lang });
    const { queued } = await countCopies(tx, row.id, t.lang);
    await audit(tx, { actorId, action: "update.translate", subject: `update/${row.id}`, after: { lang: t.lang, text: t.text, revision: row.revision, edits: changed }, at: now });
    return { revision: row.revision, changed, queued };
  });
}

/** A retraction: queued copies dropped, delivered ones deleted (or followed by a short notice). */
export async function retractUpdate(deps: EditorialDeps, r: { updateId: number; reason: string }, actorId: number): Promise<FollowUpResult> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const { queued } = await countCopies(tx, r.updateId);
    const row = await createUpdatesRepo(tx).retract(r.updateId, now);
    if (!row) throw new UpdateGone(r.updateId);
    const changed = await enqueueDeletes(tx, { updateId: row.id, revision: row.revision, now });
    await audit(tx, { actorId, action: "update.retract", subject: `update/${row.id}`, before: { body: row.body }, after: { reason: r.reason, deletes: changed, dropped: queued }, at: now });
    return { revision: row.revision, changed, queued };
  });
}
