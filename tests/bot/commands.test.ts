import { describe, expect, it } from "vitest";
import { setCommandMenus } from "../../src/bot/commands.js";
import { buildTestBot } from "../support/bot.js";
import { useDatabase } from "../support/db.js";

describe("the command menus", () => {
  const { database } = useDatabase();

  it("sets the command menu once per language and survives a failure", async () => {
    const { bot, deps, calls } = await buildTestBot(database);
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === "setMyCommands" && (payload as { language_code?: string }).language_code === "kk") throw new Error("not supported");
      return prev(method, payload, signal);
    });
    await expect(setCommandMenus(bot.api, deps)).resolves.toBeUndefined();
    const menus = calls.filter((c) => c.method === "setMyCommands");
    expect(menus.map((m) => m.payload.language_code)).toEqual([undefined, "en", "ru"]);
    const ru = menus.find((m) => m.payload.language_code === "ru")!.payload.commands as Array<{ command: string; description: string }>;
    expect(ru.find((c) => c.command === "language")?.description).toBe("Сменить язык");
  });
});
