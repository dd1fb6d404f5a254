import { audit } from "../db/audit.js";
import type { Database } from "../db/client.js";
import { createEditorsRepo } from "../db/editors.js";
import type { EditorRow } from "../db/schema.js";
import type { Clock } from "../shared/time.js";

/** How long another instance may take to see an editor added or removed. */
export const EDITORS_CACHE_MS = 10_000;

/**
 * Editors an owner added with /editors (owners themselves live in config, ADMIN_IDS). Every
 * private update asks whether its sender is an editor, so the few ids are held in memory for a
 * few seconds rather than queried each time; a change on this instance is seen at once.
 */
export function createEditorDirectory(deps: { database: Database; clock: Clock }, cacheMs = EDITORS_CACHE_MS) {
  const repo = createEditorsRepo(deps.database.db);
  let ids: Set<number> | undefined;
  let loadedAt = 0;
  const forget = () => {
    ids = undefined;
  };
  return {
    list: (): Promise<EditorRow[]> => repo.list(),
    /** Drops the cached ids: an editor was removed outside add/remove (their own /forget). */
    refresh: forget,
    async isEditor(userId: number): Promise<boolean> {
      if (!ids || performance.now() - loadedAt > cacheMs) {
        ids = await repo.ids();
        loadedAt = performance.now();
      }
      return ids.has(userId);
    },
    /** Adds an editor and records who did it; false when they already were one (nothing recorded). */
    async add(userId: number, by: number): Promise<boolean> {
      const at = deps.clock.now();
      return deps.database.db.transaction(async (tx) => {
        if (!(await createEditorsRepo(tx).insert(userId, by, at))) return false;
        await audit(tx, { actorId: by, action: "editor.add", subjectPerson: userId, at });
        forget();
        return true;
      });
    },
    /** Removes an editor and records who did it; false when there was none (nothing recorded). */
    async remove(userId: number, by: number): Promise<boolean> {
      const at = deps.clock.now();
      return deps.database.db.transaction(async (tx) => {
        const gone = await createEditorsRepo(tx).delete(userId);
        if (!gone) return false;
        forget();
        await audit(tx, {
          actorId: by,
          action: "editor.remove",
          subjectPerson: userId,
          // Who had added them is the editor.add row's actor: a ref here would have no sealed id to re-key it by.
          before: { since: gone.createdAt.toISOString() },
          at,
        });
        return true;
      });
    },
  };
}

export type EditorDirectory = ReturnType<typeof createEditorDirectory>;
