import type { ClaimedDelivery, Outcome } from "../../db/deliveries.js";
import type { Clock } from "../../shared/time.js";
import { isGroupChat, type ChatPacer } from "../rate.js";

export interface SendQueueOptions {
  /** Per-chat spacing and group windows: when a row's chat is free. */
  pacer: ChatPacer;
  /** A row that must wait longer than this for its chat goes back to the table until then. */
  holdMs: number;
  clock: Clock;
  /** Where a row the queue is done with goes (cancelled, or handed back to wait). */
  finish: (out: Outcome) => void;
  stats: { cancelled: number };
}

interface Delayed {
  row: ClaimedDelivery;
  /** Monotonic time before which it may not be sent. */
  at: number;
}

/**
 * The claimed rows waiting to be sent, in order: a ready list, and a delayed list of rows whose
 * chat is not free yet (each with the moment it will be). It also knows which chats left (their
 * rows are cancelled) and which moved to a new id (their rows go there). Times are monotonic.
 */
export class SendQueue {
  private readonly ready: ClaimedDelivery[] = [];
  private readonly delayed: Delayed[] = [];
  private readonly goneChats = new Set<number>();
  private readonly movedChats = new Map<number, number>();

  constructor(private readonly o: SendQueueOptions) {}

  /** Rows ready or waiting for their chat. */
  get size(): number {
    return this.ready.length + this.delayed.length;
  }

  get readyCount(): number {
    return this.ready.length;
  }

  /** A freshly claimed row: queued, or cancelled at once if its chat is not active. */
  admit(row: ClaimedDelivery): void {
    if (row.chatStatus !== "active" || this.goneChats.has(row.chatId)) this.cancel(row);
    else this.ready.push(row);
  }

  /** A row to send again before any other (after a 429 or a migration). */
  putFirst(row: ClaimedDelivery): void {
    this.ready.unshift(row);
  }

  /** The chat cannot receive any more: its rows still queued are cancelled when their turn comes. */
  chatGone(chatId: number): void {
    this.goneChats.add(chatId);
  }

  /** Telegram said 429 for this chat: nothing goes to it before `until` (monotonic). */
  holdChat(chatId: number, until: number): void {
    this.o.pacer.holdUntil(chatId, until);
  }

  /** The group became a supergroup: its rows still queued go to the new id. */
  chatMoved(from: number, to: number): void {
    this.movedChats.set(from, to);
  }

  /** Moves rows whose chat is free again from the waiting list back to the front. */
  releaseDelayed(now: number): void {
    const { delayed, ready } = this;
    if (!delayed.length) return;
    const due: ClaimedDelivery[] = [];
    for (let i = delayed.length - 1; i >= 0; i--) {
      if (delayed[i]!.at <= now) {
        due.push(delayed[i]!.row);
        delayed.splice(i, 1);
      }
    }
    if (due.length) ready.unshift(...due.reverse().sort((a, b) => a.id - b.id));
  }

  /**
   * The next row that may go now, if any. Rows on the way whose chat left are cancelled; rows whose
   * chat is busy wait in the delayed list, or go back to the table if the wait is longer than holdMs.
   */
  next(now: number): ClaimedDelivery | undefined {
    const { ready, o } = this;
    while (ready.length) {
      let row = ready.shift()!;
      const moved = this.movedChats.get(row.chatId);
      if (moved !== undefined) row = { ...row, chatId: moved, chatType: "supergroup" };
      if (this.goneChats.has(row.chatId)) {
        this.cancel(row);
        continue;
      }
      const at = o.pacer.availableAt(row.chatId, isGroupChat(row.chatType), now);
      if (at <= now) return row;
      if (at - now > o.holdMs) {
        // A long wait (a busy group): back to the table with its time, so the lease does not run out.
        o.finish({ id: row.id, status: "pending", nextAttemptAt: new Date(o.clock.now().getTime() + (at - now)), undoAttempt: true });
      } else this.delayed.push({ row, at });
    }
    return undefined;
  }

  /** The row is being sent now: its chat counts it. */
  sending(row: ClaimedDelivery, now: number): void {
    this.o.pacer.record(row.chatId, isGroupChat(row.chatType), now);
  }

  /** The row's send was answered or given up on: its chat's spacing runs from now. */
  settled(row: ClaimedDelivery, now: number): void {
    this.o.pacer.settled(row.chatId, now);
  }

  /** When the first delayed row's chat is free (Infinity if none waits). */
  nextDelayedAt(): number {
    return this.delayed.reduce((m, d) => Math.min(m, d.at), Infinity);
  }

  /** Empties the queue, returning its rows (ready first, then delayed): for handing them back. */
  takeAll(): ClaimedDelivery[] {
    const rows = [...this.ready, ...this.delayed.map((d) => d.row)];
    this.ready.length = 0;
    this.delayed.length = 0;
    return rows;
  }

  private cancel(row: ClaimedDelivery): void {
    this.o.stats.cancelled++;
    this.o.finish({ id: row.id, status: "cancelled", error: "chat inactive" });
  }
}
