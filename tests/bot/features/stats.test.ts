import { describe, expect, it } from "vitest";
import type { DeliveryKind, DeliveryStatus } from "../../../src/db/schema.js";
import { buildTestBot, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { seedDelivery, seedSubscribers, seedUnanswered, seedUpdate } from "../../support/seed.js";
import { textUpdate } from "../../support/updates.js";

const NOW = "2026-01-20T06:00:00Z";

describe.each(DB_KINDS)("/stats (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("/stats gives totals by language and chat type, delivery counts for the last day and the unanswered count, never an id", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    const ids = await seedSubscribers(database, [
      { id: 123456701, lang: "kk", leads: ["7d"] },
      { id: 123456702, lang: "kk", leads: ["7d"] },
      { id: 123456703, lang: null, leads: ["7d"] },
      { id: -100987654321, type: "supergroup", lang: "ru", leads: ["7d"] },
      { id: 123456704, lang: "en", status: "blocked", leads: ["7d"] },
    ]);
    const at = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000);
    const delivery = (chatId: number, status: DeliveryStatus, createdHoursAgo: number, sentHoursAgo: number | null, subjectId = "trial-opening", kind: DeliveryKind = "reminder") =>
      seedDelivery(database, { chatId, kind, subjectId, status, dueAt: at(createdHoursAgo), createdAt: at(createdHoursAgo), sentAt: sentHoursAgo === null ? null : at(sentHoursAgo) });
    await delivery(123456701, "sent", 2, 1);
    await delivery(123456702, "sent", 30, 29); // sent before the last day
    await delivery(123456703, "pending", 1, null);
    await delivery(-100987654321, "sending", 1, null);
    await delivery(123456704, "dead", 3, null);
    await seedDelivery(database, { chatId: 123456701, subjectId: "trial-opening", lead: "1d", dueAt: new Date("2026-01-22T03:00:00Z") });
    await seedUpdate(database, { publishedAt: at(5) });
    await delivery(123456701, "sent", 4, 4, "1", "update");
    await delivery(123456702, "pending", 4, null, "1", "update");
    await delivery(123456703, "cancelled", 4, null, "1", "update");
    await seedUnanswered(database, { text: "a", createdAt: at(1) });
    await seedUnanswered(database, { text: "b", lang: "kk", createdAt: at(50) });

    await bot.handleUpdate(textUpdate("/stats"));
    const text = sentTexts(calls).at(-1)!;
    expect(text).toContain("Subscribed chats: <b>4</b>");
    expect(text).toContain("• kk, private chats: 2");
    expect(text).toContain("• language not chosen, private chats: 1");
    expect(text).toContain("• ru, supergroups: 1");
    expect(text).not.toContain("• en");
    expect(text).toContain("<b>2</b> sent, <b>1</b> failed. Due now and not sent yet: <b>3</b>; scheduled for later: 1.");
    expect(text).toContain("Latest update (#1): sent to 1 of 2 chats.");
    expect(text).toContain("<b>1</b> in the last 24 hours, 2 stored");
    for (const id of ids) expect(text).not.toContain(String(Math.abs(id)));
  });
});
