import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Api, HttpError, type GrammyError } from "grammy";
import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeTelegram } from "./fake-telegram.js";
import { TOKEN } from "./delivery.js";

/** The fake Bot API itself: other tests (webhook, broadcast) rely on it behaving like Telegram. */
describe("the fake Bot API", () => {
  let fake: FakeTelegram;
  let api: Api;
  beforeAll(async () => {
    fake = await FakeTelegram.start({ limits: { global: 3 } });
    api = new Api(TOKEN, { apiRoot: fake.url });
  });
  afterAll(async () => fake?.stop());
  beforeEach(() => fake.reset());

  const waitUntil = async (ok: () => boolean) => {
    for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(ok()).toBe(true);
  };

  const error = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e;
    }
    throw new Error("expected a failure");
  };

  it("answers 429 with retry_after past the global and per-chat limits", async () => {
    await api.sendMessage(1, "a");
    const perChat = (await error(api.sendMessage(1, "b"))) as GrammyError;
    expect(perChat.error_code).toBe(429);
    expect(perChat.parameters.retry_after).toBe(1);
    await api.sendMessage(2, "c");
    await api.sendMessage(3, "d");
    expect(((await error(api.sendMessage(4, "e"))) as GrammyError).error_code).toBe(429);
    // Paid broadcast has its own, higher limit.
    await api.sendMessage(5, "f", { allow_paid_broadcast: true });
    expect(fake.accepted).toBe(4);
    expect(fake.tooManyRequests).toBe(2);
    expect(fake.messagesTo(1).map((m) => m.text)).toEqual(["a"]);
  });

  it("keeps a group to its per-group count in the group window", async () => {
    fake.setLimits({ global: 100, perChat: 100, perGroup: 2, perGroupWindowMs: 60_000 });
    await api.sendMessage(-7, "a");
    await api.sendMessage(-7, "b");
    const third = (await error(api.sendMessage(-7, "c"))) as GrammyError;
    expect(third.error_code).toBe(429);
    // The oldest of the two leaves the window a minute after it came.
    expect(third.parameters.retry_after).toBeGreaterThanOrEqual(59);
    // A private chat is not a group: only its own per-chat count applies.
    for (const t of ["a", "b", "c"]) await api.sendMessage(7, t);
    expect(fake.messagesTo(-7)).toHaveLength(2);
    expect(fake.messagesTo(7)).toHaveLength(3);
  });

  it("counts only what it accepts: a hanging request is not counted, one closed by the client is gone, one healed is counted then", async () => {
    fake.hang(50).hang(60);
    const closed = new AbortController();
    const gone = error(api.sendMessage(50, "never", undefined, closed.signal as Parameters<Api["sendMessage"]>[3]));
    const later = api.sendMessage(60, "later");
    await waitUntil(() => fake.hanging(50) + fake.hanging(60) === 2);
    // Both held: the global limit of 3 still has room for three others.
    for (const id of [1, 2, 3]) await api.sendMessage(id, "x");
    expect(fake.accepted).toBe(3);
    closed.abort();
    await gone;
    await waitUntil(() => fake.abandoned === 1);
    await new Promise((r) => setTimeout(r, 1_100));
    fake.heal(50).heal(60);
    expect((await later).text).toBe("later");
    expect(fake.messagesTo(50)).toHaveLength(0);
    expect(fake.messagesTo(60)).toHaveLength(1);
    // Counted when it came through: the window now holds it, and two more fill it.
    await api.sendMessage(4, "y");
    await api.sendMessage(5, "z");
    expect(((await error(api.sendMessage(6, "w"))) as GrammyError).error_code).toBe(429);
    expect(fake.summary()).toMatchObject({ hangs: 2, abandoned: 1, accepted: 6 });
  });

  it("answers 403, migrate, 5xx and dropped connections for the chats it is told", async () => {
    fake.block(10).migrate(-20, -1000020).fail(30, { code: 502, times: 1 }).drop(40, 1);
    expect(((await error(api.sendMessage(10, "x"))) as GrammyError).error_code).toBe(403);
    const migrated = (await error(api.sendMessage(-20, "x"))) as GrammyError;
    expect([migrated.error_code, migrated.parameters.migrate_to_chat_id]).toEqual([400, -1000020]);
    expect(((await error(api.sendMessage(30, "x"))) as GrammyError).error_code).toBe(502);
    expect(await error(api.sendMessage(40, "x"))).toBeInstanceOf(HttpError);
    await new Promise((r) => setTimeout(r, 1_100));
    await api.sendMessage(30, "again");
    await api.sendMessage(40, "again");
    expect(fake.accepted).toBe(2);
  });

  it("serves getMe, getChat and getChatMember from what it is told", async () => {
    fake.setAdmins(-1007, [5], { bot: true }).setChat({ id: -1007, type: "channel", username: "news", title: "News" });
    expect((await api.getMe()).username).toBe("casebot_test_bot");
    expect((await api.getChat("@news")).id).toBe(-1007);
    expect((await api.getChatMember(-1007, 5)).status).toBe("administrator");
    expect((await api.getChatMember(-1007, 6)).status).toBe("member");
    expect((await api.getChatMember(-1007, fake.botInfo.id)).status).toBe("administrator");
  });

  it("queues updates for getUpdates and posts them to a webhook with its secret", async () => {
    fake.pushUpdate({ message: { message_id: 1, date: 0, chat: { id: 1, type: "private", first_name: "A" }, text: "hi" } } as Omit<Update, "update_id">);
    const got = await api.getUpdates({ timeout: 1 });
    expect(got.map((u) => u.message?.text)).toEqual(["hi"]);
    expect(await api.getUpdates({ offset: got[0]!.update_id + 1, timeout: 0 })).toEqual([]);

    const seen: Array<string | undefined> = [];
    const server = createServer((req, res) => {
      seen.push(req.headers["x-telegram-bot-api-secret-token"] as string | undefined);
      res.writeHead(req.headers["x-telegram-bot-api-secret-token"] === "s".repeat(32) ? 200 : 401).end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    await api.setWebhook(url, { secret_token: "s".repeat(32) });
    const update = { message: { message_id: 2, date: 0, chat: { id: 1, type: "private", first_name: "A" }, text: "x" } } as Omit<Update, "update_id">;
    expect((await fake.deliverUpdate(update)).status).toBe(200);
    expect((await fake.deliverUpdate(update, { secret: null })).status).toBe(401);
    expect(seen).toEqual(["s".repeat(32), undefined]);
    await new Promise<void>((r) => server.close(() => r()));
  });
});
