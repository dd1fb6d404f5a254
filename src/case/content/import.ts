import type { Db, Tx } from "../../db/client.js";
import { CASE_ID, createContentRepo } from "../../db/content.js";
import { createHearingsRepo } from "../../db/hearings.js";
import type { Hearing } from "../../db/schema.js";
import { hearingInstants, hearingMoved } from "../hearings.js";
import type { CaseFile } from "./schema.js";

/**
 * Called inside the import's transaction for each hearing the file adds (`before` undefined) and
 * each whose date, time, place or status changed: subscribers hear of both.
 */
export type HearingChangeHook = (tx: Tx, before: Hearing | undefined, after: Hearing) => Promise<void>;

export interface ImportReport {
  topics: number;
  events: number;
  hearings: number;
  sources: number;
  hearingsChanged: string[];
  revision: number;
}

/**
 * Applies a validated case file in one transaction: upserts by stable id, removes topics, events
 * and sources the file no longer has. Hearings absent from the file are kept: editors add them
 * from Telegram, and reminders refer to them.
 */
export async function importCase(
  db: Db,
  file: CaseFile,
  opts: { timeZone: string; now: Date; onHearingChange?: HearingChangeHook },
): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    const content = createContentRepo(tx);
    const hearings = createHearingsRepo(tx);
    const changed: string[] = [];

    for (const [i, s] of file.sources.entries()) {
      await content.upsertSource({ id: s.id, publisher: s.publisher, title: s.title, url: s.url ?? null, published: s.published, position: i });
    }
    for (const [i, e] of file.events.entries()) {
      await content.upsertEvent({
        id: e.id,
        precision: e.precision,
        // A month is stored as its first day: the column is a date; the precision says how much of it is known.
        date: e.date === undefined ? null : e.precision === "month" ? `${e.date}-01` : e.date,
        afterEvent: e.after ?? null,
        title: e.title,
        body: e.text,
        sourceIds: e.sources,
        review: e.review ?? null,
        position: i,
      });
    }
    for (const [i, t] of file.topics.entries()) {
      await content.upsertTopic({
        id: t.id,
        kind: t.kind,
        label: t.label,
        answer: t.answer,
        questions: t.questions,
        related: t.related,
        menu: t.menu,
        sourceIds: t.sources,
        review: t.review ?? null,
        position: i,
      });
    }

    for (const h of file.hearings) {
      const next = {
        id: h.id,
        date: h.date,
        time: h.time ?? null,
        ...hearingInstants({ date: h.date, time: h.time ?? null }, opts.timeZone),
        title: h.title,
        place: h.place,
        status: h.status,
        outcome: h.outcome ?? null,
        sourceIds: h.sources,
        review: h.review ?? null,
      };
      const before = await hearings.lock(h.id);
      if (!before) {
        const added = await hearings.insert({ ...next, updatedAt: opts.now });
        await opts.onHearingChange?.(tx, undefined, added);
        continue;
      }
      const moved = hearingMoved(before, next);
      const after = await hearings.update(h.id, { ...next, version: moved ? before.version + 1 : before.version, updatedAt: opts.now });
      if (moved && after) {
        changed.push(h.id);
        await opts.onHearingChange?.(tx, before, after);
      }
    }

    // A source an editor added from Telegram stays while a hearing still cites it.
    await content.removeOthers({
      topics: file.topics.map((t) => t.id),
      events: file.events.map((e) => e.id),
      sources: [...file.sources.map((s) => s.id), ...(await hearings.citedSources())],
    });
    const revision = await content.upsertMeta(
      { id: CASE_ID, name: file.case.name, summary: file.case.summary, sourceIds: file.case.sources, review: file.case.review ?? null },
      opts.now,
    );
    return {
      topics: file.topics.length,
      events: file.events.length,
      hearings: file.hearings.length,
      sources: file.sources.length,
      hearingsChanged: changed,
      revision,
    };
  });
}
