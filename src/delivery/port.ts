import type { Buttons } from "../render/buttons.js";

/**
 * How delivery talks to Telegram: the few calls it makes, in its own terms. The grammY adapter
 * (bot/telegram-port.ts) encodes buttons and maps Telegram's errors to the two classes below;
 * tests and the local chat can plug in their own.
 */
export interface TelegramPort {
  sendMessage(m: OutgoingMessage): Promise<{ messageId: number }>;
  editMessage(m: { chatId: number; messageId: number; html: string; buttons?: Buttons }): Promise<void>;
  /** For retractions; a port without it leaves a retraction notice instead (delivery/edits.ts). */
  deleteMessage?(m: { chatId: number; messageId: number }): Promise<void>;
}

export interface OutgoingMessage {
  chatId: number;
  html: string;
  buttons?: Buttons;
  /** allow_paid_broadcast: up to 1000 messages a second, paid in Stars. */
  paidBroadcast?: boolean;
  /** Aborts the request: the sender's deadline passed with no answer. */
  signal?: AbortSignal;
}

/** Telegram answered with an error: its code, description and parameters. */
export class TelegramRefusal extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly retryAfter?: number,
    readonly migrateTo?: number,
  ) {
    super(`${code} ${description}`);
    this.name = "TelegramRefusal";
  }
}

/** No answer from Telegram: the network, a timeout, a dropped connection. */
export class TelegramUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TelegramUnreachable";
  }
}
