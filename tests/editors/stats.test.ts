import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { buildTestBot, textUpdate } from "../support/bot.js";
import { DB_KINDS, freshDatabase, truncateAll } from "../support/db.js";
import { OWNER_ENV, sentTexts } from "../support/updates.js";

const NOW = "2026-01-20T06:00:00Z";

describe.each(DB_KINDS)("/stats and /unanswered (%s)", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase(kind);
  });
  afterAll(async () => database?.close());
  beforeEach(async () => truncateAll(database));

  it("/stats gives totals by language and chat type, delivery counts for the last day and the unanswered count, never an id", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    const chats: Array<[number, string, string | null, string]> = [
      [123456701, "private", "kk", "active"],
      [123456702, "private", "kk", "active"],
      [123456703, "private", null, "active"],
      [-100987654321, "supergroup", "ru", "active"],
      [123456704, "private", "en", "blocked"],
    ];
    for (const [id, type, language, status] of chats) {
      await database.db.execute(sql`insert into chats (id, type, language, status) values (${id}, ${type}, ${language}, ${status})`);
      await database.db.execute(sql`insert into subscriptions (chat_id, lead_times) values (${id}, ${"{7d}"})`);
    }
    const at = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();
    const delivery = async (chat: number, status: string, createdHoursAgo: number, sentHoursAgo: number | null, subject = "trial-opening", kindName = "reminder") =>
      database.db.execute(sql`insert into deliveries (chat_id, kind, subject_id, status, due_at, next_attempt_at, created_at, sent_at, lead)
        values (${chat}, ${kindName}, ${subject}, ${status}, ${at(createdHoursAgo)}, ${at(createdHoursAgo)}, ${at(createdHoursAgo)}, ${sentHoursAgo === null ? null : at(sentHoursAgo)}, ${String(Math.random())})`);
    await delivery(123456701, "sent", 2, 1);
    await delivery(123456702, "sent", 30, 29); // sent before the last day
    await delivery(123456703, "pending", 1, null);
    await delivery(-100987654321, "sending", 1, null);
    await delivery(123456704, "dead", 3, null);
    await database.db.execute(sql`insert into deliveries (chat_id, kind, subject_id, status, due_at, next_attempt_at, lead)
      values (123456701, 'reminder', 'trial-opening', 'pending', '2026-01-22T03:00:00Z', '2026-01-22T03:00:00Z', '1d')`);
    await database.db.execute(sql`insert into updates (body, published_at) values (${JSON.stringify({ en: "News" })}::jsonb, ${at(5)})`);
    await delivery(123456701, "sent", 4, 4, "1", "update");
    await delivery(123456702, "pending", 4, null, "1", "update");
    await delivery(123456703, "cancelled", 4, null, "1", "update");
    await database.db.execute(sql`insert into unanswered (text, lang, created_at) values ('a', 'en', ${at(1)}), ('b', 'kk', ${at(50)})`);

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
    for (const [id] of chats) expect(text).not.toContain(String(Math.abs(id)));
  });

  it("/unanswered lists the latest questions, escaped, the same question counted once", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    await bot.handleUpdate(textUpdate("/unanswered"));
    expect(sentTexts(calls).at(-1)).toBe("No unanswered questions in the last 30 days.");

    await database.db.execute(sql`insert into unanswered (text, lang, created_at) values
      ('<b>who</b> is the judge & prosecutor?', 'en', '2026-01-19T10:00:00Z'),
      ('Who is the judge & prosecutor?', 'en', '2026-01-18T10:00:00Z'),
      ('судья кто?', 'ru', '2026-01-17T10:00:00Z')`);
    await database.db.execute(sql`insert into unanswered (text, lang, created_at) values (' who is the JUDGE & prosecutor? ', 'en', '2026-01-16T10:00:00Z')`);
    await bot.handleUpdate(textUpdate("/unanswered", { lang: "ru" }));
    const text = sentTexts(calls).at(-1)!;
    expect(text).toContain("&lt;b&gt;who&lt;/b&gt; is the judge &amp; prosecutor?");
    expect(text).not.toContain("<b>who</b>");
    expect(text).toContain("Who is the judge &amp; prosecutor?");
    expect(text).toContain("×2");
    expect(text.indexOf("&lt;b&gt;who")).toBeLessThan(text.indexOf("судья кто?"));
    expect(text).toContain("Вопросы, на которые я не смог ответить");
  });
});
