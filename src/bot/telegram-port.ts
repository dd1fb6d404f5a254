import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { Api, GrammyError, HttpError } from "grammy";
import { TelegramRefusal, TelegramUnreachable, type TelegramPort } from "../delivery/port.js";
import { toMarkup } from "./keyboards.js";

function mapError(err: unknown): unknown {
  if (err instanceof GrammyError) return new TelegramRefusal(err.error_code, err.description, err.parameters?.retry_after, err.parameters?.migrate_to_chat_id);
  if (err instanceof HttpError) return new TelegramUnreachable(String((err.error as Error)?.message ?? err.message));
  return err;
}

/**
 * The Bot API client the sender uses. Its connections are kept open and reused, as many as it has
 * sends in flight: with the agent's default of 256 idle sockets kept, a sender with more in flight
 * closed and reopened connections all the time (a profile showed connects and closes among its top costs).
 */
export function deliveryApi(token: string, apiRoot: string | undefined, maxSockets = 1_000): Api {
  const https = !apiRoot || apiRoot.startsWith("https:");
  const agent = new (https ? HttpsAgent : HttpAgent)({ keepAlive: true, maxFreeSockets: maxSockets, scheduling: "lifo" });
  // What grammY sets for Node (platform.node.js), with this agent instead of its default one.
  const baseFetchConfig = { agent, duplex: "half", ...(https ? { compress: true } : {}) } as Record<string, unknown>;
  return new Api(token, { apiRoot, timeoutSeconds: 30, baseFetchConfig });
}

/** Delivery's port on a grammY Api: HTML, no link previews, buttons encoded, errors in delivery's terms. */
export function telegramPort(api: Api): TelegramPort {
  return {
    async sendMessage(m) {
      try {
        const reply_markup = toMarkup(m.buttons);
        const msg = await api.sendMessage(m.chatId, m.html, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(reply_markup ? { reply_markup } : {}),
          ...(m.paidBroadcast ? { allow_paid_broadcast: true } : {}),
        }, m.signal as Parameters<Api["sendMessage"]>[3]);
        return { messageId: msg.message_id };
      } catch (err) {
        throw mapError(err);
      }
    },
    async editMessage(m) {
      try {
        const reply_markup = toMarkup(m.buttons);
        await api.editMessageText(m.chatId, m.messageId, m.html, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(reply_markup ? { reply_markup } : {}),
        });
      } catch (err) {
        throw mapError(err);
      }
    },
    async deleteMessage(m) {
      try {
        await api.deleteMessage(m.chatId, m.messageId);
      } catch (err) {
        throw mapError(err);
      }
    },
  };
}
