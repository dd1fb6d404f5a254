import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../../support/bot.js";
import { callbackUpdate } from "../../support/updates.js";
import { useDatabase } from "../../support/db.js";

describe("topic buttons", () => {
  const { database } = useDatabase();

  it("shows a topic's stored answer with its source when its button is pressed", async () => {
    const { bot, calls } = await buildTestBot(database);
    await bot.handleUpdate(callbackUpdate("t:charges:ru"));
    const text = lastText(calls);
    expect(text).toContain("174");
    expect(text).toContain("Amnesty International");
    expect(calls.some((c) => c.method === "answerCallbackQuery")).toBe(true);
  });

  it("fills the hearing slot from the store: days before, and after the hearing", async () => {
    const before = await buildTestBot(database, { now: "2026-01-20T06:00:00Z" });
    await before.bot.handleUpdate(callbackUpdate("t:next-hearing:en"));
    expect(lastText(before.calls)).toContain("Friday, 23 January 2026");
    expect(lastText(before.calls)).toContain("in 3 days");
    expect(lastText(before.calls)).toContain("time not announced");

    const after = await buildTestBot(database, { now: "2026-11-29T06:00:00Z", importContent: false });
    await after.bot.handleUpdate(callbackUpdate("t:next-hearing:ru"));
    expect(lastText(after.calls)).toContain("Более поздняя дата пока не известна");
    expect(lastText(after.calls)).not.toContain("{{");
  });
});
