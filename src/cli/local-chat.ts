import { createInterface } from "node:readline";
import type { App } from "../app.js";
import type { LocalChatKind, LocalControls } from "../bot/features/local.js";
import type { MovableClock } from "../shared/clock.js";
import { LocalChat } from "./local/chat.js";
import { localPort } from "./local/port.js";
import { createSettle } from "./local/settle.js";

export { LOCAL_BOT_INFO } from "./local/chat.js";

/**
 * What the bot's /clock and /as commands reach: made before the app (the bot is built with
 * them), joined to the terminal once it exists.
 */
export function createLocalSession(clock: MovableClock) {
  let chat: LocalChat | undefined;
  const controls: LocalControls = { clock, switchTo: (kind: LocalChatKind) => chat?.switchTo(kind) };
  return {
    clock,
    controls,
    attach(c: LocalChat) {
      chat = c;
    },
  };
}
export type LocalSession = ReturnType<typeof createLocalSession>;

/**
 * Reads lines until end of input; piped input is echoed so the transcript reads as a chat. The
 * scheduler and the sender run as in production, against a Telegram that prints in this terminal;
 * after each line the outbox is given time to send what that line made due. `site` serves the
 * case's site beside it (WEB).
 */
export async function runLocalChat(
  app: App,
  session: LocalSession,
  opts: { languageCode?: string; site?: () => Promise<{ url: string; close(): Promise<void> } | undefined> } = {},
): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const chat = new LocalChat(app.bot, out, { languageCode: opts.languageCode, now: () => session.clock.now() });
  session.attach(chat);
  const delivery = app.startDelivery({ sender: { idleMs: 100 } }, localPort(chat));
  let waking: Promise<void> = Promise.resolve();
  // The clock jumped: the scheduler looks at once instead of at its next tick.
  session.clock.onMove(() => {
    waking = delivery.wake();
  });
  const settle = createSettle({ database: app.deps.database, clock: session.clock, pending: () => waking });

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
  try {
    for await (const line of rl) {
      if (!tty && line.trim()) out(`you> ${line}`);
      await chat.input(line);
      await settle();
      if (tty) rl.prompt();
    }
  } finally {
    await delivery.stop();
  }
  await site?.close();
}
