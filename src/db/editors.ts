import { asc, eq } from "drizzle-orm";
import { audit } from "./audit.js";
import type { Db } from "./client.js";
import { editors } from "./schema.js";

export type EditorRow = typeof editors.$inferSelect;

/** Editors an owner added with /editors. Owners themselves live in config (ADMIN_IDS), not here. */
export function createEditorsRepo(db: Db) {
  return {
    async list(): Promise<EditorRow[]> {
      return db.select().from(editors).orderBy(asc(editors.createdAt), asc(editors.userId));
    },
    async isEditor(userId: number): Promise<boolean> {
      const rows = await db.select({ id: editors.userId }).from(editors).where(eq(editors.userId, userId)).limit(1);
      return rows.length > 0;
    },
    /** Adds an editor and records who did it; false when they already were one (nothing recorded). */
    async add(userId: number, by: number, at: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const added = await tx.insert(editors).values({ userId, addedBy: by, createdAt: at }).onConflictDoNothing().returning();
        if (!added.length) return false;
        await audit(tx, { actorId: by, action: "editor.add", subject: String(userId), after: { userId }, at });
        return true;
      });
    },
    /** Removes an editor and records who did it; false when there was none (nothing recorded). */
    async remove(userId: number, by: number, at: Date): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [gone] = await tx.delete(editors).where(eq(editors.userId, userId)).returning();
        if (!gone) return false;
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
