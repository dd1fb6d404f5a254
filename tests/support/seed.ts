/**
 * Rows for tests, one call each, typed by the schema: every field a table takes can be given,
 * everything else gets a default that makes a valid row. Hearings get their instants from the
 * case's own rule (`hearingInstants`), so `starts_at` and `upcoming_until` are what the app
 * itself would have stored.
 */
import { hearingInstants } from "../../src/case/hearings.js";
import type { Database } from "../../src/db/client.js";
import { person, refOf, sealFor } from "../../src/db/refs.js";
import { chats, deliveries, editors, hearings, kvState, subscriptions, unanswered, updates } from "../../src/db/schema.js";

// Tests speak of people by their Telegram ids, as the app's callers do; these turn them into the
// refs and sealed texts the tables hold (under the test database's keyring), as the repositories do.
type ChatValues = Omit<typeof chats.$inferInsert, "ref" | "sealed" | "legacyId"> & { id: number };
type SubscriptionValues = typeof subscriptions.$inferInsert;
type HearingValues = typeof hearings.$inferInsert;
type UpdateValues = Omit<typeof updates.$inferInsert, "legacyCreatedBy" | "createdByRef" | "createdBySealed"> & { createdBy?: number | null };
type EditorValues = { userId: number; addedBy?: number | null; createdAt?: Date };
type DeliveryValues = Omit<typeof deliveries.$inferInsert, "chatRef" | "legacyChatId"> & { chatId: number };
type UnansweredValues = typeof unanswered.$inferInsert;

/** A chat's key columns under the test database's keyring. */
const chatKeyOf = (database: Database, id: number) => person(database.db, id);

/** The case's time zone in these tests, as the default config has it. */
export const TZ = "Asia/Almaty";

/** When seeded rows happen, unless told: before any test's clock, so nothing seeded is "new". */
const SEEDED_AT = new Date("2025-01-01T00:00:00Z");

/** A chat: private, active and in English unless told otherwise. */
export async function seedChat(database: Database, chat: Pick<ChatValues, "id"> & Partial<ChatValues>) {
  const { id, ...rest } = chat;
  const [row] = await database.db
    .insert(chats)
    .values({ type: "private", language: "en", ...rest, ...chatKeyOf(database, id) })
    .returning();
  return { ...row!, id };
}

/**
 * What a subscriber is made of, by the short names tests speak in: the chat's `type`, `status`
 * and `lang` (chats.language), and the subscription's `reminders`, `updates`, `leads`
 * (lead_times) and `since` (created_at).
 */
export interface SubscriberOptions {
  lang?: ChatValues["language"];
  type?: ChatValues["type"];
  status?: ChatValues["status"];
  reminders?: SubscriptionValues["reminders"];
  updates?: SubscriptionValues["updates"];
  leads?: SubscriptionValues["leadTimes"];
  since?: SubscriptionValues["createdAt"];
}

const DEFAULT_LEADS = ["1d", "morning@08:00"];

const chatValues = (database: Database, id: number, o: SubscriberOptions): typeof chats.$inferInsert => ({
  ...chatKeyOf(database, id),
  type: o.type ?? "private",
  language: o.lang === undefined ? "en" : o.lang,
  status: o.status ?? "active",
});

const subscriptionValues = (database: Database, id: number, o: SubscriberOptions): SubscriptionValues => ({
  chatRef: refOf(database.db, id),
  reminders: o.reminders ?? true,
  updates: o.updates ?? true,
  leadTimes: o.leads ?? DEFAULT_LEADS,
  createdAt: o.since ?? SEEDED_AT,
});

/** A chat with a subscription: reminders 1 day before and on the morning, and updates, in English. */
export async function seedSubscriber(database: Database, subscriber: { id: number } & SubscriberOptions): Promise<void> {
  await seedSubscribers(database, [subscriber]);
}

/**
 * Many subscribers in one statement per table: `n` alike ones with ids from `first` (1000 unless
 * told), or the ones listed, each with its own options. Returns their chat ids.
 */
