import { Writable } from "node:stream";
import type { Update } from "grammy/types";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { importCase } from "../../src/case/content/import.js";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { createHttpServer, type CasebotServer } from "../../src/server/http.js";
import { systemClock } from "../../src/shared/time.js";
import { caseFile, testConfig, type ApiCall } from "../support/bot.js";
import { IMPORT_NOW, useDatabase } from "../support/db.js";
import { streamChunked } from "../support/chunked.js";
import { waitFor } from "../support/net.js";
import { pgliteWithOutage } from "../support/outage.js";
import { createClusterDatabase, findPgBin, PG_SKIP_REASON, startPgCluster, type PgCluster } from "../support/pg-cluster.js";
import { textUpdate } from "../support/updates.js";
import { testKeyring } from "../support/db.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";
const SECRET = "s3cret_s3cret_s3cret_s3cret_s3cret_42";
const HOOK = "/telegram";

interface Served {
  app: App;
  server: CasebotServer;
  base: string;
  calls: ApiCall[];
  logs: string[];
  post(body: unknown, opts?: { raw?: boolean; secret?: string }): Promise<Response>;
}

/** The real bot behind the real server, Telegram's Bot API answered in process, every log line kept. */
async function serve(database: Database): Promise<Served> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger("info", { destination });
  const config = testConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook", WEBHOOK_URL: `https://casebot.example.org${HOOK}`, WEBHOOK_SECRET: SECRET, WEB: "false" });
  const app = await createApp({ config, logger, clock: systemClock, database, botInfo: LOCAL_BOT_INFO });
  const calls: ApiCall[] = [];
  app.bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    const result = method === "sendMessage" ? { message_id: calls.length, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text } : true;
    return { ok: true, result } as never;
  });
  const server = createHttpServer({ bot: app.bot, database, logger, webhook: { path: HOOK, secretToken: SECRET, release: (id) => app.deps.seenUpdates.release(id) } });
  const port = await server.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  const post = (body: unknown, opts: { raw?: boolean; secret?: string } = {}) =>
    fetch(`${base}${HOOK}`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": opts.secret ?? SECRET },
      body: opts.raw ? String(body) : JSON.stringify(body),
    });
  return { app, server, base, calls, logs, post };
}

