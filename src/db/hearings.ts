import { asc, eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { hearings } from "./schema.js";

export type Hearing = typeof hearings.$inferSelect;

export function createHearingsRepo(db: Db) {
  return {
    /**
     * The next scheduled hearing that has not ended its day, and otherwise the last one before
     * now. A hearing without a time counts as upcoming for its whole day. One query: a case has
     * a handful of hearings, and this runs on the answer path.
     */
    async nextAndLast(now: Date): Promise<{ next?: Hearing; last?: Hearing }> {
      return pickNextAndLast(await db.select().from(hearings).orderBy(asc(hearings.startsAt)), now);
    },
    async all(): Promise<Hearing[]> {
      return db.select().from(hearings).orderBy(asc(hearings.startsAt));
    },
    async get(id: string): Promise<Hearing | undefined> {
      const [h] = await db.select().from(hearings).where(eq(hearings.id, id));
      return h;
    },
  };
}

export type HearingsRepo = ReturnType<typeof createHearingsRepo>;

const HOUR = 3_600_000;

export function pickNextAndLast(all: Hearing[], now: Date): { next?: Hearing; last?: Hearing } {
  const t = now.getTime();
  const next = all.find(
    (h) => h.status === "scheduled" && (h.time === null ? h.startsAt.getTime() + 24 * HOUR > t : h.startsAt.getTime() + 3 * HOUR > t),
  );
  if (next) return { next };
  const last = all.filter((h) => h.startsAt.getTime() < t).at(-1);
  return { last };
}
