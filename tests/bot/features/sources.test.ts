import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";

describe("/sources", () => {
  const { database } = useDatabase();

  it("lists the case's sources in the chat's language", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/sources", { lang: "ru" }));
    expect(lastText(calls)).toContain("Amnesty International");
    expect(lastText(calls)).toContain("Источники");
  });
});
