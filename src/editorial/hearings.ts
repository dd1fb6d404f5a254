import { hearingInstants, hearingMoved, facts, type Hearing } from "../case/hearings.js";
import { audit } from "../db/audit.js";
import type { Tx } from "../db/client.js";
import { createContentRepo } from "../db/content.js";
import { createHearingsRepo } from "../db/hearings.js";
import type { Translated } from "../shared/lang.js";
import { wallClock } from "../shared/time.js";
import type { EditorialDeps } from "./deps.js";
import { notifyHearingChange, notifyNewHearing } from "./notices.js";
import { storeSource, type SourcePick } from "./sources.js";

export interface NewHearing {
  date: string;
  time: string | null;
  place: Translated;
  title: Translated;
  source: SourcePick;
}

/** The hearing as it would be stored, for a preview (nothing is written). */
export function draftHearing(h: Omit<NewHearing, "source">, sourceId: string, timeZone: string, now: Date): Hearing {
  return {
    id: "preview",
    date: h.date,
    time: h.time,
    ...hearingInstants(h, timeZone),
    title: h.title,
    place: h.place,
    status: "scheduled",
    outcome: null,
    sourceIds: [sourceId],
    review: null,
    version: 1,
    updatedAt: now,
  };
}

/**
 * Stores a new hearing in one transaction: its source if new, the hearing (version 1), the
 * content revision bumped (every instance refreshes), the "a hearing date is set" notice to chats
 * with reminders on, and the audit rows. The id is `hearing-<date>`, made unique.
 */
export async function addHearing(
  deps: EditorialDeps,
  h: NewHearing,
  actorId: number,
): Promise<{ hearing: Hearing; notices: number; revision: number }> {
  const now = deps.clock.now();
  const tz = deps.timeZone;
  return deps.database.db.transaction(async (tx) => {
    const repo = createHearingsRepo(tx);
    const sourceId = await storeSource(tx, h.source, { actorId, at: now, today: wallClock(now, tz).date });
    const taken = await repo.ids();
    let id = `hearing-${h.date}`;
    for (let i = 2; taken.has(id); i++) id = `hearing-${h.date}-${i}`;
    const draft = draftHearing(h, sourceId, tz, now);
    const hearing = await repo.insert({ ...draft, id });
    const revision = await createContentRepo(tx).bumpRevision(now);
    const notices = await notifyNewHearing(tx, hearing, { now, timeZone: tz });
    await audit(tx, {
      actorId,
      action: "hearing.add",
      subject: id,
      after: { text: `${h.date} ${h.time ?? "--:--"}, ${h.place.en}: ${h.title.en}`, ...facts(hearing), title: h.title, sourceIds: [sourceId], notices },
      at: now,
    });
    return { hearing, notices, revision };
  });
}

export type HearingPatch = Partial<Pick<Hearing, "date" | "time" | "place" | "status" | "title" | "outcome" | "sourceIds">>;

/**
 * Changes one hearing: its version bumped when its date, time, place or status moved (and then
 * subscribers notified: the reschedule mechanism), the content revision bumped so every instance
 * refreshes, all in one transaction. `within` runs after the change in the same transaction (the
 * editor's audit row); throwing there rolls it back.
 */
export async function changeHearing(
  deps: EditorialDeps,
  id: string,
  patch: HearingPatch,
  within?: (tx: Tx, before: Hearing, after: Hearing, notices: number) => Promise<void>,
): Promise<{ hearing: Hearing; moved: boolean; notices: number } | undefined> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const repo = createHearingsRepo(tx);
    const before = await repo.lock(id);
    if (!before) return undefined;
    const next = { ...before, ...patch };
    const moved = hearingMoved(before, next);
    const after = await repo.update(id, {
      ...patch,
      ...hearingInstants(next, deps.timeZone),
      version: moved ? before.version + 1 : before.version,
      updatedAt: now,
    });
    if (!after) return undefined;
    const r = moved ? await notifyHearingChange(tx, before, after, { now, timeZone: deps.timeZone }) : { notices: 0 };
    await createContentRepo(tx).bumpRevision(now);
    await within?.(tx, before, after, r.notices);
    return { hearing: after, moved, notices: r.notices };
  });
}

/** The hearing as the editor saw it when choosing: JSON, so a conversation's replay sees the same. */
export type SeenHearing = Omit<Hearing, "startsAt" | "upcomingUntil" | "updatedAt">;

export interface HearingChange {
  patch: HearingPatch;
  source: SourcePick;
}

export type ChangeResult = { status: "saved"; notices: number; version: number; moved: boolean } | { status: "changed" } | { status: "missing" };

class ChangedMeanwhile extends Error {}

const withSource = (ids: string[], id: string) => (ids.includes(id) ? ids : [...ids, id]);

/**
 * An editor's change, with the new source and the audit row in the same transaction. If someone
 * else moved the hearing since the editor saw it, nothing is written.
 */
export async function applyHearingChange(deps: EditorialDeps, seen: SeenHearing, change: HearingChange, actorId: number): Promise<ChangeResult> {
  const now = deps.clock.now();
  try {
    const patch = { ...change.patch, ...(change.source.id ? { sourceIds: withSource(seen.sourceIds, change.source.id) } : {}) };
    const r = await changeHearing(deps, seen.id, patch, async (tx, before, after, notices) => {
      if (before.version !== seen.version || hearingMoved(before, seen)) throw new ChangedMeanwhile();
      if (change.source.add) {
        const id = await storeSource(tx, change.source, { actorId, at: now, today: wallClock(now, deps.timeZone).date });
        await createHearingsRepo(tx).update(seen.id, { sourceIds: withSource(after.sourceIds, id) });
      }
      const line = (h: Hearing) => `${h.date} ${h.time ?? "--:--"}, ${h.place.en}: ${h.status}`;
      await audit(tx, {
        actorId,
        action: "hearing.change",
        subject: seen.id,
        before: { text: line(before), ...facts(before), version: before.version },
        after: { text: line(after), ...facts(after), version: after.version, ...(change.patch.outcome ? { outcome: change.patch.outcome } : {}), notices },
        at: now,
      });
    });
    if (!r) return { status: "missing" };
    return { status: "saved", notices: r.notices, version: r.hearing.version, moved: r.moved };
  } catch (err) {
    if (err instanceof ChangedMeanwhile) return { status: "changed" };
    throw err;
  }
}

/** The next version of a hearing as an editor's change would leave it, for the preview. */
export function previewChange(seen: SeenHearing, patch: HearingPatch, sourceId: string, timeZone: string, now: Date): { before: Hearing; after: Hearing } {
  const before: Hearing = { ...seen, ...hearingInstants(seen, timeZone), updatedAt: now };
  const next = { ...before, ...patch };
  const after: Hearing = { ...next, ...hearingInstants(next, timeZone), sourceIds: withSource(seen.sourceIds, sourceId), version: seen.version + 1 };
  return { before, after };
}
