import type { TopicRow } from "../case/content/store.js";
import { nextAndLast } from "../case/hearings.js";
import type { HearingsRepo } from "../db/hearings.js";
import { HEARING_SLOT, type LiveFacts } from "../render/topic.js";
import type { BotDeps } from "./context.js";

type Deps = Pick<BotDeps, "liveHearings" | "clock" | "config">;
type Hearing = Awaited<ReturnType<HearingsRepo["all"]>>[number];

/**
 * The hearings as last read, kept while the store's digest of them (read with the chat's row on
 * every update, chats.context) stays the same: an answer that shows the next hearing then costs
 * no round trip of its own, and a hearing changed by any instance is read again by the first
 * update that sees the new digest. The rows are read after the digest, so what is kept is never
 * older than the digest it is kept under. Without a digest (no update to check it) it reads.
 */
export function createHearingsCache(repo: Pick<HearingsRepo, "all">) {
  let kept: { digest: string; rows: Hearing[] } | undefined;
  return {
    async all(digest?: string): Promise<Hearing[]> {
      if (digest !== undefined && kept?.digest === digest) return kept.rows;
      const rows = await repo.all();
      if (digest !== undefined) kept = { digest, rows };
      return rows;
    },
  };
}

export type HearingsCache = ReturnType<typeof createHearingsCache>;

/** The live facts an answer is filled with, as of answer time (`digest`: the update's, see createHearingsCache). */
export async function liveFacts(deps: Deps, digest?: string): Promise<LiveFacts> {
  const now = deps.clock.now();
  return { hearings: nextAndLast(await deps.liveHearings.all(digest), now, deps.config.timeZone), now, timeZone: deps.config.timeZone };
}

/** The same for one topic: the hearings are looked at only when its answer shows them. */
export async function liveFactsFor(deps: Deps, topic: TopicRow, answer?: string, digest?: string): Promise<LiveFacts> {
  const shows = (answer ?? Object.values(topic.answer).join(" ")).includes(HEARING_SLOT);
  if (shows) return liveFacts(deps, digest);
  return { hearings: {}, now: deps.clock.now(), timeZone: deps.config.timeZone };
}
