import { createInterface } from "node:readline";
import type { Transformer } from "grammy";
import type { InlineKeyboardButton, Message, Update, UserFromGetMe } from "grammy/types";
import type { CaseBot } from "../bot/index.js";
import { htmlToText } from "../shared/html.js";

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

const CHAT_ID = 1;
const USER = { id: 1, is_bot: false, first_name: "You" };

interface Shown {
  messageId: number;
  buttons: InlineKeyboardButton[];
}

/**
 * The bot in a terminal: every API call the bot makes is answered here as Telegram would, and
 * printed; inline buttons become numbered choices. Same middleware, same replies.
 */
export class LocalChat {
  private nextMessageId = 1;
  private nextUpdateId = 1;
  private shown: Shown | undefined;
  private languageCode: string | undefined;

  constructor(
    private readonly bot: CaseBot,
    private readonly out: (line: string) => void,
    opts: { languageCode?: string } = {},
  ) {
    this.languageCode = opts.languageCode;
    bot.api.config.use(this.transformer);
  }

  private readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    let result: unknown = true;
    switch (method) {
      case "sendMessage":
      case "editMessageText": {
        const id = method === "sendMessage" ? this.nextMessageId++ : Number(p.message_id ?? 0);
        this.print(String(p.text ?? ""), p.parse_mode === "HTML", p.reply_markup, id);
        result = this.message(id, String(p.text ?? ""));
        break;
      }
      case "sendDocument": {
        const id = this.nextMessageId++;
        const doc = p.document as { filename?: string } | string | undefined;
        const name = typeof doc === "object" && doc?.filename ? doc.filename : "file";
        this.print(`[file: ${name}]${p.caption ? `\n${String(p.caption)}` : ""}`, p.parse_mode === "HTML", p.reply_markup, id);
        result = this.message(id, "");
        break;
      }
      case "answerCallbackQuery":
        if (p.text) this.out(`  (${String(p.text)})`);
        break;
      case "getChatMember":
        result = { status: "creator", user: USER, is_anonymous: false };
        break;
      case "getChat":
        result = { id: CHAT_ID, type: "private", first_name: "You" };
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

  private message(id: number, text: string): Message {
    return {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: { id: CHAT_ID, type: "private", first_name: "You" },
      from: { ...LOCAL_BOT_INFO },
      text,
    } as Message;
  }

  private print(text: string, html: boolean, markup: unknown, messageId: number): void {
    const body = html ? htmlToText(text) : text;
    this.out(body.split("\n").map((l, i) => (i === 0 ? `bot> ${l}` : `     ${l}`)).join("\n"));
    const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard;
    if (!rows?.length) return;
    const buttons = rows.flat();
    this.shown = { messageId, buttons };
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
  }

  private from() {
    return { ...USER, language_code: this.languageCode };
  }

  private messageUpdate(text: string): Update {
    const command = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: CHAT_ID, type: "private", first_name: USER.first_name },
        from: this.from(),
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      },
    };
  }

  private callbackUpdate(data: string): Update {
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: String(this.nextUpdateId),
        chat_instance: "local",
        from: this.from(),
        data,
        message: this.message(this.shown?.messageId ?? 0, ""),
      },
    };
  }
}

/** Reads lines until end of input; piped input is echoed so the transcript reads as a chat. `site` serves the case's site beside it (WEB). */
export async function runLocalChat(bot: CaseBot, opts: { languageCode?: string; site?: () => Promise<{ url: string; close(): Promise<void> } | undefined> } = {}): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const chat = new LocalChat(bot, out, opts);
  const tty = process.stdin.isTTY;
  // Interactive only: a piped transcript ends at once and has no one to open a page.
  const site = tty ? await opts.site?.() : undefined;
  if (tty) out("casebot local chat: type a question or a command (/start, /help); a number picks a button; Ctrl+D quits.");
  if (tty && site) out(`The case's site: ${site.url}`);
  const rl = createInterface({ input: process.stdin, terminal: tty });
  if (tty) {
    rl.setPrompt("you> ");
    rl.prompt();
  }
  for await (const line of rl) {
    if (!tty && line.trim()) out(`you> ${line}`);
    await chat.input(line);
    if (tty) rl.prompt();
  }
  await site?.close();
}
