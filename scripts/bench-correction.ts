/**
 * `npm run bench:correction -- --chats 100000 --rate 1000`
 *
 * A correction of an update delivered to N chats: seeds the chats and the update's N delivered
 * copies (each with its message id), makes the correction with the editorial use case (one
 * set-based statement queues N edits), then drains the outbox with the real sender. Telegram is a
 * port in this process that enforces a global limit of --rate edits per second (a 429 with
 * retry_after past it, as Telegram does) and records every edit by chat and message id. Prints
 * the edits per second against the limit, duplicates (a copy edited twice), losses (a copy not
 * edited) and 429s; the last line is one JSON object.
 *
 * On Postgres when DATABASE_URL is set (chat ids from 9e12 up, removed after; it refuses a database
 * whose other chats have subscriptions), else PGlite in memory.
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { importCase } from "../src/case/content/import.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../src/case/content/load.js";
import { createContentStore } from "../src/case/content/store.js";
import { openDatabase, query } from "../src/db/client.js";
import { createContentRepo } from "../src/db/content.js";
import { updates } from "../src/db/schema.js";
import { TelegramRefusal, type TelegramPort } from "../src/delivery/port.js";
import { createSender } from "../src/delivery/sender/index.js";
import { correctUpdate } from "../src/editorial/corrections.js";
import { createI18n } from "../src/i18n.js";
import { createLogger } from "../src/logger.js";
import { benchRows, cleanupBench, seedBenchSubscribers, textArray } from "./bench-seed.js";

const { values } = parseArgs({ options: { chats: { type: "string", default: "100000" }, rate: { type: "string", default: "1000" } } });
const N = Number(values.chats);
const RATE = Number(values.rate);
if (!(N > 0) || !(RATE > 0) || RATE > 1000) throw new Error("--chats must be > 0 and --rate in (0, 1000]");

const TZ = "Asia/Almaty";
const BASE = 9_000_000_000_000;
const log = (s: string) => process.stdout.write(`${s}\n`);

const database = await openDatabase({ url: process.env.DATABASE_URL, max: 10 });
await database.migrate();
const db = database.db;
const [others] = await query<{ n: number }>(db, sql`select count(*)::int as n from subscriptions where not ${benchRows}`);
if (Number(others?.n ?? 0) > 0) throw new Error("this database has real subscribers: run the bench on a database of its own");
const cleanup = async (updateId?: number) => {
  await cleanupBench(db);
  if (updateId) await db.execute(sql`delete from updates where id = ${updateId}`);
};
await cleanup();
if (await createContentRepo(db).isEmpty()) await importCase(db, loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)), { timeZone: TZ, now: new Date() });

const published = new Date("2099-06-01T05:00:00Z");
const [u] = await db.insert(updates).values({ body: { en: "The hearing is on 2 June.", kk: "Отырыс 2 маусымда.", ru: "Заседание 2 июня." }, publishedAt: published }).returning();
const updateId = u!.id;
// Every copy delivered: message id g + 1 in chat BASE + g.
await seedBenchSubscribers(db, BASE, N, "{1d}", async ({ offset, refs }) => {
  await db.execute(sql`
    insert into deliveries (chat_ref, kind, subject_id, status, due_at, next_attempt_at, telegram_message_id, sent_at)
    select r, 'update', ${String(updateId)}, 'sent', ${published.toISOString()}::timestamptz, ${published.toISOString()}::timestamptz, ${offset}::bigint + o, ${published.toISOString()}::timestamptz
    from unnest(${textArray(refs)}) with ordinality as v(r, o)`);
});
log(`${database.kind}: ${N} delivered copies seeded`);

const started = performance.now();
const clockBase = published.getTime() + 3_600_000;
const clock = { now: () => new Date(clockBase + (performance.now() - started)) };

const t0 = performance.now();
const correction = await correctUpdate({ database, clock, timeZone: TZ }, { updateId, body: { en: "The hearing is on 3 June.", kk: "Отырыс 3 маусымда.", ru: "Заседание 3 июня." } }, 1);
const enqueueMs = performance.now() - t0;
log(`correction: ${correction.changed} edits queued in ${enqueueMs.toFixed(0)} ms`);

// Telegram, in this process: a sliding one-second window of --rate edits, then 429.
const edited = new Map<number, number>();
const window: number[] = [];
let head = 0;
let tooMany = 0;
let accepted = 0;
let firstAt = 0;
let lastAt = 0;
let peakWindow = 0;
let wrongId = 0;
const port: TelegramPort = {
  sendMessage: () => Promise.reject(new Error("a correction sends no new message")),
  async editMessage(m) {
    const now = performance.now();
    while (head < window.length && window[head]! <= now - 1000) head++;
    if (window.length - head >= RATE) {
      tooMany++;
      throw new TelegramRefusal(429, "Too Many Requests: retry after 1", 1);
    }
    window.push(now);
    peakWindow = Math.max(peakWindow, window.length - head);
    if (head > 10_000) {
      window.splice(0, head);
      head = 0;
    }
    if (m.messageId !== m.chatId - BASE + 1 || !m.html.includes("3 ")) wrongId++;
    edited.set(m.chatId, (edited.get(m.chatId) ?? 0) + 1);
    accepted++;
    firstAt ||= now;
    lastAt = now;
  },
};

const sender = createSender(
  { database, port, i18n: createI18n(), content: await createContentStore(db), clock, logger: createLogger("warn"), timeZone: TZ, botUsername: "casebot_bench_bot" },
  { rate: RATE, paidBroadcast: false },
);
const sendStart = performance.now();
const running = sender.run();
let shown = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  if (edited.size >= correction.changed) break;
  if (Math.floor(edited.size / (correction.changed / 10)) > shown) {
    shown = Math.floor(edited.size / (correction.changed / 10));
    log(`  edited ${edited.size} of ${correction.changed} (${((performance.now() - sendStart) / 1000).toFixed(1)} s, rss ${process.memoryUsage().rss >> 20} MB)`);
  }
  if (performance.now() - sendStart > (correction.changed / RATE) * 3_000 + 60_000) {
    log("  giving up: far slower than the limit");
    break;
  }
}
await sender.stop();
await running;
const seconds = (lastAt - firstAt) / 1000;
const [rows] = await query<{ sent: number; other: number }>(
  db,
  sql`select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status <> 'sent')::int as other
      from deliveries where kind = 'update_edit' and subject_id = ${String(updateId)}`,
);
await cleanup(updateId);
await database.close();

const rate = seconds > 0 ? accepted / seconds : 0;
const result = {
  bench: "correction",
  db: database.kind,
  chats: N,
  edits_queued: correction.changed,
  enqueue_ms: Math.round(enqueueMs),
  limit_per_s: RATE,
  edits_per_s: Math.round(rate * 10) / 10,
  rate_pct_of_limit: Math.round((rate / RATE) * 1000) / 10,
  peak_window: peakWindow,
  duplicates: [...edited.values()].filter((n) => n > 1).length,
  lost: correction.changed - edited.size,
  wrong_message: wrongId,
  http_429: tooMany,
  rows_sent: Number(rows?.sent ?? 0),
  rows_not_sent: Number(rows?.other ?? 0),
  edit_seconds: Math.round(seconds * 10) / 10,
};
log(`edits: ${accepted} at ${result.edits_per_s}/s = ${result.rate_pct_of_limit}% of the ${RATE}/s limit; duplicates ${result.duplicates}, lost ${result.lost}, 429s ${tooMany}`);
log(JSON.stringify(result));
process.exit(0);
