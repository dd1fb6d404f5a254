import { asc } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { caseMeta, events, sources, topics } from "../db/schema.js";

export type TopicRow = typeof topics.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type CaseMetaRow = typeof caseMeta.$inferSelect;

/** Everything about the case except hearings (live facts), held in memory between content changes. */
export interface ContentSnapshot {
  revision: number;
  meta: CaseMetaRow | undefined;
  sources: SourceRow[];
  sourceById: Map<string, SourceRow>;
  events: EventRow[];
  topics: TopicRow[];
  topicById: Map<string, TopicRow>;
  menu: TopicRow[];
}

export interface ContentStore {
  current(): ContentSnapshot;
  /** Reloads when the stored revision moved (another instance or an import changed the content). */
  refresh(): Promise<boolean>;
  /** A value computed from the content (the matcher's index), rebuilt once per revision. */
  derive<T>(build: (s: ContentSnapshot) => T): () => T;
}

async function readSnapshot(db: Db): Promise<ContentSnapshot> {
  const [meta] = await db.select().from(caseMeta).limit(1);
  const srcs = await db.select().from(sources).orderBy(asc(sources.position));
  const evs = await db.select().from(events).orderBy(asc(events.date), asc(events.position));
  const tps = await db.select().from(topics).orderBy(asc(topics.position));
  return {
    revision: meta?.revision ?? 0,
    meta,
    sources: srcs,
    sourceById: new Map(srcs.map((s) => [s.id, s])),
    events: evs,
    topics: tps,
    topicById: new Map(tps.map((t) => [t.id, t])),
    menu: tps.filter((t) => t.menu),
  };
}

export async function createContentStore(db: Db): Promise<ContentStore> {
  let snap = await readSnapshot(db);
  const derived: Array<{ build: (s: ContentSnapshot) => unknown; value: unknown; revision: number }> = [];
  return {
    current: () => snap,
    async refresh() {
      const [row] = await db.select({ revision: caseMeta.revision }).from(caseMeta).limit(1);
      if ((row?.revision ?? 0) === snap.revision) return false;
      snap = await readSnapshot(db);
      // Rebuild now, off the message path, rather than on the next question.
      for (const d of derived) {
        d.value = d.build(snap);
        d.revision = snap.revision;
      }
      return true;
    },
    derive<T>(build: (s: ContentSnapshot) => T) {
      const d = { build, value: build(snap) as unknown, revision: snap.revision };
      derived.push(d);
      return () => {
        if (d.revision !== snap.revision) {
          d.value = build(snap);
          d.revision = snap.revision;
        }
        return d.value as T;
      };
    },
  };
}
