import { and, eq, inArray, sql } from "drizzle-orm";
import { adoptChat, chatKeys } from "./chats.js";
import type { Db, Executor } from "./client.js";
import { refOf, refsOf } from "./refs.js";
import { chats, deliveries, subscriptions, type ChatRow, type ChatType, type SubscriptionRow } from "./schema.js";

export type { SubscriptionRow };
import type { Lang } from "../shared/lang.js";

export type SubscriptionPatch = Partial<Pick<SubscriptionRow, "reminders" | "updates" | "leadTimes">>;

/** A subscription as the app sees it: the chat's id, not its ref. */
const asRow = (chatId: number, r: typeof subscriptions.$inferSelect): SubscriptionRow => ({
  chatId,
  reminders: r.reminders,
  updates: r.updates,
  leadTimes: r.leadTimes,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export function createSubscriptionsRepo(db: Db) {
  /** Queued rows of a chat that stopped wanting or being able to receive them. */
  const cancelQueued = (chatId: number, reason: string) =>
    db
      .update(deliveries)
      .set({ status: "cancelled", leaseUntil: null, lastError: reason })
      .where(and(inArray(deliveries.chatRef, refsOf(db, chatId)), inArray(deliveries.status, ["pending", "sending"])));
  const mine = (ex: Executor, chatId: number) => inArray(subscriptions.chatRef, refsOf(ex, chatId));

  return {
    async get(chatId: number): Promise<SubscriptionRow | undefined> {
      const [row] = await db.select().from(subscriptions).where(mine(db, chatId)).limit(1);
      return row && asRow(chatId, row);
    },

    /**
     * Subscribes a chat (reminders and updates on) and marks it active. The chat keeps the language
     * it was subscribed in, so messages sent later on its own initiative are in that language.
     * An existing subscription keeps its lead times.
     */
    async subscribe(
      chatId: number,
      type: ChatType,
      opts: { lang: Lang; leadTimes: string[]; now: Date },
    ): Promise<{ created: boolean; row: SubscriptionRow }> {
      return db.transaction(async (tx) => {
        await adoptChat(tx, chatId);
        const keys = chatKeys(tx, chatId);
        await tx
          .insert(chats)
          .values({ ...keys, type, language: opts.lang, status: "active", createdAt: opts.now, updatedAt: opts.now })
          .onConflictDoUpdate({
            target: chats.ref,
            set: { type, status: "active", language: sql`coalesce(${chats.language}, ${opts.lang})`, updatedAt: opts.now },
          });
        const [existing] = await tx.select().from(subscriptions).where(eq(subscriptions.chatRef, keys.ref));
        if (existing) {
          const [row] = await tx
            .update(subscriptions)
            .set({ reminders: true, updates: true, updatedAt: opts.now })
            .where(eq(subscriptions.chatRef, keys.ref))
            .returning();
          return { created: false, row: asRow(chatId, row!) };
        }
        const [row] = await tx
          .insert(subscriptions)
          .values({ chatRef: keys.ref, leadTimes: opts.leadTimes, createdAt: opts.now, updatedAt: opts.now })
          .returning();
        return { created: true, row: asRow(chatId, row!) };
      });
    },

    /** Removes the subscription and drops what was queued for the chat. */
    async unsubscribe(chatId: number): Promise<boolean> {
      return db.transaction(async (tx) => {
        const gone = await tx.delete(subscriptions).where(mine(tx, chatId)).returning({ ref: subscriptions.chatRef });
        await tx
          .update(deliveries)
          .set({ status: "cancelled", leaseUntil: null, lastError: "unsubscribed" })
          .where(and(inArray(deliveries.chatRef, refsOf(tx, chatId)), eq(deliveries.status, "pending")));
        return gone.length > 0;
      });
    },

    async update(chatId: number, patch: SubscriptionPatch, now: Date): Promise<SubscriptionRow | undefined> {
      const [row] = await db
        .update(subscriptions)
        .set({ ...patch, updatedAt: now })
        .where(mine(db, chatId))
        .returning();
      if (row && patch.reminders === false && patch.updates === false) await cancelQueued(chatId, "turned off");
      return row && asRow(chatId, row);
    },

    /**
     * What `my_chat_member` says of the bot in a chat. A chat that blocked or removed the bot is
     * kept (its subscription comes back if it returns) but nothing more is queued or sent to it.
     */
    async setChatStatus(chatId: number, type: ChatType, status: ChatRow["status"], now: Date): Promise<void> {
      await adoptChat(db, chatId);
      await db
        .insert(chats)
        .values({ ...chatKeys(db, chatId), type, status, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: chats.ref, set: { type, status, updatedAt: now } });
      if (status !== "active") await cancelQueued(chatId, status === "blocked" ? "blocked by the user" : "bot removed from the chat");
    },

    /**
     * The sender learnt the chat can no longer receive (403, chat not found): marks it inactive and
     * drops what is queued, but only if the chat is still on record. A chat forgotten while its
     * message was on the way stays forgotten: nothing but the person's own action creates a chat row.
     */
    async markChatGone(chatId: number, status: Extract<ChatRow["status"], "blocked" | "left">, now: Date): Promise<boolean> {
      const hit = await db.update(chats).set({ status, updatedAt: now }).where(inArray(chats.ref, refsOf(db, chatId))).returning({ ref: chats.ref });
      if (!hit.length) return false;
      await cancelQueued(chatId, status === "blocked" ? "blocked by the user" : "bot removed from the chat");
      return true;
    },

    /**
     * A group became a supergroup: its chat row is re-keyed (the new id's ref and sealed text), and
     * its subscription and outbox rows follow (ON UPDATE CASCADE, and the outbox's trigger). A row already made for the new id (the bot saw the supergroup first)
     * gives way, keeping its language if the old one had none. Safe to call twice.
     */
    async migrateChat(from: number, to: number, now: Date): Promise<boolean> {
      if (from === to) return false;
      return db.transaction(async (tx) => {
        await adoptChat(tx, from);
        await adoptChat(tx, to);
        const fromRef = refOf(tx, from);
        const target = chatKeys(tx, to);
        const [old] = await tx.select().from(chats).where(eq(chats.ref, fromRef)).for("update");
        if (!old) return false;
        const [taken] = await tx.select().from(chats).where(eq(chats.ref, target.ref)).for("update");
        const [oldSub] = await tx.select().from(subscriptions).where(eq(subscriptions.chatRef, fromRef));
        const [newSub] = taken ? await tx.select().from(subscriptions).where(eq(subscriptions.chatRef, target.ref)) : [];
        if (taken && newSub && !oldSub) {
          // The supergroup subscribed on its own already: it wins, the old group simply goes.
          await tx.delete(chats).where(eq(chats.ref, fromRef));
          return true;
        }
        if (taken) await tx.delete(chats).where(eq(chats.ref, target.ref));
        await tx
          .update(chats)
          .set({ ...target, type: "supergroup", status: "active", language: old.language ?? taken?.language ?? null, updatedAt: now })
          .where(eq(chats.ref, fromRef));
        return true;
      });
    },
  };
}

export type SubscriptionsRepo = ReturnType<typeof createSubscriptionsRepo>;
