import { Document, isScalar, Scalar, visit } from "yaml";
import type { Db } from "../../db/client.js";
import { createContentRepo } from "../../db/content.js";
import { createHearingsRepo } from "../../db/hearings.js";
import type { ReviewNote } from "../../db/schema.js";
import { QUESTION_KEYS, type QuestionKey } from "../../shared/lang.js";
import type { CaseFile } from "./schema.js";

const review = (r: ReviewNote[] | null) => (r && r.length ? { review: r.map((n) => ({ lang: n.lang as "en", term: n.term, note: n.note })) } : {});

/**
 * The whole case as it is in the store, as a content file: what `content:import` reads. Hearings
 * include those editors added from Telegram, which exist nowhere else.
 */
export async function exportCase(db: Db): Promise<CaseFile> {
  const content = createContentRepo(db);
  const { meta, sources: srcs, topics: tps, events: evs } = await content.read();
  if (!meta) throw new Error("the store holds no case yet: import a content file first");
  const hs = await createHearingsRepo(db).all();
  return {
    case: { name: meta.name, summary: meta.summary, sources: meta.sourceIds, ...review(meta.review) },
    sources: srcs.map((s) => ({
      id: s.id,
      publisher: s.publisher,
      title: s.title,
      ...(s.url ? { url: s.url } : {}),
      // Null only for a date a migration could not read: left out, so the import names the entry.
      ...(s.published ? { published: s.published } : {}),
    })) as CaseFile["sources"],
    events: evs.map((e) => ({
      id: e.id,
      precision: e.precision,
      ...(e.date === null ? {} : { date: e.precision === "month" ? e.date.slice(0, 7) : e.date }),
      ...(e.afterEvent === null ? {} : { after: e.afterEvent }),
      title: e.title,
      text: e.body,
      sources: e.sourceIds,
      ...review(e.review),
    })),
    hearings: hs.map((h) => ({
      id: h.id,
      date: h.date,
      ...(h.time ? { time: h.time } : {}),
      title: h.title,
      place: h.place,
      status: h.status,
      ...(h.outcome ? { outcome: h.outcome } : {}),
      sources: h.sourceIds,
      ...review(h.review),
    })),
    topics: tps.map((t) => ({
      id: t.id,
      kind: t.kind,
      menu: t.menu,
      label: t.label,
      answer: t.answer,
      related: t.related,
      sources: t.sourceIds,
      ...review(t.review),
      // In the file's order of keys, and only the keys that hold questions.
      questions: Object.fromEntries(
        QUESTION_KEYS.filter((k) => (t.questions[k]?.length ?? 0) > 0).map((k) => [k, t.questions[k as QuestionKey]]),
      ) as CaseFile["topics"][number]["questions"],
    })),
  };
}

export type ExportFormat = "yaml" | "json";

export const formatFor = (file: string): ExportFormat => (/\.json$/i.test(file) ? "json" : "yaml");

/**
 * The file's text. In YAML, dates and times are quoted: a YAML 1.1 reader would otherwise take
 * 2026-01-23 for a timestamp and 10:30 for a number.
 */
export function serializeCase(file: CaseFile, format: ExportFormat, note?: string): string {
  if (format === "json") return `${JSON.stringify(file, null, 2)}\n`;
  const doc = new Document(file);
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === "string" && /^(\d{4}-\d{2}-\d{2}|\d{2}:\d{2})$/.test(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  if (note) doc.commentBefore = ` ${note}`;
  return doc.toString({ lineWidth: 0 });
}
