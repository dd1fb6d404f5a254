import { asc, inArray } from "drizzle-orm";
import type { Executor } from "./client.js";
import { openId, openOrNull, person, refsOf } from "./refs.js";
import { editors, type EditorRow } from "./schema.js";

/** An editor row as the app sees it: ids opened from their sealed texts. */
function asRow(ex: Executor, r: typeof editors.$inferSelect): EditorRow {
  return { userId: openId(ex, r.sealed!), addedBy: openOrNull(ex, r.addedBySealed), createdAt: r.createdAt };
}

export function createEditorsRepo(db: Executor) {
  return {
    async list(): Promise<EditorRow[]> {
      const rows = await db.select().from(editors).orderBy(asc(editors.createdAt), asc(editors.userRef));
      return rows.filter((r) => r.sealed !== null).map((r) => asRow(db, r));
    },
    async ids(): Promise<Set<number>> {
      return new Set((await this.list()).map((r) => r.userId));
    },
    /** False when they already were one. */
    async insert(userId: number, by: number, at: Date): Promise<boolean> {
      if ((await db.select({ ref: editors.userRef }).from(editors).where(inArray(editors.userRef, refsOf(db, userId)))).length) return false;
      const me = person(db, userId);
      const adder = person(db, by);
      const added = await db
        .insert(editors)
        .values({ userRef: me.ref, sealed: me.sealed, addedByRef: adder.ref, addedBySealed: adder.sealed, createdAt: at })
        .onConflictDoNothing()
        .returning();
      return added.length > 0;
    },
    /** The removed row, or undefined when there was none. */
    async delete(userId: number): Promise<EditorRow | undefined> {
      const [gone] = await db.delete(editors).where(inArray(editors.userRef, refsOf(db, userId))).returning();
      return gone && asRow(db, gone);
    },
  };
}

