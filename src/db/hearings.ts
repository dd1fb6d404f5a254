import { asc, eq } from "drizzle-orm";
import type { Executor } from "./client.js";
import { hearings, type Hearing } from "./schema.js";

export type HearingInsert = typeof hearings.$inferInsert;
export type HearingSet = Partial<Omit<HearingInsert, "id">>;

/** Hearings are few (a case has a handful): reads return them all, in start order. */
export function createHearingsRepo(db: Executor) {
  return {
    async all(): Promise<Hearing[]> {
      return db.select().from(hearings).orderBy(asc(hearings.startsAt), asc(hearings.id));
    },
    async get(id: string): Promise<Hearing | undefined> {
      const [h] = await db.select().from(hearings).where(eq(hearings.id, id));
      return h;
    },
    /** The row, locked until the transaction ends: a change reads what it changes. */
    async lock(id: string): Promise<Hearing | undefined> {
      const [h] = await db.select().from(hearings).where(eq(hearings.id, id)).for("update");
      return h;
    },
    async ids(): Promise<Set<string>> {
      return new Set((await db.select({ id: hearings.id }).from(hearings)).map((r) => r.id));
    },
    async insert(row: HearingInsert): Promise<Hearing> {
      const [h] = await db.insert(hearings).values(row).returning();
      return h!;
    },
    async update(id: string, set: HearingSet): Promise<Hearing | undefined> {
      const [h] = await db.update(hearings).set(set).where(eq(hearings.id, id)).returning();
      return h;
    },
    /** Source ids every hearing cites: a source still cited is never deleted. */
    async citedSources(): Promise<string[]> {
      return (await db.select({ ids: hearings.sourceIds }).from(hearings)).flatMap((h) => h.ids);
    },
  };
}

export type HearingsRepo = ReturnType<typeof createHearingsRepo>;
