import { describe, expect, it } from "vitest";
import { buildTestBot, lastText } from "../../support/bot.js";
import { TOKEN } from "../../support/delivery.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { recordRoundTrips } from "../../support/round-trips.js";
import { textUpdate } from "../../support/updates.js";

/**
 * What one free-text question costs the store, counted (a behaviour, not a timing): the chat's
 * row and dialogue state in one read, the hearings only for an answer that shows one, and each
 * write one statement of its own, never a transaction. A change that adds a round trip to every
 * question fails here, on any machine.
 */
describe.each(DB_KINDS)("round trips of a free-text question (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function tripsOf(texts: { q: string; chatId?: number }[], env: Record<string, string> = {}) {
    const { bot, calls } = await buildTestBot(database, { env });
    // The first update loads the editors' list (cached afterwards): not part of a question's cost.
    await bot.handleUpdate(textUpdate("hello", { chatId: 7 }));
    const trips = recordRoundTrips(database);
    const per: string[][] = [];
    for (const { q, chatId } of texts) {
      const before = trips.length;
      await bot.handleUpdate(textUpdate(q, { chatId }));
      per.push(trips.slice(before));
    }
    return { per, calls };
  }
  const kindOf = (trip: string) =>
    /^select c\.ref\b/.test(trip) ? "context" : /from "hearings"/.test(trip) ? "hearings" : /insert into "?kv_state/.test(trip) ? "dialogue" : /insert into "?unanswered/.test(trip) ? "unanswered" : /insert into "?seen_updates/.test(trip) ? "claim" : /chats/.test(trip) ? "script" : trip;

  it("an answer: the chat's context, then its dialogue state written, in one statement each", async () => {
    const { per, calls } = await tripsOf([{ q: "how many are in custody?" }]);
    expect(lastText(calls)).toMatch(/custody|detained/i);
    expect(per[0]!.map(kindOf)).toEqual(["context", "dialogue"]);
  });

  it("an answer that shows the next hearing reads the hearings once, then only while they are unchanged", async () => {
    const { per } = await tripsOf([{ q: "when is the trial?" }, { q: "and where?" }, { q: "when is the next hearing?", chatId: 8 }]);
    expect(per[0]!.map(kindOf)).toEqual(["context", "hearings", "dialogue"]);
    expect(per[1]!.map(kindOf)).not.toContain("hearings");
    expect(per[2]!.map(kindOf)).toEqual(["context", "dialogue"]);
  });

  it("against Telegram, the update's dedupe claim comes first, one statement more and no more", async () => {
    const { per } = await tripsOf([{ q: "how many are in custody?" }], { BOT_TOKEN: TOKEN });
    expect(per[0]!.map(kindOf)).toEqual(["context", "claim", "dialogue"]);
  });

  it("a question with no answer: the context, then the question kept for the editors", async () => {
    const { per } = await tripsOf([{ q: "Tell me a joke" }]);
    expect(per[0]!.map(kindOf)).toEqual(["context", "unanswered"]);
  });

  it("Kazakh in Latin script: the chat's new script is written in the dialogue state's statement, and the next question in it writes none", async () => {
    const { per } = await tripsOf([
      { q: "qansha adam qamaqta otyr?", chatId: 9 },
      { q: "sot qashan bolady?", chatId: 9 },
    ]);
    expect(per[0]!.map(kindOf)).toEqual(["context", "dialogue"]);
    expect(per[0]![1]).toMatch(/insert into chats/);
    expect(per[1]!.join("\n")).not.toMatch(/into chats|update chats/);
    for (const trips of per) expect(trips).not.toContain("BEGIN");
  });

  it("a question in Latin script with no answer: the script is a statement of its own, beside the question kept", async () => {
    const { per } = await tripsOf([{ q: "mağan bir äzıl aityp berşı", chatId: 10 }]);
    expect(per[0]!.map(kindOf).sort()).toEqual(["context", "script", "unanswered"]);
  });
});
