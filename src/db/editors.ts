import { asc, eq } from "drizzle-orm";
import { audit } from "./audit.js";
import type { Db } from "./client.js";
import { editors } from "./schema.js";

export type EditorRow = typeof editors.$inferSelect;

/** How long another instance may take to see an editor added or removed. */
export const EDITORS_CACHE_MS = 10_000;

/**
 * Editors an owner added with /editors. Owners themselves live in config (ADMIN_IDS), not here.
 * Every private update asks whether its sender is an editor, so the few ids are held in memory
 * for a few seconds rather than queried each time; a change on this instance is seen at once.
 */
export function createEditorsRepo(db: Db, cacheMs = EDITORS_CACHE_MS) {
  let ids: Set<number> | undefined;
  let loadedAt = 0;
  const forget = () => {
    ids = undefined;
  };
  return {
    async list(): Promise<EditorRow[]> {
      return db.select().from(editors).orderBy(asc(editors.createdAt), asc(editors.userId));
    },
    async isEditor(userId: number): Promise<boolean> {
      if (!ids || performance.now() - loadedAt > cacheMs) {
        const rows = await db.select({ id: editors.userId }).from(editors);
        ids = new Set(rows.map((r) => r.id));
        loadedAt = performance.now();
      }
      return ids.has(userId);
    },
    /** Adds an editor and records who did it; false when they already were one (nothing recorded). */
    async add(userId: number, by: number, at: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const added = await tx.insert(editors).values({ userId, addedBy: by, createdAt: at }).onConflictDoNothing().returning();
        if (!added.length) return false;
        await audit(tx, { actorId: by, action: "editor.add", subject: String(userId), after: { userId }, at });
        forget();
        return true;
      });
    },
    /** Removes an editor and records who did it; false when there was none (nothing recorded). */
    async remove(userId: number, by: number, at: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [gone] = await tx.delete(editors).where(eq(editors.userId, userId)).returning();
        if (!gone) return false;
        forget();
        await audit(tx, {
          actorId: by,
          action: "editor.remove",
          subject: String(userId),
          before: { userId, addedBy: gone.addedBy, since: gone.createdAt.toISOString() },
          at,
        });
        return true;
      });
    },
  };
}

export type EditorsRepo = ReturnType<typeof createEditorsRepo>;
