import { telegramPort } from "../../src/bot/telegram-port.js";
/**
 * A sender in a process of its own, for the crash test: `tsx sender-process.ts <db url> <api root> <clock start>`.
 * It holds the sender advisory lock like the real one and prints "sending" once it has it.
 */
import { Api } from "grammy";
import { createContentStore } from "../../src/case/content/store.js";
import { LOCKS, openDatabase } from "../../src/db/client.js";
import { createSender } from "../../src/delivery/sender/index.js";
import { createI18n } from "../../src/i18n.js";
import { createLogger } from "../../src/logger.js";
import { testKeyring } from "./db.js";

const [url, apiRoot, start] = process.argv.slice(2) as [string, string, string];
const database = await openDatabase({ ring: testKeyring(), url, max: 3 });
const base = new Date(start).getTime();
const t0 = Date.now();
const sender = createSender(
  {
    database,
    port: telegramPort(new Api("123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789", { apiRoot })),
    i18n: createI18n(),
    content: await createContentStore(database.db),
    clock: { now: () => new Date(base + Date.now() - t0) },
    logger: createLogger("silent"),
    timeZone: "Asia/Almaty",
    botUsername: "casebot_test_bot",
  },
  { rate: 30, paidBroadcast: false, leaseMs: 30_000, flushMs: 500, idleMs: 30 },
);
const r = await database.withTryLock(LOCKS.sender, async () => {
  process.stdout.write("sending\n");
  await sender.run();
});
if (!r.ok) process.stdout.write("locked\n");
await database.close();
