import { parseFeed } from "@rowanmanning/feed-parser";
import type { Database } from "../db/client.js";
import { createChatsRepo } from "../db/chats.js";
import { createEditorsRepo } from "../db/editors.js";
import { createFeedsRepo, type FeedItemRow, type FeedRow, type NewFeedItem } from "../db/feeds.js";
import type { TelegramPort } from "../delivery/port.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import { renderNewsItem } from "../render/news.js";
import type { Clock } from "../shared/time.js";
import { mentionsMatcher } from "./mentions.js";
import { startIntervalJob, type IntervalJob } from "./interval.js";

export const FEEDS_TICK_MS = 60_000;
const FETCH_TIMEOUT_MS = 15_000;
const MAX_BACKOFF_MS = 24 * 3_600_000;
/** A feed read for the first time may hold years of items: only its newest few that mention the case are sent. */
export const FIRST_POLL_MAX = 3;

export interface FeedsDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  /** Sends one found item to every editor and owner; resolves once it has been tried for each. */
  notify(item: FeedItemRow, feed: FeedRow): Promise<void>;
  fetch?: typeof fetch;
}

export type PollResult = "changed" | "unchanged" | "failed";

const matches = mentionsMatcher();

/** An item's identity: its id (guid), else its link, else its title. */
function toItem(i: { id: string | null; url: string | null; title: string | null; description: string | null; content: string | null; published: Date | null; updated: Date | null }): NewFeedItem | undefined {
  const key = i.id ?? i.url ?? i.title;
  if (!key) return undefined;
  const title = (i.title ?? i.url ?? key).slice(0, 500);
  const text = [i.title, i.description, i.content?.replace(/<[^>]+>/g, " ")].filter(Boolean).join(" ");
  return { key: key.slice(0, 1000), title, link: i.url, publishedAt: i.published ?? i.updated, status: matches(text) ? "new" : "skipped" };
}

/** The wait after `failures` failures in a row: the feed's interval doubled each time, at most a day. */
export const backoff = (intervalMs: number, failures: number) => Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.max(0, failures));

/**
 * One poll of one feed: a conditional GET (ETag, If-Modified-Since), the items parsed, the new
 * ones stored by key before anything is sent, then every stored match not yet sent is sent and
 * marked. A crash after sending and before marking can send one item again; a crash anywhere else
 * cannot, and no restart re-reads an item as new.
 */
export async function pollFeed(deps: FeedsDeps, feed: FeedRow): Promise<PollResult> {
  const repo = createFeedsRepo(deps.database.db);
  const now = deps.clock.now();
  const headers: Record<string, string> = { "user-agent": "casebot feed watcher", accept: "application/rss+xml, application/atom+xml, application/xml, text/xml" };
  if (feed.etag) headers["if-none-match"] = feed.etag;
  if (feed.lastModified) headers["if-modified-since"] = feed.lastModified;
  let result: PollResult;
  try {
    const res = await (deps.fetch ?? fetch)(feed.url, { headers, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (res.status === 304) {
      await repo.polled(feed.id, {}, now);
      result = "unchanged";
    } else if (!res.ok) {
      throw new Error(`HTTP ${res.status}`);
    } else {
      const parsed = parseFeed(await res.text());
      const items = parsed.items.map(toItem).filter((i): i is NewFeedItem => i !== undefined);
      if (!feed.lastPolledAt) {
        // Newest first by date; past the first few, old matches are remembered but not sent.
        let kept = 0;
        for (const i of [...items].sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0))) {
          if (i.status === "new" && ++kept > FIRST_POLL_MAX) i.status = "skipped";
        }
      }
      await repo.remember(feed.id, items, now);
      await repo.polled(feed.id, { etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") }, now);
      result = "changed";
    }
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await repo.failed(feed.id, error, new Date(now.getTime() + backoff(feed.intervalMs, feed.failures + 1)), now);
    deps.logger.warn({ feed: feed.id, error }, "feed poll failed; backing off");
    return "failed";
  }
  for (const item of await repo.unsent(feed.id)) {
    await deps.notify(item, feed);
    await repo.markItem(item.id, "sent");
  }
  return result;
}

/** Polls every feed that is due, one after another (feeds are few). */
export async function pollDueFeeds(deps: FeedsDeps): Promise<Record<PollResult, number>> {
  const counts: Record<PollResult, number> = { changed: 0, unchanged: 0, failed: 0 };
  for (const feed of await createFeedsRepo(deps.database.db).due(deps.clock.now())) counts[await pollFeed(deps, feed)]++;
  return counts;
}

/** The notifier the job runs with: each item to every owner and editor, in their chat's language. */
export function staffNotifier(d: { database: Database; i18n: I18n; port: TelegramPort; ownerIds: readonly number[]; logger: Logger }): FeedsDeps["notify"] {
  const chats = createChatsRepo(d.database.db);
  const editors = createEditorsRepo(d.database.db);
  return async (item, feed) => {
    const ids = new Set([...d.ownerIds, ...(await editors.list()).map((e) => e.userId)]);
    for (const id of ids) {
      const lang = (await chats.get(id))?.language ?? "en";
      const m = renderNewsItem(d.i18n.t(lang), item, feed.url);
      try {
        await d.port.sendMessage({ chatId: id, html: m.html, buttons: m.buttons });
      } catch (err) {
        d.logger.warn({ err, item: item.id }, "could not send a news item to an editor");
      }
    }
  };
}

export type FeedsJob = IntervalJob<Record<PollResult, number>>;

/**
 * Looks for due feeds every minute; each feed's own interval (and backoff) decides when it is read.
 * `immediate: false` waits for the first tick (the local chat, whose terminal is set up after).
 */
export function startFeeds(deps: FeedsDeps, opts: { tickMs?: number; immediate?: boolean } = {}): FeedsJob {
  return startIntervalJob(() => pollDueFeeds(deps), {
    intervalMs: opts.tickMs ?? FEEDS_TICK_MS,
    logger: deps.logger,
    failed: "feed watcher run failed; will retry",
    immediate: opts.immediate,
  });
}
