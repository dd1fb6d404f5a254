import { z } from "zod";
import { DATE_PRECISIONS, HEARING_STATUSES, TOPIC_KINDS } from "../../db/schema.js";
import { isDayOrMonth, isRealDate, isRealMonth } from "../../shared/dates.js";
import { LANGS, QUESTION_KEYS, type QuestionKey } from "../../shared/lang.js";
import { isSlot, onlySlots, placeholdersIn } from "../slots.js";

const text = z.string().trim().min(1, "must not be empty");
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and dashes");
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(isRealDate, "is not a day of the calendar (no such day in that month, or no such month)");

/** A text in en, kk and ru: a missing language is an error naming it. */
export const translated = z.object({ en: text, kk: text, ru: text }).strict();

const sourceRefs = z.array(id).min(1, "every fact needs at least one source");

/** A note for translators and editors: a term or phrase that needs a second look. */
const review = z.array(z.object({ lang: z.enum(LANGS), term: text, note: text }).strict()).optional();

export const sourceSchema = z
  .object({
    id,
    publisher: text,
    title: translated,
    /** Only a link someone has seen; none is better than a guessed one. */
    url: z.url().optional(),
    /** The day it was published, or its month when the source gives no day: shown in each language. */
    published: z.string().refine(isDayOrMonth, "must be the day it was published (YYYY-MM-DD) or, when no day is known, its month (YYYY-MM)"),
  })
  .strict();

/**
 * An event is dated as exactly as its source dates it: a `day`, a `month`, `after` another event
 * (the source says "following the protest"), or `unknown`. Events are listed in the order they
 * happened; the file's order is the timeline's.
 */
export const eventSchema = z
  .object({
    id,
    precision: z.enum(DATE_PRECISIONS).default("day"),
    date: z.string().optional(),
    after: id.optional(),
    title: translated,
    text: translated,
    sources: sourceRefs,
    review,
  })
  .strict()
  .superRefine((e, ctx) => {
    const issue = (field: "date" | "after" | "precision", message: string) => ctx.addIssue({ code: "custom", path: [field], message });
    if (e.precision === "day" && !(e.date && isRealDate(e.date)))
      issue("date", e.date ? "is not a day of the calendar written YYYY-MM-DD" : "is missing: a day written YYYY-MM-DD, or another precision");
    if (e.precision === "month" && !(e.date && isRealMonth(e.date))) issue("date", "must be a month written YYYY-MM for precision month");
    if ((e.precision === "after" || e.precision === "unknown") && e.date !== undefined) issue("date", `must be left out for precision ${e.precision}: the source gives none`);
    if (e.precision === "after" && !e.after) issue("after", "is missing: the id of the event this one followed");
    if (e.precision !== "after" && e.after !== undefined) issue("after", "is only for precision after");
  });

export const hearingSchema = z
  .object({
    id,
    date: isoDate,
    /** Local time in the case's time zone, or absent when no source gives one. */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time written HH:MM")
      .optional(),
    title: translated,
    place: translated,
    status: z.enum(HEARING_STATUSES).default("scheduled"),
    outcome: translated.optional(),
    sources: sourceRefs,
    review,
  })
  .strict();

export const questionsSchema = z
  .object(Object.fromEntries(QUESTION_KEYS.map((k) => [k, z.array(text).optional()])) as Record<QuestionKey, z.ZodOptional<z.ZodArray<typeof text>>>)
  .strict()
  .refine((q) => (q.en?.length ?? 0) > 0 && (q.ru?.length ?? 0) > 0 && (q.kk?.length ?? 0) > 0, {
    message: "needs at least one question in en, ru and kk",
  });

export const topicSchema = z
  .object({
    id,
    /**
     * `case`: a fact of the case, cited. `unknown`: what the sources do not say (the judge's name,
     * the hour…), answered honestly and citing the sources that were read. `meta`: the bot itself
     * (its commands, its privacy) and `smalltalk` (hello, thanks): no source, there is no fact to cite.
     */
    kind: z.enum(TOPIC_KINDS).default("case"),
    /** The short label on a button. */
    label: translated,
    answer: translated,
    questions: questionsSchema,
    related: z.array(id).default([]),
    menu: z.boolean().default(false),
    sources: z.array(id).default([]),
    review,
  })
  .strict()
  .superRefine((t, ctx) => {
    // An answer that is only slots states nothing itself: the record it shows cites its own sources.
    const live = LANGS.every((l) => onlySlots(t.answer[l]));
    const cites = (t.kind === "case" || t.kind === "unknown") && !live;
    if (cites && t.sources.length === 0) ctx.addIssue({ code: "custom", path: ["sources"], message: "every fact needs at least one source" });
    if (!cites && t.sources.length > 0)
      ctx.addIssue({ code: "custom", path: ["sources"], message: live ? "an answer of slots alone cites the sources of what it shows, not its own" : `a ${t.kind} entry states no fact of the case: it cites no source` });
    const slots = (l: (typeof LANGS)[number]) => [...new Set(placeholdersIn(t.answer[l]))].sort().join(" ");
    for (const l of LANGS) {
      const unknown = placeholdersIn(t.answer[l]).find((p) => !isSlot(p));
      if (unknown) ctx.addIssue({ code: "custom", path: ["answer", l], message: `unknown slot ${unknown}: the slots are {{hearing}} and {{privacy}}` });
      else if (slots(l) !== slots("en")) ctx.addIssue({ code: "custom", path: ["answer", l], message: `has the slots "${slots(l)}" where en has "${slots("en")}": every language shows the same live facts` });
    }
  });

export const caseFileSchema = z
  .object({
    case: z
      .object({
        name: translated,
        summary: translated,
        sources: sourceRefs,
        review,
      })
      .strict(),
    sources: z.array(sourceSchema).min(1),
    events: z.array(eventSchema),
    hearings: z.array(hearingSchema),
    topics: z.array(topicSchema).min(1),
  })
  .strict();

export type CaseFile = z.infer<typeof caseFileSchema>;
