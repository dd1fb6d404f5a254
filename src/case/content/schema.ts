import { z } from "zod";
import { HEARING_STATUSES, TOPIC_KINDS } from "../../db/schema.js";
import { LANGS, QUESTION_KEYS, type QuestionKey } from "../../shared/lang.js";

const text = z.string().trim().min(1, "must not be empty");
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be lowercase letters, digits and dashes");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");

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
    published: text,
    file: text.optional(),
  })
  .strict();

export const eventSchema = z
  .object({
    id,
    date: isoDate,
    title: translated,
    text: translated,
    sources: sourceRefs,
    review,
  })
  .strict();

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
    const cites = t.kind === "case" || t.kind === "unknown";
    if (cites && t.sources.length === 0) ctx.addIssue({ code: "custom", path: ["sources"], message: "every fact needs at least one source" });
    if (!cites && t.sources.length > 0) ctx.addIssue({ code: "custom", path: ["sources"], message: `a ${t.kind} entry states no fact of the case: it cites no source` });
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
