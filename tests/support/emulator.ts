import TelegramServerModule from "telegram-test-api";
import type { TelegramServer as TelegramServerClass } from "telegram-test-api/lib/telegramServer.js";
import { createApp, prepareDatabase, type App } from "../../src/app.js";
import { openDatabase } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { startPolling } from "../../src/modes/polling.js";
import { systemClock } from "../../src/shared/time.js";
import { testConfig } from "./bot.js";
import { freePort } from "./net.js";
import { testKeyring } from "./db.js";

// The package is CommonJS: its runtime default export is the class itself.
const TelegramServer = TelegramServerModule as unknown as typeof TelegramServerClass;

export const EMULATOR_TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

/** For asserting the script a reply came in. */
export const CYRILLIC = /\p{Script=Cyrillic}/u;
export const ARABIC = /\p{Script=Arabic}/u;

/** A message the bot sent, as the emulator hands it to the person's client. */
export interface Sent {
  message_id: number;
  text: string;
  reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> };
}

export interface EmulatedBot {
  /** The Bot API emulator: `server.getClient(EMULATOR_TOKEN, …)` is a person writing to the bot. */
  server: TelegramServerClass;
  app: App;
  stop(): Promise<void>;
}

/**
 * The whole bot over the real polling loop (grammY runner) and real HTTP, against the
 * telegram-test-api Bot API emulator, on a fresh in-memory database.
 */
export async function startEmulatedBot(): Promise<EmulatedBot> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 60 });
  await server.start();
  const config = testConfig({ BOT_TOKEN: EMULATOR_TOKEN, TELEGRAM_API_ROOT: url });
  const logger = createLogger("silent");
  const database = await prepareDatabase(config, logger, systemClock, await openDatabase({ ring: testKeyring() }));
  const app = await createApp({ config, logger, clock: systemClock, database, client: { apiRoot: url } });
  const handle = await startPolling(app, logger);
  return {
    server,
    app,
    async stop() {
      if (handle.isRunning()) await handle.stop();
      await app.close();
      await server.stop();
    },
  };
}
