import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readCaseClosed } from "../../src/db/case-end.js";
import { closeCase, caseEndReach } from "../../src/editorial/case-end.js";
import { createI18n } from "../../src/i18n.js";
import { purgeExpired } from "../../src/jobs/purge.js";
import { caseEndBodies } from "../../src/render/case-end.js";
import { fixedClock } from "../../src/shared/time.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { auditRows, deliveryRows } from "../support/rows.js";
import { seedDelivery, seedSubscribers, TZ } from "../support/seed.js";

const DAY = 86_400_000;
const CLOSED_AT = "2026-11-20T09:00:00Z";
const SOURCES = [
  { id: "s1", publisher: "Amnesty International", title: { en: "A title", kk: "Атауы", ru: "Заголовок" }, url: "https://example.org/s1", published: "2026-01-01", position: 0 },
];
const bodies = caseEndBodies(createI18n(), SOURCES, "2026-12-20");

describe.each(DB_KINDS)("closing the case (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function scenario() {
    await seedSubscribers(database, [
      { id: 101, lang: "en" },
      { id: 102, lang: "kk", reminders: false },
      { id: 103, lang: "ru", updates: false },
      { id: 104, lang: "en", status: "blocked" },
    ]);
    await seedDelivery(database, { chatId: 101, subjectId: "h1", lead: "1d" }); // a reminder still pending
    await seedDelivery(database, { chatId: 103, kind: "update", subjectId: "9", status: "sent" });
    const clock = fixedClock(CLOSED_AT);
    return { clock, deps: { database, clock, timeZone: TZ } };
  }

  it("queues the last notice to every active subscriber, stops everything else, and records when the purge comes", async () => {
    const { deps } = await scenario();
    expect((await caseEndReach(deps)).byLang).toEqual({ en: 1, kk: 1, ru: 1 });
    const r = await closeCase(deps, { bodies, graceDays: 30, actorId: 5_001 });
    expect(r).toMatchObject({ queued: 3, cancelled: 1, closed: { at: CLOSED_AT.replace("Z", ".000Z"), purgeAt: "2026-12-20T09:00:00.000Z" } });
    const updateId = "closed" in r ? r.closed.updateId : 0;
    expect(updateId).toBeGreaterThan(0);
    const [u] = await database.rows<{ body: Record<string, string> }>(sql`select body from updates`);
    expect(u!.body).toEqual(bodies);
    expect(u!.body.ru).toContain("https://example.org/s1");
    const rows = await deliveryRows(database);
    expect(rows.filter((d) => d.subject_id === String(updateId)).map((d) => [d.chat_id, d.status])).toEqual([[101, "pending"], [102, "pending"], [103, "pending"]]);
    expect(rows.find((d) => d.kind === "reminder")!.status).toBe("cancelled");
    expect(await database.rows(sql`select chat_ref from subscriptions where reminders or updates`)).toEqual([]);
    expect((await auditRows(database)).map((a) => [a.actor_id, a.action, a.subject])).toEqual([[5_001, "case.close", `update/${updateId}`]]);
    expect(await readCaseClosed(database.db)).toMatchObject({ updateId });
  });

  it("closes once: a second close changes nothing", async () => {
    const { deps } = await scenario();
    const first = await closeCase(deps, { bodies, graceDays: 30, actorId: 5_001 });
    const second = await closeCase(deps, { bodies, graceDays: 30, actorId: 5_002 });
    expect("already" in second && second.already).toEqual("closed" in first && first.closed);
    expect(await database.rows(sql`select id from updates`)).toHaveLength(1);
    expect(await auditRows(database)).toHaveLength(1);
  });

  it("purges subscriptions and the outbox after the grace period, not before, and never a message being sent", async () => {
    const { deps } = await scenario();
    await closeCase(deps, { bodies, graceDays: 30, actorId: 5_001 });
    await seedDelivery(database, { chatId: 101, kind: "update", subjectId: "8", status: "sending" });
    const at = (ms: number) => new Date(new Date(CLOSED_AT).getTime() + ms);
    expect((await purgeExpired(database, at(30 * DAY - 60_000))).caseEnd).toBeUndefined();
    expect(await database.rows(sql`select 1 from subscriptions`)).toHaveLength(4);

    expect((await purgeExpired(database, at(30 * DAY))).caseEnd).toEqual({ subscriptions: 4, deliveries: 5 });
    expect(await database.rows(sql`select 1 from subscriptions`)).toHaveLength(0);
    expect((await deliveryRows(database)).map((d) => d.status)).toEqual(["sending"]);
    expect(await readCaseClosed(database.db)).toMatchObject({ purgedAt: at(30 * DAY).toISOString() });
    // Chats stay (their language, for questions), until /forget.
    expect(await database.rows(sql`select 1 from chats`)).toHaveLength(4);
  });

  it("purges nothing while the case is open", async () => {
    await scenario();
    expect((await purgeExpired(database, new Date("2030-01-01T00:00:00Z"))).caseEnd).toBeUndefined();
    expect(await database.rows(sql`select 1 from subscriptions`)).toHaveLength(4);
  });
});
