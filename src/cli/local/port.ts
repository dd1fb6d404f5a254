import { toMarkup } from "../../bot/keyboards.js";
import type { TelegramPort } from "../../delivery/port.js";
import type { LocalChat } from "./chat.js";

/**
 * The outbox's Telegram in the terminal: what the sender sends to one of the local chats is
 * printed there as a delivery, with its buttons numbered like a reply's. Other chats (rows from a
 * store shared with a real bot) are accepted unseen, as Telegram would deliver them elsewhere.
 */
export function localPort(chat: LocalChat): TelegramPort {
  let otherIds = 1_000_000;
  return {
    async sendMessage(m) {
      if (!chat.isLocal(m.chatId)) return { messageId: otherIds++ };
      return { messageId: chat.showDelivery(m.chatId, m.html, toMarkup(m.buttons)) };
    },
    async editMessage(m) {
      if (chat.isLocal(m.chatId)) chat.showDelivery(m.chatId, m.html, toMarkup(m.buttons), m.messageId);
    },
  };
}
