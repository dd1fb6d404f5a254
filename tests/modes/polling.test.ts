import { Writable } from "node:stream";
import type { RunnerHandle } from "@grammyjs/runner";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { importCase } from "../../src/case/content/import.js";
import { createLogger } from "../../src/logger.js";
import { createKeeper } from "../../src/modes/keep.js";
import { startPolling } from "../../src/modes/polling.js";
import { systemClock } from "../../src/shared/time.js";
import { caseFile, testConfig } from "../support/bot.js";
import { IMPORT_NOW } from "../support/db.js";
import { FakeTelegram } from "../support/fake-telegram.js";
import { waitFor } from "../support/net.js";
import { pgliteWithOutage, type StoreWithOutage } from "../support/outage.js";
import { textUpdate } from "../support/updates.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger("info", { destination }) };
}

describe("polling during a store outage (pglite closed, then opened again)", () => {
  let store: StoreWithOutage | undefined;
  let fake: FakeTelegram | undefined;
  let handle: RunnerHandle | undefined;
  afterEach(async () => {
    if (handle?.isRunning()) await handle.stop();
    await fake?.stop();
    await store?.destroy();
    handle = fake = store = undefined;
  });

  it("keeps the update that failed and answers it exactly once when the store is back", async () => {
    store = await pgliteWithOutage();
    await importCase(store.database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    fake = await FakeTelegram.start();
    const { lines, logger } = capture();
    const config = testConfig({ BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.url });
    const app = await createApp({ config, logger, clock: systemClock, database: store.database, botInfo: fake.botInfo, client: { apiRoot: fake.url } });
    handle = await startPolling(app, logger);

    await store.down();
    const { update_id: _, ...question } = textUpdate("When is the next hearing?", { chatId: 801 });
    fake.pushUpdate(question);
    await waitFor(() => (lines.some((l) => l.includes("update kept to handle again")) ? true : undefined), 20_000);
    expect(fake.messages.filter((m) => m.chatId === 801)).toHaveLength(0);

    await store.up();
    await waitFor(() => (fake!.messages.some((m) => m.chatId === 801) ? true : undefined), 30_000);
    // A few more retry periods: nothing is sent twice.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(fake.messages.filter((m) => m.chatId === 801)).toHaveLength(1);
    expect(lines.some((l) => l.includes("kept update handled"))).toBe(true);
  }, 90_000);
});

describe("the keeper", () => {
  const update = (id: number) => ({ update_id: id }) as Update;

  it("holds at most its limit, drops the oldest, and handles what it holds oldest first once the store answers", async () => {
    const { lines, logger } = capture();
    let up = false;
    const handled: number[] = [];
    const keeper = createKeeper({
      logger,
      retryMs: 20,
      limit: 3,
      handle: async (u) => {
        if (!up) return "unavailable";
        handled.push(u.update_id);
        return "done";
      },
    });
    for (const id of [1, 2, 3, 4, 5]) keeper.keep(update(id));
    keeper.keep(update(5));
    expect(keeper.size()).toBe(3);
    expect(lines.filter((l) => l.includes("the oldest is dropped"))).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(handled).toEqual([]);
    up = true;
    await waitFor(() => (keeper.size() === 0 ? true : undefined), 5_000);
    expect(handled).toEqual([3, 4, 5]);
    await keeper.stop();
  });
});