describe("the webhook, for bodies that are not an update (pglite)", () => {
  const { database } = useDatabase("pglite");
  let served: Served | undefined;
  afterEach(async () => {
    await served?.server.stop();
    served = undefined;
  });

  it.each([
    ["null", null],
    ["a number", 42],
    ["a string", "x"],
    ["an array", []],
    ["an empty object", {}],
    ["an update_id that is not an integer", { update_id: "7" }],
  ])("answers %s with 400 and a log line, and goes on serving", async (_, body) => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(database);
    const res = await served.post(body);
    expect(res.status).toBe(400);
    expect(served.logs.some((l) => l.includes("webhook body is not an update"))).toBe(true);
    const next = await served.post(textUpdate("/start", { chatId: 601 }));
    expect(next.status).toBe(200);
    expect(served.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("answers a body that is not JSON with 400, and a wrong secret with 401, reading nothing of it", async () => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(database);
    expect((await served.post("{not json", { raw: true })).status).toBe(400);
    expect((await served.post(textUpdate("/start", { chatId: 602 }), { secret: SECRET.replace("4", "5") })).status).toBe(401);
    expect(served.calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);
  });

  it("stops a chunked body at the 1 MB limit with 413 and a closed connection", async () => {
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(database);
    const port = Number(new URL(served.base).port);
    const r = await streamChunked(port, HOOK, { "X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json" }, 20_000_000);
    expect(r.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(r.answer.toLowerCase()).toContain("connection: close");
    // Cut off soon after the limit, not read to the end (the socket buffers hold a few MB at most).
    expect(r.sent).toBeLessThan(10_000_000);
    // A Content-Length over the limit is refused before the body is read.
    const huge = await served.post({ update_id: 1, padding: "x".repeat(1_100_000) }).catch((e: unknown) => e);
    if (huge instanceof Response) expect(huge.status).toBe(413);
    expect((await served.post(textUpdate("/start", { chatId: 603 }))).status).toBe(200);
  });
});

describe("the webhook during a store outage (pglite closed, then opened again)", () => {
  let served: Served | undefined;
  let store: Awaited<ReturnType<typeof pgliteWithOutage>> | undefined;
  afterEach(async () => {
    await served?.server.stop();
    await store?.destroy();
    served = store = undefined;
  });

  it("answers 503 so Telegram sends the update again, and answers the question exactly once when the store is back", async () => {
    store = await pgliteWithOutage();
    await importCase(store.database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(store.database);
    const question: Update = textUpdate("When is the next hearing?", { chatId: 604 });
    await store.down();
    const during = await served.post(question);
    expect(during.status).toBe(503);
    expect(served.logs.some((l) => l.includes("store unreachable"))).toBe(true);
    // Telegram's next tries while the store is still away: 503 again, nothing sent.
    expect((await served.post(question)).status).toBe(503);
    expect(served.calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);

    await store.up();
    expect((await served.post(question)).status).toBe(200);
    // A redelivery after that is the repeat dedupe skips.
    expect((await served.post(question)).status).toBe(200);
    const replies = served.calls.filter((c) => c.method === "sendMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload.chat_id).toBe(604);
  }, 120_000);
});

describe("the webhook when the store goes away inside a feature, after the dedupe claim (pglite)", () => {
  let served: Served | undefined;
  let store: Awaited<ReturnType<typeof pgliteWithOutage>> | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await served?.server.stop();
    await store?.destroy();
    served = store = undefined;
  });
  const closed = () => Object.assign(new Error("write CONNECTION_CLOSED 10.0.0.5:5432"), { code: "CONNECTION_CLOSED" });

  it("says nothing to the person, lets go of the claim, and handles the redelivery once", async () => {
    store = await pgliteWithOutage();
    await importCase(store.database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(store.database);
    vi.spyOn(served.app.deps.subscriptions, "get").mockRejectedValueOnce(closed());
    const update = textUpdate("/settings", { chatId: 606 });
    expect((await served.post(update)).status).toBe(503);
    // No "something went wrong": the answer is still to come.
    expect(served.calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);
    expect((await served.post(update)).status).toBe(200);
    expect((await served.post(update)).status).toBe(200);
    expect(served.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  }, 120_000);

  it("remembers the released claim when the store cannot be reached to delete it", async () => {
    store = await pgliteWithOutage();
    await importCase(store.database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(store.database);
    const s = store;
    vi.spyOn(served.app.deps.subscriptions, "get").mockImplementationOnce(async () => {
      await s.down();
      throw closed();
    });
    const update = textUpdate("/settings", { chatId: 607 });
    expect((await served.post(update)).status).toBe(503);
    expect(served.logs.some((l) => l.includes("dedupe mark not released"))).toBe(true);
    await store.up();
    expect((await served.post(update)).status).toBe(200);
    expect((await served.post(update)).status).toBe(200);
    expect(served.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  }, 120_000);
});

const bin = findPgBin();
if (!bin) console.warn(PG_SKIP_REASON);

describe.skipIf(!bin)("the webhook during a store outage (a private Postgres cluster stopped, then started)", () => {
  let cluster: PgCluster | undefined;
  let database: Database | undefined;
  let served: Served | undefined;
  afterEach(async () => {
    await served?.server.stop();
    await database?.close({ force: true });
    await cluster?.destroy();
    served = database = cluster = undefined;
  });

  it("answers 503 while Postgres is down and the question exactly once when it is back", async () => {
    cluster = await startPgCluster(bin);
    database = await openDatabase({ ring: testKeyring(), url: await createClusterDatabase(cluster, "casebot_outage"), max: 4, connectTimeoutSeconds: 2 });
    await database.migrate();
    await importCase(database.db, caseFile(), { timeZone: "Asia/Almaty", now: IMPORT_NOW });
    served = await serve(database);
    const question: Update = textUpdate("When is the next hearing?", { chatId: 605 });
    await cluster.stop();
    expect((await served.post(question)).status).toBe(503);
    expect((await served.post(question)).status).toBe(503);
    await cluster.start();
    const after = await waitFor(async () => {
      const s = (await served!.post(question)).status;
      return s === 503 ? undefined : s;
    }, 30_000, 500);
    expect(after).toBe(200);
    expect((await served.post(question)).status).toBe(200);
    const replies = served.calls.filter((c) => c.method === "sendMessage");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.payload.chat_id).toBe(605);
  }, 120_000);
});
