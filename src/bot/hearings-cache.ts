import type { HearingsRepo } from "../db/hearings.js";

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
