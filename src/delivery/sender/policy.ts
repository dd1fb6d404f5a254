import type { ClaimedDelivery, Outcome } from "../../db/deliveries.js";
import type { ChatStatus } from "../../db/schema.js";
import type { Logger } from "../../logger.js";
import type { Clock } from "../../shared/time.js";
import { backoffMs, classifySendError, type SendFailure } from "../errors.js";

/** What a failed send does to its row and its chat. */
export type FailureAction =
  /** 429: every send waits until `until` (monotonic), and this row goes first after. */
  | { kind: "pause"; seconds: number; until: number; resend: ClaimedDelivery }
  /** The chat is gone: the row is cancelled, the chat marked inactive, its other rows dropped. */
  | { kind: "gone"; outcome: Outcome; chatStatus: Extract<ChatStatus, "blocked" | "left"> }
  /** The group became a supergroup: the chat moves, and the row goes again first, to the new id. */
  | { kind: "migrated"; from: number; to: number; resend: ClaimedDelivery }
  /** 5xx or the network, attempts left: back to the table after a backoff. */
  | { kind: "retry"; outcome: Outcome }
  /** Out of attempts, or refused for good: dead-lettered with the error. */
  | { kind: "dead"; reason: "attempts" | "refused"; outcome: Outcome };

export interface DecideContext {
  /** Monotonic time now. */
  now: number;
  /** The clock's time now, for the next attempt's date. */
  wall: Date;
  maxAttempts: number;
  /** The wait before the next attempt, given the attempts made so far. */
  backoff: (attempts: number) => number;
}

/** The failure ladder applied to one row: what to do, without doing it. */
export function decideFailure(row: ClaimedDelivery, f: SendFailure, ctx: DecideContext): FailureAction {
  switch (f.kind) {
    case "retry_after":
      return { kind: "pause", seconds: f.seconds, until: ctx.now + f.seconds * 1000, resend: row };
    case "gone":
      return { kind: "gone", outcome: { id: row.id, status: "cancelled", error: f.description }, chatStatus: row.chatType === "private" ? "blocked" : "left" };
    case "migrated":
      return { kind: "migrated", from: row.chatId, to: f.to, resend: { ...row, chatId: f.to, chatType: "supergroup" } };
    case "transient":
      if (row.attempts >= ctx.maxAttempts) return { kind: "dead", reason: "attempts", outcome: { id: row.id, status: "dead", error: f.description } };
      return {
        kind: "retry",
        outcome: { id: row.id, status: "pending", nextAttemptAt: new Date(ctx.wall.getTime() + ctx.backoff(row.attempts)), error: f.description },
      };
    case "permanent":
      return { kind: "dead", reason: "refused", outcome: { id: row.id, status: "dead", error: f.description } };
  }
}

export interface FailureHandlerDeps {
  /** Where rows to send again and what is known of chats go (the send queue). */
  queue: { putFirst(row: ClaimedDelivery): void; chatGone(chatId: number): void; chatMoved(from: number, to: number): void; holdChat(chatId: number, until: number): void };
  /** The bot-wide gate, paused on a 429 that is the bot's, not one chat's. */
  slots: { pause(until: number): void };
  /** Tells a chat's 429 from the bot's (rate.ts). */
  tooMany: { global(chatId: number, now: number): boolean };
  finish: (out: Outcome) => void;
  /** The chat records to update (the subscriptions repository). */
  chats: {
    /** Updates the chat only if it is still on record (it may have been forgotten meanwhile). */
    markChatGone(chatId: number, status: Extract<ChatStatus, "blocked" | "left">, now: Date): Promise<unknown>;
    /** False when the old chat is not on record (forgotten): nothing is created, nothing resent. */
    migrateChat(from: number, to: number, now: Date): Promise<boolean>;
  };
  stats: { tooManyRequests: number; gone: number; migrated: number; retried: number; dead: number };
  logger: Logger;
  clock: Clock;
  mono: () => number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

/** Classifies a failed send, decides what it means (decideFailure) and does it. */
export function createFailureHandler(d: FailureHandlerDeps) {
  const backoff = (attempts: number) => backoffMs(attempts, d.backoffBaseMs, d.backoffMaxMs);
  return async function failed(row: ClaimedDelivery, err: unknown): Promise<void> {
    const f = classifySendError(err);
    const now = d.mono();
    const a = decideFailure(row, f, { now, wall: d.clock.now(), maxAttempts: d.maxAttempts, backoff });
    switch (a.kind) {
      case "pause":
        d.stats.tooManyRequests++;
        d.queue.holdChat(row.chatId, a.until);
        if (d.tooMany.global(row.chatId, now)) {
          d.slots.pause(a.until);
          d.logger.warn({ retryAfter: a.seconds }, "429 from Telegram: pausing sends");
        }
        // Only this chat waits: the row goes first once its chat may be written to again.
        d.queue.putFirst(a.resend);
        return;
      case "gone":
        d.stats.gone++;
        d.queue.chatGone(row.chatId);
        d.finish(a.outcome);
        try {
          await d.chats.markChatGone(row.chatId, a.chatStatus, d.clock.now());
        } catch (e) {
          d.logger.error({ err: e }, "could not mark a chat inactive");
        }
        return;
      case "migrated":
        d.stats.migrated++;
        try {
          if (!(await d.chats.migrateChat(a.from, a.to, d.clock.now()))) {
            // The chat was forgotten while this was on the way: its rows are gone, send nothing more.
            d.queue.chatGone(a.from);
            d.finish({ id: row.id, status: "cancelled", error: "chat forgotten" });
            return;
          }
        } catch (e) {
          d.logger.error({ err: e }, "could not move a migrated chat");
        }
        d.queue.chatMoved(a.from, a.to);
        d.queue.putFirst(a.resend);
        return;
      case "retry":
        d.stats.retried++;
        d.finish(a.outcome);
        return;
      case "dead":
        d.stats.dead++;
        d.finish(a.outcome);
        if (a.reason === "attempts") d.logger.error({ attempts: row.attempts, error: a.outcome.error }, "delivery dead-lettered");
        else d.logger.error({ error: a.outcome.error }, "delivery refused by Telegram");
        return;
    }
  };
}
