import { audit } from "../db/audit.js";
import { enqueueForSubscribers, reach, reachByLang } from "../db/notices.js";
import { createUpdatesRepo } from "../db/updates.js";
import type { Executor } from "../db/client.js";
import type { PartialTranslated } from "../shared/lang.js";
import type { EditorialDeps } from "./deps.js";

/** What an editor writes: English always, Kazakh and Russian unless skipped on purpose. */
export interface UpdateDraft {
  body: PartialTranslated;
  sourceUrl: string | null;
}

/** How many chats a published update reaches, by the language they will read it in. */
export const updateReach = (deps: Pick<EditorialDeps, "database">) => reachByLang(deps.database.db, "updates");
/** How many chats hear of a new hearing date. */
export const newHearingReach = (deps: Pick<EditorialDeps, "database">) => reach(deps.database.db, "reminders");
/** How many chats hear of a hearing's change. */
export const hearingChangeReach = (deps: Pick<EditorialDeps, "database">) => reach(deps.database.db, "reminders_or_updates");

/** Published updates go to every active chat subscribed to updates, in one statement. */
export function enqueueUpdate(ex: Executor, updateId: number, now: Date): Promise<number> {
  return enqueueForSubscribers(ex, { audience: "updates", kind: "update", subjectId: String(updateId), version: 1, now });
}

/**
 * Publishes a case update: the row, one set-based INSERT … SELECT of its outbox rows (every active
 * chat with updates on) and the editor's audit row, in one transaction. The sender renders each
 * chat's copy in its language when it sends it.
 */
export async function publishUpdate(deps: EditorialDeps, draft: UpdateDraft, actorId: number): Promise<{ id: number; queued: number }> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const id = await createUpdatesRepo(tx).insert({ body: draft.body, sourceUrl: draft.sourceUrl, publishedAt: now, createdBy: actorId });
    const queued = await enqueueUpdate(tx, id, now);
    await audit(tx, {
      actorId,
      action: "update.publish",
      subject: `update/${id}`,
      after: { text: draft.body.en, languages: Object.keys(draft.body), sourceUrl: draft.sourceUrl, queued },
      at: now,
    });
    return { id, queued };
  });
}
