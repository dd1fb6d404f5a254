import type { Db } from "../../db/client.js";
import { createContentRepo } from "../../db/content.js";
import type { CaseMetaRow, EventRow, SourceRow, TopicRow } from "../../db/schema.js";

export type { TopicRow, SourceRow, EventRow, CaseMetaRow };

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
  const r = await createContentRepo(db).read();
  return {
    revision: r.meta?.revision ?? 0,
    meta: r.meta,
    sources: r.sources,
    sourceById: new Map(r.sources.map((s) => [s.id, s])),
    events: r.events,
    topics: r.topics,
    topicById: new Map(r.topics.map((t) => [t.id, t])),
    menu: r.topics.filter((t) => t.menu),
  };
}

export async function createContentStore(db: Db): Promise<ContentStore> {
  let snap = await readSnapshot(db);
  const repo = createContentRepo(db);
  const derived: Array<{ build: (s: ContentSnapshot) => unknown; value: unknown; revision: number }> = [];
  return {
    current: () => snap,
    async refresh() {
      if ((await repo.revision()) === snap.revision) return false;
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