export async function seedSubscribers(database: Database, n: number, opts?: SubscriberOptions & { first?: number }): Promise<number[]>;
export async function seedSubscribers(database: Database, list: Array<{ id: number } & SubscriberOptions>): Promise<number[]>;
export async function seedSubscribers(
  database: Database,
  what: number | Array<{ id: number } & SubscriberOptions>,
  opts: SubscriberOptions & { first?: number } = {},
): Promise<number[]> {
  const first = opts.first ?? 1_000;
  const list = typeof what === "number" ? Array.from({ length: what }, (_, i) => ({ ...opts, id: first + i })) : what;
  if (!list.length) return [];
  for (let i = 0; i < list.length; i += 5_000) {
    const part = list.slice(i, i + 5_000);
    await database.db.insert(chats).values(part.map((s) => chatValues(database, s.id, s)));
    await database.db.insert(subscriptions).values(part.map((s) => subscriptionValues(database, s.id, s)));
  }
  return list.map((s) => s.id);
}

/**
 * A hearing (id `h1` unless told): "Opening of the trial" in Taldykorgan, scheduled, version 1,
 * citing the case file's Amnesty source. Its instants follow from its date and time in `timeZone`.
 */
export async function seedHearing(database: Database, hearing: Pick<HearingValues, "date"> & Partial<HearingValues>, timeZone = TZ) {
  const [row] = await database.db
    .insert(hearings)
    .values({
      id: "h1",
      title: { en: "Opening of the trial", kk: "Сот процесінің басталуы", ru: "Начало судебного процесса" },
      place: { en: "Taldykorgan", kk: "Талдықорған", ru: "Талдыкорган" },
      status: "scheduled",
      sourceIds: ["amnesty-2026-01"],
      ...hearingInstants({ date: hearing.date, time: hearing.time ?? null }, timeZone),
      ...hearing,
    })
    .returning();
  return row!;
}

/** A published case update, in English unless a body is given. */
export async function seedUpdate(database: Database, update: Partial<UpdateValues> = {}) {
  const { createdBy, ...rest } = update;
  const by = createdBy === undefined || createdBy === null ? {} : { createdByRef: refOf(database.db, createdBy), createdBySealed: person(database.db, createdBy).sealed };
  const [row] = await database.db
    .insert(updates)
    .values({ body: { en: "News" }, ...rest, ...by })
    .returning();
  return row!;
}

/** An editor, added by user 1 unless told. */
export async function seedEditor(database: Database, editor: EditorValues) {
  const me = person(database.db, editor.userId);
  const addedBy = editor.addedBy === undefined ? 1 : editor.addedBy;
  const by = addedBy === null ? {} : { addedByRef: refOf(database.db, addedBy), addedBySealed: person(database.db, addedBy).sealed };
  await database.db
    .insert(editors)
    .values({ userRef: me.ref, sealed: me.sealed, ...by, ...(editor.createdAt ? { createdAt: editor.createdAt } : {}) });
  return { userId: editor.userId, addedBy };
}

/** An outbox row: a pending reminder due at `dueAt` (and first tried then), unless told otherwise. */
export async function seedDelivery(database: Database, delivery: Pick<DeliveryValues, "chatId" | "subjectId"> & Partial<DeliveryValues>) {
  const dueAt = delivery.dueAt ?? SEEDED_AT;
  const { chatId, ...rest } = delivery;
  const [row] = await database.db
    .insert(deliveries)
    .values({ kind: "reminder", dueAt, nextAttemptAt: dueAt, ...rest, chatRef: refOf(database.db, chatId) })
    .returning();
  return { ...row!, chatId };
}

/** A question the bot could not answer, in English unless told. */
export async function seedUnanswered(database: Database, question: Pick<UnansweredValues, "text"> & Partial<UnansweredValues>) {
  const [row] = await database.db
    .insert(unanswered)
    .values({ lang: "en", ...question })
    .returning();
  return row!;
}

/** A subscriber with something in every table that holds a chat id: a queued reminder, a sent update, conversation state. */
export async function seedEverythingAbout(database: Database, chatId: number, type: ChatValues["type"] = "private"): Promise<void> {
  await seedSubscriber(database, { id: chatId, type, lang: "ru", leads: ["1d"] });
  await seedDelivery(database, { chatId, subjectId: "h1", lead: "1d" });
  await seedDelivery(database, { chatId, kind: "update", subjectId: "u1", status: "sent" });
  const ref = refOf(database.db, chatId);
  await database.db.insert(kvState).values({ key: `conversation:${ref}`, chatRef: ref, chatSealed: sealFor(database.db, chatId), value: { step: 2 } });
}
