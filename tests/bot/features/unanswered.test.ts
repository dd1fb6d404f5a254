import { describe, expect, it } from "vitest";
import { buildTestBot, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { seedUnanswered } from "../../support/seed.js";
import { textUpdate } from "../../support/updates.js";

const NOW = "2026-01-20T06:00:00Z";

describe.each(DB_KINDS)("/unanswered (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("/unanswered lists the latest questions, escaped, the same question counted once", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    await bot.handleUpdate(textUpdate("/unanswered"));
    expect(sentTexts(calls).at(-1)).toBe("No unanswered questions in the last 30 days.");

    await seedUnanswered(database, { text: "<b>who</b> is the judge & prosecutor?", createdAt: new Date("2026-01-19T10:00:00Z") });
    await seedUnanswered(database, { text: "Who is the judge & prosecutor?", createdAt: new Date("2026-01-18T10:00:00Z") });
    await seedUnanswered(database, { text: "судья кто?", lang: "ru", createdAt: new Date("2026-01-17T10:00:00Z") });
    await seedUnanswered(database, { text: " who is the JUDGE & prosecutor? ", createdAt: new Date("2026-01-16T10:00:00Z") });
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
