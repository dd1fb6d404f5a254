import { describe, expect, it } from "vitest";
import { sources } from "../../../src/db/schema.js";
import { buildTestBot, lastText } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";
import { seedHearing } from "../../support/seed.js";

describe("/sources", () => {
  const { database } = useDatabase();

  it("lists the case's sources in the chat's language: publisher, title in the language's quotes (never the same marks nested), date", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/sources", { lang: "ru" }));
    expect(lastText(calls)).toBe(
      [
        "<b>Источники</b>",
        "Каждый факт, который сообщает бот, взят из этих опубликованных источников:",
        "• Amnesty International, «Казахстан: снимите обвинения с активистов „Атажурта“, которым грозит до 10 лет лишения свободы за мирный протест» (январь 2026 г.)",
      ].join("\n"),
    );
    await bot.handleUpdate(textUpdate("/sources", { lang: "kk" }));
    expect(lastText(calls)).toContain("(2026 ж. қаңтар)");
    expect(lastText(calls)).not.toContain("January");
  });

  it("shows an editor-added source's link after its title's quotes, not inside them", async () => {
    await database.db.insert(sources).values({
      id: "example-org-2026-02-15",
      publisher: "Example News",
      title: { en: "Hearing moved", kk: "Hearing moved", ru: "Hearing moved" },
      url: "https://example.org/a?b=1&c=2",
      published: "2026-02-15",
    });
    await seedHearing(database, { date: "2026-03-10", sourceIds: ["example-org-2026-02-15"] });
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/sources", { lang: "en" }));
    expect(lastText(calls)).toContain(
      '• Example News, “Hearing moved” (15 February 2026) <a href="https://example.org/a?b=1&amp;c=2">https://example.org/a?b=1&amp;c=2</a>',
    );
  });
});
