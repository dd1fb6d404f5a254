import type { Database } from "../db/client.js";
import { copyMessageId } from "../db/copies.js";
import type { ClaimedDelivery } from "../db/deliveries.js";
import type { Buttons } from "../render/buttons.js";
import { TelegramRefusal, TelegramUnreachable, type TelegramPort } from "./port.js";

/**
 * How one outbox row reaches Telegram. A new message for most kinds; for an update's follow-ups
 * the copy already delivered: `update_edit` edits it in place (a correction, a later
 * translation), `update_delete` deletes it, or, where Telegram no longer allows that, sends the
 * short retraction notice the row rendered. Errors are the port's, so the sender's failure ladder
 * (429 pause, 5xx backoff, a 400 dead-lettered, never retried) applies to edits as to sends.
 */
export async function deliverRow(
  d: { port: TelegramPort; database: Database; paidBroadcast: boolean },
  row: ClaimedDelivery,
  html: string,
  buttons: Buttons,
  signal?: AbortSignal,
): Promise<{ messageId?: number; skipped?: string }> {
  if (row.kind !== "update_edit" && row.kind !== "update_delete") {
    return d.port.sendMessage({ chatId: row.chatId, html, buttons, paidBroadcast: d.paidBroadcast, signal });
  }
  const messageId = await copyOf(d.database, row);
  if (messageId === null) return { skipped: "the copy was never delivered" };
  if (row.kind === "update_edit") {
    try {
      await d.port.editMessage({ chatId: row.chatId, messageId, html, buttons });
    } catch (err) {
      // The copy already reads this way (an edit made twice): nothing left to do.
      if (!(err instanceof TelegramRefusal && err.code === 400 && /not modified/i.test(err.description))) throw err;
    }
    return { messageId };
  }
  try {
    if (!d.port.deleteMessage) throw new TelegramRefusal(400, "Bad Request: message can't be deleted");
    await d.port.deleteMessage({ chatId: row.chatId, messageId });
    return { messageId };
  } catch (err) {
    if (!(err instanceof TelegramRefusal && err.code === 400 && !GONE.test(err.description))) throw err;
    // The person deleted it already: nothing to retract.
    if (/not found/i.test(err.description)) return { messageId };
    // Too old to delete (48 hours in private chats), or no right to: the notice goes instead.
    return d.port.sendMessage({ chatId: row.chatId, html, buttons, paidBroadcast: d.paidBroadcast });
  }
}

/** Refusals that say the chat is gone, not the message: those go up the failure ladder. */
const GONE = /chat not found|peer_id_invalid|user not found|deactivated|kicked|forbidden|upgraded/i;

/**
 * The id of the message to edit or delete: in the row when its copy had been sent when it was
 * queued; else read now from the copy's row. Null: the copy never went out (nothing to change).
 * A copy still in flight makes this row wait, as a network failure would, and come back.
 */
async function copyOf(database: Database, row: ClaimedDelivery): Promise<number | null> {
  const p = row.payload ?? {};
  if (typeof p.messageId === "number") return p.messageId;
  const copy = typeof p.copyOf === "number" ? await copyMessageId(database.db, p.copyOf) : undefined;
  if (!copy || copy.status === "dead" || copy.status === "cancelled") return null;
  if (copy.messageId === null) throw new TelegramUnreachable("the copy to change is still being sent");
  return copy.messageId;
}
