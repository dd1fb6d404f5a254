import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { TelegramRefusal, type TelegramPort } from "../../src/delivery/port.js";
import { startMetricsServer } from "../../src/server/metrics.js";
import { buildTestBot } from "../support/bot.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { seedDelivery, seedSubscribers } from "../support/seed.js";
import { callbackUpdate, textUpdate } from "../support/updates.js";

const NOW = "2026-01-20T06:00:00Z";
const QUESTION = "when is the trial?";
const UNKNOWN = "what colour is the courthouse roof";
const CHATS = { ok: 123456701, gone: 123456702, slow: 123456703 };

/** One sample per line: `name{label="value",…} number`. */
function samples(text: string) {
  return text
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(l)!;
      const labels = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}
const value = (all: ReturnType<typeof samples>, name: string, labels: Record<string, string> = {}) =>
  all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((n, s) => n + s.value, 0);

describe.each(DB_KINDS)("/metrics (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("moves the counters a scripted scenario should, reads the outbox and the lock, and no label carries an id or text", async () => {
    const { app, bot } = await buildTestBot(database, { now: NOW });
    await seedSubscribers(database, [{ id: CHATS.ok }, { id: CHATS.gone }, { id: CHATS.slow }]);
    for (const chatId of Object.values(CHATS)) await seedDelivery(database, { chatId, subjectId: "trial-opening", lead: "7d", dueAt: new Date(Date.parse(NOW) - 60_000) });

    await bot.handleUpdate(textUpdate("/start", { chatId: CHATS.ok }));
    await bot.handleUpdate(textUpdate(QUESTION, { chatId: CHATS.ok }));
    await bot.handleUpdate(textUpdate(UNKNOWN, { chatId: CHATS.ok }));
    await bot.handleUpdate(callbackUpdate("m:en", { chatId: CHATS.ok }));

    const server = await startMetricsServer(app.metrics.registry, 0, app.deps.logger);
    const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/metrics`;
    try {
      // Before the sender runs: three reminders due a minute ago, nobody holding the lock.
      const before = samples(await (await fetch(url)).text());
      expect(value(before, "casebot_outbox_rows", { kind: "reminder", status: "pending" })).toBe(3);
      expect(value(before, "casebot_outbox_oldest_due_seconds")).toBe(60);
      expect(value(before, "casebot_sender_lock_held")).toBe(0);

      const port: TelegramPort = {
        async sendMessage(m) {
          if (m.chatId === CHATS.gone) throw new TelegramRefusal(403, "Forbidden: bot was blocked by the user");
          if (m.chatId === CHATS.slow) throw new TelegramRefusal(429, "Too Many Requests", 30);
          return { messageId: 1 };
        },
        async editMessage() {},
      };
      const delivery = app.startDelivery({ sender: { idleMs: 20, flushMs: 20 } }, port);
      let during = before;
      for (let i = 0; i < 200 && value(during, "casebot_sends_total") < 3; i++) {
        await new Promise((r) => setTimeout(r, 25));
        during = samples(await (await fetch(url)).text());
      }
      expect(value(during, "casebot_sender_lock_held")).toBe(1);
      await delivery.stop();

      const res = await fetch(url);
      expect(res.headers.get("content-type")).toContain("text/plain");
      const all = samples(await res.text());
      expect(value(all, "casebot_updates_total", { kind: "command" })).toBe(1);
      expect(value(all, "casebot_updates_total", { kind: "message" })).toBe(2);
      expect(value(all, "casebot_updates_total", { kind: "callback_query" })).toBe(1);
      expect(value(all, "casebot_answers_total", { outcome: "answered", lang: "en", script: "latn" })).toBe(1);
      expect(value(all, "casebot_answers_total", { outcome: "unknown", lang: "en" })).toBe(1);
      expect(value(all, "casebot_answer_seconds_count")).toBe(2);
      expect(value(all, "casebot_sends_total", { outcome: "ok" })).toBe(1);
      expect(value(all, "casebot_sends_total", { outcome: "403" })).toBe(1);
      expect(value(all, "casebot_sends_total", { outcome: "429" })).toBe(1);
      expect(value(all, "casebot_outbox_rows", { status: "sent" })).toBe(1);
      expect(value(all, "casebot_sender_lock_held")).toBe(0);
      expect(value(all, "casebot_content_revision")).toBeGreaterThan(0);
      expect(value(all, "casebot_process_resident_memory_bytes")).toBeGreaterThan(0);

      // No label value is an id, a question or any text from a chat.
      const labelValues = all.flatMap((s) => Object.values(s.labels));
      for (const v of labelValues) {
        expect(v).not.toMatch(/^-?\d{5,}$/);
        for (const id of Object.values(CHATS)) expect(v).not.toContain(String(id));
        expect(QUESTION).not.toContain(v.length > 3 ? v : "\u0000");
        expect(UNKNOWN).not.toContain(v.length > 3 ? v : "\u0000");
      }
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("serves nothing but GET /metrics", async () => {
    const { app } = await buildTestBot(database, { now: NOW });
    const server = await startMetricsServer(app.metrics.registry, 0, app.deps.logger);
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/`)).status).toBe(404);
      expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
