import type { Transformer } from "grammy";
import type { Chat, InlineKeyboardButton, Message, Update, UserFromGetMe } from "grammy/types";
import type { CaseBot } from "../../bot/index.js";
import type { LocalChatKind } from "../../bot/features/local.js";
import { htmlToText } from "../../shared/html.js";

export const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "casebot",
  username: "casebot_local_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

const USER = { id: 1, is_bot: false, first_name: "You" };
/** The two chats the terminal can be in: yours with the bot, and a group where you are the admin. */
export const LOCAL_CHATS: Record<LocalChatKind, Chat> = {
  private: { id: 1, type: "private", first_name: "You" },
  group: { id: -1_001_000_000_001, type: "supergroup", title: "Local group" },
};

interface Shown {
  chat: Chat;
  messageId: number;
  buttons: InlineKeyboardButton[];
}

/**
 * The bot in a terminal: every API call the bot makes is answered here as Telegram would, and
 * printed; inline buttons become numbered choices. Same middleware, same replies. What the outbox
 * sends comes through `showDelivery` (cli/local/port.ts), marked as a delivery.
 */
export class LocalChat {
  private nextMessageId = 1;
  private nextUpdateId = 1;
  private shown: Shown | undefined;
  private readonly languageCode: string | undefined;
  private readonly now: () => Date;
  private kind: LocalChatKind = "private";
  private wanted: LocalChatKind = "private";

  constructor(
    private readonly bot: CaseBot,
    private readonly out: (line: string) => void,
    opts: { languageCode?: string; now?: () => Date } = {},
  ) {
    this.languageCode = opts.languageCode;
    // Message dates follow the bot's clock, which /clock may have moved ahead of the machine's.
    this.now = opts.now ?? (() => new Date());
    bot.api.config.use(this.transformer);
  }

  /** The chat the next message is typed in. */
  get chat(): Chat {
    return LOCAL_CHATS[this.kind];
  }

  /** /as group, /as private: applied once the command's own reply is out. */
  switchTo(kind: LocalChatKind): void {
    this.wanted = kind;
  }

  private readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    const chat = this.chatById(p.chat_id) ?? this.chat;
    let result: unknown = true;
    switch (method) {
      case "sendMessage":
      case "editMessageText": {
        const id = method === "sendMessage" ? this.nextMessageId++ : Number(p.message_id ?? 0);
        this.print("bot> ", String(p.text ?? ""), p.parse_mode === "HTML", p.reply_markup, chat, id);
        result = this.message(chat, id, String(p.text ?? ""));
        break;
      }
      case "sendDocument": {
        const id = this.nextMessageId++;
        const doc = p.document as { filename?: string } | string | undefined;
        const name = typeof doc === "object" && doc?.filename ? doc.filename : "file";
        this.print("bot> ", `[file: ${name}]${p.caption ? `\n${String(p.caption)}` : ""}`, p.parse_mode === "HTML", p.reply_markup, chat, id);
        result = this.message(chat, id, "");
        break;
      }
      case "answerCallbackQuery":
        if (p.text) this.out(`  (${String(p.text)})`);
        break;
      case "getChatMember":
        result = { status: "creator", user: USER, is_anonymous: false };
        break;
      case "getChat":
        result = chat;
        break;
      case "getMe":
        result = LOCAL_BOT_INFO;
        break;
      default:
        // setMyCommands, sendChatAction, deleteMessage…: accepted and not shown.
        break;
    }
    return { ok: true, result } as never;
  };

  private chatById(id: unknown): Chat | undefined {
    return Object.values(LOCAL_CHATS).find((c) => c.id === Number(id));
  }

  /** Whether the outbox's chat id is one of the terminal's chats (the others exist only in the store). */
  isLocal(chatId: number): boolean {
    return this.chatById(chatId) !== undefined;
  }

  /** A message the outbox sent (a reminder, a notice, an update): printed apart from replies, its buttons numbered. */
  showDelivery(chatId: number, html: string, markup: unknown, messageId?: number): number {
    const chat = this.chatById(chatId) ?? this.chat;
    const id = messageId ?? this.nextMessageId++;
    const where = chat.type === "private" ? "" : ` (${chat.type === "supergroup" ? "group" : chat.type})`;
    this.print(`📬 delivery${where}${messageId ? ", edited" : ""}: `, html, true, markup, chat, id);
    return id;
  }

  private message(chat: Chat, id: number, text: string): Message {
    return { message_id: id, date: this.unixNow(), chat, from: { ...LOCAL_BOT_INFO }, text } as Message;
  }

  private print(prefix: string, text: string, html: boolean, markup: unknown, chat: Chat, messageId: number): void {
    const body = html ? htmlToText(text) : text;
    this.out(body.split("\n").map((l, i) => (i === 0 ? `${prefix}${l}` : `     ${l}`)).join("\n"));
    const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard;
    if (!rows?.length) return;
    this.shown = { chat, messageId, buttons: rows.flat() };
    let n = 0;
    for (const row of rows) {
      this.out(
        "     " +
          row
            .map((b) => {
              n++;
              const url = "url" in b ? ` → ${b.url}` : "";
              return `[${n}] ${b.text}${url}`;
            })
            .join("   "),
      );
    }
  }

  /** One line the person typed: a number picks a button, anything else is a message. */
  async input(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === "") return;
    const pick = /^\d{1,2}$/.test(trimmed) ? this.shown?.buttons[Number(trimmed) - 1] : undefined;
    if (pick && "callback_data" in pick) {
      await this.bot.handleUpdate(this.callbackUpdate(pick.callback_data));
      return;
    }
    if (pick && "url" in pick) {
      this.out(`  (opens ${pick.url})`);
      return;
    }
    if (pick && "switch_inline_query" in pick) {
      this.out("  (shares the bot in another chat: not available in the terminal)");
      return;
    }
    await this.bot.handleUpdate(this.messageUpdate(line));
    if (this.wanted !== this.kind) await this.enter(this.wanted);
  }

  /** Telegram tells a bot it was added to a group with my_chat_member; the bot records the chat from it. */
  private async enter(kind: LocalChatKind): Promise<void> {
    this.kind = kind;
    this.shown = undefined;
    if (kind !== "group") return;
    await this.bot.handleUpdate({
      update_id: this.nextUpdateId++,
      my_chat_member: {
        chat: this.chat,
        from: this.from(),
        date: this.unixNow(),
        old_chat_member: { status: "left", user: { ...LOCAL_BOT_INFO } },
        new_chat_member: { status: "member", user: { ...LOCAL_BOT_INFO } },
      },
    } as Update);
  }

  private unixNow(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  private from() {
    return { ...USER, language_code: this.languageCode };
  }

  private messageUpdate(text: string): Update {
    const entities = [];
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    if (command) entities.push({ type: "bot_command" as const, offset: 0, length: command[0].length });
    // In a group the bot answers only when named: Telegram marks @username as a mention entity.
    for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) if (m.index >= (command?.[0].length ?? 0)) entities.push({ type: "mention" as const, offset: m.index, length: m[0].length });
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.nextMessageId++,
        date: this.unixNow(),
        chat: this.chat,
        from: this.from(),
        text,
        ...(entities.length ? { entities } : {}),
      },
    } as Update;
  }

  private callbackUpdate(data: string): Update {
    const shown = this.shown;
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: String(this.nextUpdateId),
        chat_instance: "local",
        from: this.from(),
        data,
        message: this.message(shown?.chat ?? this.chat, shown?.messageId ?? 0, ""),
      },
    };
  }
}
