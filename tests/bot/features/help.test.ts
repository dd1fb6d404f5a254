import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../../support/bot.js";
import { textUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";

describe("/help", () => {
  const { database } = useDatabase();

  it("answers in the chat's language", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(textUpdate("/help", { lang: "kk" }));
    expect(lastText(calls)).toContain("Мен не істей аламын");
  });
});
