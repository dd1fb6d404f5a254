import type { ContentSnapshot } from "../case/content/store.js";
import type { Executor } from "../db/client.js";
import { audit } from "../db/audit.js";
import { createContentRepo } from "../db/content.js";
import type { SourceRow } from "../db/schema.js";

/** A source an editor names for a new fact, when it is not on record yet. */
export interface NewSource {
  url: string;
  publisher: string;
  title: string;
  /** The day it was published (YYYY-MM-DD), or its month (YYYY-MM) when no day is given. */
  published: string;
}

/** Every new fact names its source: one on record, or a new one given by its link. */
export type SourcePick = { id: string; add?: undefined } | { add: NewSource; id?: undefined };

/** A new source as a stored row would be (its title as published, in every language). */
function sourceRow(id: string, s: NewSource, position: number): SourceRow {
  return { id, publisher: s.publisher, title: { en: s.title, kk: s.title, ru: s.title }, url: s.url, published: s.published, position };
}

export const PREVIEW_SOURCE_ID = "new-source-preview";

/** The snapshot a preview renders against: with the new source in it, so its citation shows. */
export function previewSources(snap: ContentSnapshot, pick: SourcePick): { snapshot: ContentSnapshot; sourceId: string } {
  if (pick.id !== undefined) return { snapshot: snap, sourceId: pick.id };
  const row = sourceRow(PREVIEW_SOURCE_ID, pick.add, snap.sources.length);
  return {
    snapshot: { ...snap, sources: [...snap.sources, row], sourceById: new Map(snap.sourceById).set(row.id, row) },
    sourceId: row.id,
  };
}

/**
 * Stores a new source (or finds the one already stored with the same link) in the editor's
 * transaction, audited, and returns its id: `<site>-<date>`, lowercase, as the content file wants.
 */
export async function storeSource(tx: Executor, pick: SourcePick, opts: { actorId: number; at: Date; today: string }): Promise<string> {
  if (pick.id !== undefined) return pick.id;
  const s = pick.add;
  const content = createContentRepo(tx);
  const same = await content.sourceByUrl(s.url);
  if (same) return same;
  const site = new URL(s.url).hostname.toLowerCase().replace(/^www\./, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 30) || "source";
  const base = `${site}-${opts.today}`;
  const taken = await content.sourceIds();
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  const { position: _p, ...row } = sourceRow(id, s, 0);
  await content.appendSource(row);
  await audit(tx, { actorId: opts.actorId, action: "source.add", subject: id, after: { text: `${s.publisher}: ${s.title}`, url: s.url, published: s.published }, at: opts.at });
  return id;
}
