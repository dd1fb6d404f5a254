/**
 * The schema, by area: the case (schema/case.ts), the people who use the bot (schema/people.ts),
 * editors and their tools (schema/staff.ts). drizzle-kit reads this file (drizzle.config.ts).
 */
import { auditLog, editors, feedItems, feeds, reviews } from "./schema/staff.js";
import { chats, deliveries, kvState, seenUpdates, subscriptions, unanswered } from "./schema/people.js";
import { caseMeta, events, hearings, sources, topics, updates } from "./schema/case.js";

export {
  DATE_PRECISIONS,
  HEARING_STATUSES,
  KAZAKH_SCRIPTS,
  TOPIC_KINDS,
  type ChatStatus,
  type ChatType,
  type DatePrecision,
  type DeliveryKind,
  type DeliveryStatus,
  type HearingStatus,
  type KazakhScript,
  type ReviewNote,
  type TopicKind,
} from "./schema/columns.js";
export type { FeedItemStatus, ReviewKind, ReviewStatus } from "./schema/staff.js";
export { auditLog, caseMeta, chats, deliveries, editors, events, feedItems, feeds, hearings, kvState, reviews, seenUpdates, sources, subscriptions, topics, unanswered, updates };

// The row types repositories return: ids as numbers (opened from their sealed texts), never a
// ref or a sealed text, so none of them leaves src/db.
export type FeedRow = Omit<typeof feeds.$inferSelect, "addedByRef" | "addedBySealed">;
export type FeedItemRow = typeof feedItems.$inferSelect;
export type ReviewRow = Omit<
  typeof reviews.$inferSelect,
  "authorRef" | "authorSealed" | "reviewerRef" | "reviewerSealed"
> & { authorId: number; reviewerId: number | null };
export type CaseMetaRow = typeof caseMeta.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type Hearing = typeof hearings.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
export type UpdateRow = Omit<typeof updates.$inferSelect, "createdByRef" | "createdBySealed">;
export type ChatRow = Omit<typeof chats.$inferSelect, "ref" | "sealed"> & { id: number };
export type SubscriptionRow = Omit<typeof subscriptions.$inferSelect, "chatRef"> & { chatId: number };
export type EditorRow = { userId: number; addedBy: number | null; createdAt: Date };
export type AuditRow = Omit<typeof auditLog.$inferSelect, "actorRef" | "actorSealed" | "subjectSealed"> & { actorId: number | null };

export const schemaTables = {
  caseMeta,
  sources,
  events,
  hearings,
  topics,
  updates,
  chats,
  subscriptions,
  deliveries,
  kvState,
  unanswered,
  seenUpdates,
  editors,
  auditLog,
  feeds,
  feedItems,
  reviews,
};
