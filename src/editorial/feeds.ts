import { audit } from "../db/audit.js";
import { createFeedsRepo, type FeedItemRow, type FeedRow } from "../db/feeds.js";
import type { EditorialDeps } from "./deps.js";

/** A feed address the watcher may fetch: http(s), a host, no credentials. */
export function feedUrlProblem(s: string): "bad" | undefined {
  try {
    const u = new URL(s);
    if ((u.protocol !== "https:" && u.protocol !== "http:") || !u.hostname || u.username || u.password) return "bad";
    return undefined;
  } catch {
    return "bad";
  }
}

/** How often a feed may be read, in minutes: a site is not hammered, news is not a day late. */
export const FEED_MINUTES = { min: 5, max: 1440 } as const;

/** Adds a feed to watch, read every `minutes` (15 unless told); undefined when it is watched already. Audited. */
export async function watchFeed(deps: EditorialDeps, url: string, actorId: number, minutes?: number): Promise<FeedRow | undefined> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await createFeedsRepo(tx).add(url, actorId, now, minutes ? minutes * 60_000 : undefined);
    if (row) await audit(tx, { actorId, action: "feed.add", subject: `feed/${row.id}`, after: { url, minutes: row.intervalMs / 60_000 }, at: now });
    return row;
  });
}

/** Stops watching a feed (its remembered items go with it). Audited. */
export async function unwatchFeed(deps: EditorialDeps, id: number, actorId: number): Promise<FeedRow | undefined> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await createFeedsRepo(tx).remove(id);
    if (row) await audit(tx, { actorId, action: "feed.remove", subject: `feed/${id}`, before: { url: row.url }, at: now });
    return row;
  });
}

export const watchedFeeds = (deps: EditorialDeps) => createFeedsRepo(deps.database.db).list();

/** An editor's answer to a found item: drafted (an update is being written from it) or ignored. */
export async function answerNewsItem(deps: EditorialDeps, itemId: number, verb: "drafted" | "ignored", actorId: number): Promise<FeedItemRow | undefined> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await createFeedsRepo(tx).markItem(itemId, verb);
    if (row) await audit(tx, { actorId, action: `news.${verb === "drafted" ? "draft" : "ignore"}`, subject: `news/${itemId}`, after: { link: row.link }, at: now });
    return row;
  });
}
