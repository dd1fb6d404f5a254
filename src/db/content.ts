import { asc, eq, notInArray, sql } from "drizzle-orm";
import type { Executor } from "./client.js";
import { caseMeta, events, sources, topics, type CaseMetaRow, type EventRow, type SourceRow, type TopicRow } from "./schema.js";

/** The one case row's id: the store holds one case. */
export const CASE_ID = "case";

export interface ContentRows {
  meta: CaseMetaRow | undefined;
  sources: SourceRow[];
  events: EventRow[];
  topics: TopicRow[];
}

export type SourceWrite = typeof sources.$inferInsert;
export type EventWrite = typeof events.$inferInsert;
export type TopicWrite = typeof topics.$inferInsert;
export type MetaWrite = Omit<typeof caseMeta.$inferInsert, "revision" | "updatedAt">;

/** The case's content tables: what the content store caches and a content file holds. */
export function createContentRepo(db: Executor) {
  return {
    async revision(): Promise<number> {
      const [row] = await db.select({ revision: caseMeta.revision }).from(caseMeta).limit(1);
      return row?.revision ?? 0;
    },
    async isEmpty(): Promise<boolean> {
      return (await db.select({ id: caseMeta.id }).from(caseMeta).limit(1)).length === 0;
    },
    /** Everything but hearings, in the order the file gives: events in the order they happened, which the import checked. */
    async read(): Promise<ContentRows> {
      const [meta] = await db.select().from(caseMeta).limit(1);
      return {
        meta,
        sources: await db.select().from(sources).orderBy(asc(sources.position), asc(sources.id)),
        events: await db.select().from(events).orderBy(asc(events.position), asc(events.id)),
        topics: await db.select().from(topics).orderBy(asc(topics.position), asc(topics.id)),
      };
    },
    async upsertSource(row: SourceWrite): Promise<void> {
      await db.insert(sources).values(row).onConflictDoUpdate({ target: sources.id, set: row });
    },
    async upsertEvent(row: EventWrite): Promise<void> {
      await db.insert(events).values(row).onConflictDoUpdate({ target: events.id, set: row });
    },
    async upsertTopic(row: TopicWrite): Promise<void> {
      await db.insert(topics).values(row).onConflictDoUpdate({ target: topics.id, set: row });
    },
    /** Removes topics, events and sources not in `keep` (a source in `keep.sources` or cited by a hearing stays). */
    async removeOthers(keep: { topics: string[]; events: string[]; sources: string[] }): Promise<void> {
      const ids = (xs: string[]) => (xs.length ? xs : ["\u0000"]);
      await db.delete(topics).where(notInArray(topics.id, ids(keep.topics)));
      await db.delete(events).where(notInArray(events.id, ids(keep.events)));
      await db.delete(sources).where(notInArray(sources.id, ids(keep.sources)));
    },
    /** Writes the case row and bumps the revision (1 on first import). */
    async upsertMeta(meta: MetaWrite, at: Date): Promise<number> {
      const [m] = await db
        .insert(caseMeta)
        .values({ ...meta, updatedAt: at })
        .onConflictDoUpdate({ target: caseMeta.id, set: { ...meta, revision: sql`${caseMeta.revision} + 1`, updatedAt: at } })
        .returning({ revision: caseMeta.revision });
      return m?.revision ?? 1;
    },
    /** Every instance rebuilds its caches when this moves: bump it with the change, in its transaction. */
    async bumpRevision(at: Date): Promise<number> {
      const [m] = await db
        .update(caseMeta)
        .set({ revision: sql`${caseMeta.revision} + 1`, updatedAt: at })
        .where(eq(caseMeta.id, CASE_ID))
        .returning({ revision: caseMeta.revision });
      return m?.revision ?? 0;
    },
    async lockTopic(id: string): Promise<TopicRow | undefined> {
      const [row] = await db.select().from(topics).where(eq(topics.id, id)).for("update");
      return row;
    },
    async topicQuestions(): Promise<Array<Pick<TopicRow, "id" | "questions">>> {
      return db.select({ id: topics.id, questions: topics.questions }).from(topics);
    },
    async updateTopic(id: string, set: Partial<Pick<TopicRow, "answer" | "questions">>): Promise<void> {
      await db.update(topics).set(set).where(eq(topics.id, id));
    },
    async sourceByUrl(url: string): Promise<string | undefined> {
      const [same] = await db.select({ id: sources.id }).from(sources).where(eq(sources.url, url));
      return same?.id;
    },
    async sourceIds(): Promise<Set<string>> {
      return new Set((await db.select({ id: sources.id }).from(sources)).map((r) => r.id));
    },
    /** Appends a source after the others. */
    async appendSource(row: Omit<SourceWrite, "position">): Promise<void> {
      const [pos] = await db.select({ n: sql<number>`coalesce(max(${sources.position}), -1)::int + 1` }).from(sources);
      await db.insert(sources).values({ ...row, position: Number(pos?.n ?? 0) });
    },
  };
}

