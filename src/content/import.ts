import { eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { caseMeta, events, hearings, sources, topics } from "../db/schema.js";
import { zonedToUtc } from "../time.js";
import type { CaseFile } from "./schema.js";

export type HearingRow = typeof hearings.$inferSelect;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Called inside the import's transaction for each hearing the file adds (`before` undefined) and
 * each whose date, time, place or status changed: subscribers hear of both.
 */
export type HearingChangeHook = (tx: Tx, before: HearingRow | undefined, after: HearingRow) => Promise<void>;

export interface ImportReport {
  topics: number;
  events: number;
  hearings: number;
  sources: number;
  hearingsChanged: string[];
  revision: number;
}

export const CASE_ID = "case";

/** True when a change of this hearing is one subscribers must hear about. */
export function hearingMoved(a: Pick<HearingRow, "date" | "time" | "place" | "status">, b: typeof a): boolean {
  return a.date !== b.date || (a.time ?? null) !== (b.time ?? null) || a.status !== b.status || JSON.stringify(a.place) !== JSON.stringify(b.place);
}

/**
 * Applies a validated case file in one transaction: upserts by stable id, removes topics, events
 * and sources the file no longer has. Hearings absent from the file are kept: editors add them
 * from Telegram, and reminders refer to them.
 */
export async function importCase(
  db: Db,
  file: CaseFile,
  opts: { timeZone: string; onHearingChange?: HearingChangeHook },
): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    const changed: string[] = [];

    for (const [i, s] of file.sources.entries()) {
      const row = { id: s.id, publisher: s.publisher, title: s.title, url: s.url ?? null, published: s.published, file: s.file ?? null, position: i };
      await tx.insert(sources).values(row).onConflictDoUpdate({ target: sources.id, set: row });
    }

    for (const [i, e] of file.events.entries()) {
      const row = { id: e.id, date: e.date, title: e.title, body: e.text, sourceIds: e.sources, review: e.review ?? null, position: i };
      await tx.insert(events).values(row).onConflictDoUpdate({ target: events.id, set: row });
    }

    for (const [i, t] of file.topics.entries()) {
      const row = {
        id: t.id,
        label: t.label,
        answer: t.answer,
        questions: t.questions,
        related: t.related,
        menu: t.menu,
        sourceIds: t.sources,
        review: t.review ?? null,
        position: i,
      };
      await tx.insert(topics).values(row).onConflictDoUpdate({ target: topics.id, set: row });
    }

    for (const h of file.hearings) {
      const next = {
        id: h.id,
        date: h.date,
        time: h.time ?? null,
        startsAt: zonedToUtc(h.date, h.time, opts.timeZone),
        title: h.title,
        place: h.place,
        status: h.status,
        outcome: h.outcome ?? null,
        sourceIds: h.sources,
        review: h.review ?? null,
      };
      const [before] = await tx.select().from(hearings).where(eq(hearings.id, h.id)).for("update");
      if (!before) {
        const [added] = await tx.insert(hearings).values(next).returning();
        if (added) await opts.onHearingChange?.(tx, undefined, added);
        continue;
      }
      const moved = hearingMoved(before, next);
      const [after] = await tx
        .update(hearings)
        .set({ ...next, version: moved ? before.version + 1 : before.version, updatedAt: new Date() })
        .where(eq(hearings.id, h.id))
        .returning();
      if (moved && after) {
        changed.push(h.id);
        await opts.onHearingChange?.(tx, before, after);
      }
    }

    const keep = <T extends { id: string }>(xs: T[]) => (xs.length ? xs.map((x) => x.id) : ["\u0000"]);
    await tx.delete(topics).where(notInArray(topics.id, keep(file.topics)));
    await tx.delete(events).where(notInArray(events.id, keep(file.events)));
    // A source an editor added from Telegram stays while a hearing still cites it.
    const cited = (await tx.select({ ids: hearings.sourceIds }).from(hearings)).flatMap((h) => h.ids);
    await tx.delete(sources).where(notInArray(sources.id, [...keep(file.sources), ...cited]));

    const meta = { id: CASE_ID, name: file.case.name, summary: file.case.summary, sourceIds: file.case.sources, review: file.case.review ?? null };
    const [m] = await tx
      .insert(caseMeta)
      .values(meta)
      .onConflictDoUpdate({ target: caseMeta.id, set: { ...meta, revision: sql`${caseMeta.revision} + 1`, updatedAt: new Date() } })
      .returning({ revision: caseMeta.revision });

    return {
      topics: file.topics.length,
      events: file.events.length,
      hearings: file.hearings.length,
      sources: file.sources.length,
      hearingsChanged: changed,
      revision: m?.revision ?? 1,
    };
  });
}

/** True when no case has been imported yet (first start on a new database). */
export async function contentIsEmpty(db: Db): Promise<boolean> {
  const rows = await db.select({ id: caseMeta.id }).from(caseMeta).limit(1);
  return rows.length === 0;
}
