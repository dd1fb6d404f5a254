/**
 * What the pages are made from: the content snapshot (kept current by the content store), the
 * hearings and the published updates. Hearings and updates are read at most once per
 * `refreshMs`, one read shared by every request waiting for it, so a burst of visitors costs the
 * database one query pair, not one per page.
 */
import type { ContentSnapshot, ContentStore } from "../case/content/store.js";
import type { Hearing } from "../case/hearings.js";
import type { HearingsRepo } from "../db/hearings.js";
import type { UpdateRow, UpdatesRepo } from "../db/updates.js";
import type { Clock } from "../shared/time.js";
import { hashOf } from "./respond.js";

export interface SiteState {
  snapshot: ContentSnapshot;
  /** In start order. */
  hearings: Hearing[];
  /** Newest first. */
  updates: UpdateRow[];
  /** Changes whenever anything above does: what cached pages are checked against. */
  version: string;
}

export interface StateDeps {
  content: Pick<ContentStore, "current">;
  hearings: Pick<HearingsRepo, "all">;
  updates: Pick<UpdatesRepo, "published">;
  clock: Clock;
  /** How long one read of hearings and updates serves; 0 reads for every request. */
  refreshMs: number;
}

export interface SiteStateSource {
  current(): Promise<SiteState>;
  /** The state as last read, if it is still current (read within refreshMs, same content); else undefined and current() must read. */
  peek(): SiteState | undefined;
}

export function createSiteState(deps: StateDeps): SiteStateSource {
  let state: SiteState | undefined;
  let readAt = -Infinity;
  let reading: Promise<SiteState> | undefined;

  async function read(): Promise<SiteState> {
    const [hearings, updates] = await Promise.all([deps.hearings.all(), deps.updates.published()]);
    const snapshot = deps.content.current();
    const version = hashOf(JSON.stringify([snapshot.revision, hearings, updates]));
    return { snapshot, hearings, updates, version };
  }

  // A content change (an editor's, or the store's refresh) is seen at once; the rest within refreshMs.
  const fresh = (now: number) => state && now - readAt < deps.refreshMs && state.snapshot === deps.content.current();

  return {
    peek: () => (fresh(deps.clock.now().getTime()) ? state : undefined),
    async current() {
      const now = deps.clock.now().getTime();
      if (fresh(now)) return state!;
      reading ??= read()
        .then((s) => {
          state = s;
          readAt = now;
          return s;
        })
        .finally(() => {
          reading = undefined;
        });
      return reading;
    },
  };
}
