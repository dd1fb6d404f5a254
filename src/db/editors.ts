import { asc, eq } from "drizzle-orm";
import type { Executor } from "./client.js";
import { editors, type EditorRow } from "./schema.js";

export function createEditorsRepo(db: Executor) {
  return {
    async list(): Promise<EditorRow[]> {
      return db.select().from(editors).orderBy(asc(editors.createdAt), asc(editors.userId));
    },
    async ids(): Promise<Set<number>> {
      return new Set((await db.select({ id: editors.userId }).from(editors)).map((r) => r.id));
    },
    /** False when they already were one. */
    async insert(userId: number, by: number, at: Date): Promise<boolean> {
      const added = await db.insert(editors).values({ userId, addedBy: by, createdAt: at }).onConflictDoNothing().returning();
      return added.length > 0;
    },
    /** The removed row, or undefined when there was none. */
    async delete(userId: number): Promise<EditorRow | undefined> {
      const [gone] = await db.delete(editors).where(eq(editors.userId, userId)).returning();
      return gone;
    },
  };
}
