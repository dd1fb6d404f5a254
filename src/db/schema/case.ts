import { bigserial, boolean, date, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import type { PartialTranslated, QuestionKey, Translated } from "../../shared/lang.js";
import { ref, sealed, ts, updated, type DatePrecision, type HearingStatus, type ReviewNote, type TopicKind } from "./columns.js";

// ---- The case (imported from content/, edited by editors) ----

export const caseMeta = pgTable("case_meta", {
  id: text("id").primaryKey(),
  name: jsonb("name").$type<Translated>().notNull(),
  summary: jsonb("summary").$type<Translated>().notNull(),
  sourceIds: text("source_ids").array().notNull(),
  review: jsonb("review").$type<ReviewNote[]>(),
  /** Bumped on every content change, so every instance knows to rebuild its index. */
  revision: integer("revision").notNull().default(1),
  updatedAt: updated(),
});

export const sources = pgTable("sources", {
  id: text("id").primaryKey(),
  publisher: text("publisher").notNull(),
  title: jsonb("title").$type<Translated>().notNull(),
  url: text("url"),
  /** YYYY-MM-DD, or YYYY-MM when only the month is known; null only for a row a migration could not read. */
  published: text("published"),
  position: integer("position").notNull().default(0),
});

export const events = pgTable("events", {
  id: text("id").primaryKey(),
  precision: text("precision").$type<DatePrecision>().notNull().default("day"),
  /** The day (precision day), or the first of the month (precision month); null otherwise. */
  date: date("date", { mode: "string" }),
  /** The event this one followed (precision after). */
  afterEvent: text("after_event"),
  title: jsonb("title").$type<Translated>().notNull(),
  body: jsonb("body").$type<Translated>().notNull(),
  sourceIds: text("source_ids").array().notNull(),
  review: jsonb("review").$type<ReviewNote[]>(),
  position: integer("position").notNull().default(0),
});

export const hearings = pgTable(
  "hearings",
  {
    id: text("id").primaryKey(),
    /** Local date and optional local time in the case's time zone, as the source gives them. */
    date: date("date", { mode: "string" }).notNull(),
    time: text("time"),
    /** The instant it starts (local midnight when no time is known): what the scheduler reads. */
    startsAt: ts("starts_at").notNull(),
    /** Until when it counts as ahead (case/hearings.ts `upcomingUntil`), stored so SQL reads the same rule. */
    upcomingUntil: ts("upcoming_until").notNull(),
    title: jsonb("title").$type<Translated>().notNull(),
    place: jsonb("place").$type<Translated>().notNull(),
    status: text("status").$type<HearingStatus>().notNull(),
    outcome: jsonb("outcome").$type<Translated>(),
    sourceIds: text("source_ids").array().notNull(),
    review: jsonb("review").$type<ReviewNote[]>(),
    /** Bumped on every change of date, time, place or status: reminders are keyed on it. */
    version: integer("version").notNull().default(1),
    updatedAt: updated(),
  },
  (t) => [index("hearings_starts_at_idx").on(t.startsAt)],
);

export const topics = pgTable("topics", {
  id: text("id").primaryKey(),
  kind: text("kind").$type<TopicKind>().notNull().default("case"),
  label: jsonb("label").$type<Translated>().notNull(),
  answer: jsonb("answer").$type<Translated>().notNull(),
  questions: jsonb("questions").$type<Partial<Record<QuestionKey, string[]>>>().notNull(),
  related: text("related").array().notNull(),
  menu: boolean("menu").notNull().default(false),
  sourceIds: text("source_ids").array().notNull(),
  review: jsonb("review").$type<ReviewNote[]>(),
  position: integer("position").notNull().default(0),
});

/** Published case updates; kk and ru may be left out on purpose (readers then get English). */
export const updates = pgTable("updates", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  body: jsonb("body").$type<PartialTranslated>().notNull(),
  sourceUrl: text("source_url"),
  publishedAt: ts("published_at").notNull().defaultNow(),
  /** Who published it (null once they used /forget), as a blind index and sealed. */
  createdByRef: ref("created_by_ref"),
  createdBySealed: sealed("created_by_sealed", "created_by_ref"),
  /** Bumped on every correction or later translation: each bump edits the delivered copies once (update_edit rows keyed on it). */
  revision: integer("revision").notNull().default(1),
  /** Set by a correction: every copy then says "corrected" with this time. */
  correctedAt: ts("corrected_at"),
  /** Set by a retraction: unsent copies are dropped, sent ones deleted or followed by a notice. */
  retractedAt: ts("retracted_at"),
});

