/** The site in a test: the real bot's app on a test database, and its Hono app answering requests in memory. */
import { createSite } from "../../src/app.js";
import type { Database } from "../../src/db/client.js";
import { buildTestBot } from "./bot.js";

export const SITE_URL = "https://atajurt.example.org";

/**
 * The site over the case file's content, with PUBLIC_URL set unless told otherwise and hearings
 * and updates read fresh for every request (refreshMs 0, unless told otherwise), so a change shows at once.
 */
export async function buildTestSite(database: Database, opts: { now?: string; env?: Record<string, string>; importContent?: boolean; refreshMs?: number } = {}) {
  const t = await buildTestBot(database, { ...opts, env: { PUBLIC_URL: SITE_URL, ...opts.env } });
  const site = await createSite(t.app, { botUsername: t.bot.botInfo.username, refreshMs: opts.refreshMs ?? 0 });
  const get = (path: string, headers: Record<string, string> = {}) => site.request(path, { headers });
  return { ...t, site, get };
}

/** The version paths of the site, as the browser sees them. */
export const VERSIONS = ["en", "kk", "kk-arab", "ru"] as const;
