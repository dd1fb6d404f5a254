import { describe, expect, it } from "vitest";
import { updates } from "../../../src/db/schema.js";
import { createProgressWatcher, type Timers } from "../../../src/delivery/progress.js";
import { createLogger } from "../../../src/logger.js";
import { type ApiCall, buildTestBot, buttons, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { outgoingTextProblems } from "../../support/telegram-html.js";
import { press, textUpdate } from "../../support/updates.js";
import { drainOutbox } from "../../support/delivery.js";
import { auditRows, deliveryRows, kvRows, markSent } from "../../support/rows.js";
import { refOf } from "../../../src/db/refs.js";
import { seedSubscriber, seedSubscribers } from "../../support/seed.js";

const NOW = "2026-01-25T06:00:00Z";

/** Timers the test fires by hand: the progress watcher's edits happen exactly when the test says. */
function manualTimers() {
  const queue = new Map<number, () => Promise<void>>();
  let next = 0;
  const timers: Timers & { pending(): number; fire(): Promise<void> } = {
    set(fn) {
      queue.set(++next, fn);
      return next;
    },
    clear: (h) => void queue.delete(h as number),
    pending: () => queue.size,
    async fire() {
      const [key, fn] = [...queue][0]!;
      queue.delete(key);
      await fn();
    },
  };
  return timers;
}

const lastSent = (calls: ApiCall[]) => calls.filter((c) => c.method === "sendMessage").at(-1);
const edits = (calls: ApiCall[]) => calls.filter((c) => c.method === "editMessageText").map((c) => c.payload);

describe.each(DB_KINDS)("/publish_update (%s)", (kind) => {
  const { database, fake } = useDatabase(kind, { fake: true });

  it("en → kk skipped → (restart) → ru → link → preview per language → confirm with the reach → outbox; progress edited until done", async () => {
    const a = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    await seedSubscribers(database, [
      { id: 1001, lang: "en" },
      { id: 1002, lang: null },
      { id: 1003, lang: "kk" },
      { id: 1004, lang: "kk", reminders: false },
      { id: 1005, lang: "ru" },
      { id: -100777, lang: "ru", type: "channel" },
      { id: 1006, lang: "ru", updates: false },
      { id: 1007, lang: "kk", status: "blocked" },
    ]);

    await a.bot.handleUpdate(textUpdate("/publish_update"));
    expect(sentTexts(a.calls).at(-1)).toBe("The update in <b>English</b>:");
    await a.bot.handleUpdate(textUpdate("x".repeat(3001)));
    expect(sentTexts(a.calls).at(-1)).toContain("That is 3001 characters; at most 3000 fit");
    const en = "The hearing moved <to> 30 January & more.\nSecond line.";
    await a.bot.handleUpdate(textUpdate(en));
    expect(buttons(lastSent(a.calls)).map((b) => b.callback_data)).toEqual(["cv:skip:kk", "cv:cancel"]);
    await a.bot.handleUpdate(press("cv:skip:kk"));
    expect(sentTexts(a.calls).at(-1)).toContain("The update in <b>Russian</b>, or skip it");

    // "Restart": the publish finishes on another instance, which watches the progress.
    const b = await buildTestBot(database, { env: OWNER_ENV, now: NOW, importContent: false });
    const timers = manualTimers();
    b.deps.progress = createProgressWatcher({ database, logger: createLogger("silent"), timers });
    const ru = "Заседание перенесено на 30 января.";
    await b.bot.handleUpdate(textUpdate(ru));
    expect(sentTexts(b.calls)).toEqual(["A link to the source (https://…), or no link:"]);
    await b.bot.handleUpdate(textUpdate("ftp://example.org/x"));
    expect(sentTexts(b.calls).at(-1)).toContain("That is not a link I can use");
    await b.bot.handleUpdate(textUpdate("https://example.org/news?id=1&lang=en"));

    const shown = sentTexts(b.calls).slice(-8);
    expect(shown[0]).toBe("<b>Preview</b>: exactly what readers in each language will get.");
    expect(shown[1]).toBe("<b>English</b> (chats: 2):");
    expect(shown[3]).toBe("<b>Қазақша</b> (chats: 2), the English text with a note (not translated):");
    expect(shown[5]).toBe("<b>Русский</b> (chats: 2):");
    const [previewEn, previewKk, previewRu] = [shown[2]!, shown[4]!, shown[6]!];
    expect(previewEn).toBe(
      [
        "📰 <b>Case update</b> · The trial of 19 Atajurt activists",
        "🗓 Sunday, 25 January 2026 (UTC+5, Almaty Time)",
        "",
        "The hearing moved &lt;to&gt; 30 January &amp; more.\nSecond line.",
        '<i>Source: <a href="https://example.org/news?id=1&amp;lang=en">https://example.org/news?id=1&amp;lang=en</a></i>',
        "",
        "#Atajurt · Hearing reminders: write to @casebot_local_bot and send /subscribe",
      ].join("\n"),
    );
    expect(previewKk).toContain("<i>Бұл жаңалық әлі қазақшаға аударылмаған; төменде ағылшынша мәтіні берілген.</i>\nThe hearing moved &lt;to&gt;");
    expect(previewRu).toContain(ru);
    expect(shown[7]).toBe("Publish now? It goes to <b>6</b> chats (English 2, Kazakh 2, Russian 2). Once sent, it cannot be recalled.");
    expect(buttons(lastSent(b.calls)).map((x) => [x.text, x.callback_data])).toEqual([
      ["📣 Publish (6)", "cv:publish"],
      ["✏️ Write again", "cv:again"],
      ["✖ Cancel", "cv:cancel"],
    ]);
    expect(await database.db.select().from(updates)).toEqual([]);

    await b.bot.handleUpdate(press("cv:publish"));
    const status = lastSent(b.calls)!;
    expect(status.payload.text).toBe("📣 Update #1 is published.\nSent so far: 0 of 6.\n/stats shows how far it got at any time.");
    const [u] = await database.db.select().from(updates);
    expect(u).toMatchObject({ id: 1, body: { en, ru }, sourceUrl: "https://example.org/news?id=1&lang=en", createdByRef: refOf(database.db, OWNER) });
    expect(u!.publishedAt.toISOString()).toBe("2026-01-25T06:00:00.000Z");
    const rows = await deliveryRows(database);
    expect(rows.every((r) => r.kind === "update" && r.subject_id === "1" && r.status === "pending")).toBe(true);
    expect(rows.map((r) => r.chat_id).sort((x, y) => x - y)).toEqual([-100777, 1001, 1002, 1003, 1004, 1005]);
    const audit = await auditRows(database);
    expect(audit.map((r) => [r.actor_id, r.action, r.subject])).toEqual([[OWNER, "update.publish", "update/1"]]);
    expect(audit[0]!.after).toMatchObject({ text: en, languages: ["en", "ru"], queued: 6 });
    expect(await kvRows(database)).toEqual([]);

    // The status message follows the sending: part sent…
    expect(timers.pending()).toBe(1);
    await markSent(database, (r) => [1002, 1004].includes(r.chat_id), (r) => r.chat_id);
    await timers.fire();
    expect(edits(b.calls)).toEqual([
      expect.objectContaining({
        chat_id: OWNER,
        // The recorder numbers sent messages from 1000: the status message is the last one sent.
        message_id: 999 + b.calls.filter((c) => c.method === "sendMessage").indexOf(status) + 1,
        text: "📣 Update #1 is published.\nSent so far: 2 of 6.\n/stats shows how far it got at any time.",
      }),
    ]);
    await b.bot.handleUpdate(textUpdate("/stats"));
    expect(sentTexts(b.calls).at(-1)).toContain("Latest update (#1): sent to 2 of 6 chats.");

    // …then the real sender drains the rest: each chat gets exactly what its language's preview showed.
    await drainOutbox(database, fake, NOW);
    expect(fake.messagesTo(1001).map((m) => m.text)).toEqual([previewEn]);
    expect(fake.messagesTo(1003).map((m) => m.text)).toEqual([previewKk]);
    expect(fake.messagesTo(1005).map((m) => m.text)).toEqual([previewRu]);
    expect(fake.messagesTo(-100777).map((m) => m.text)).toEqual([previewRu]);
    for (const id of [1002, 1004, 1006, 1007]) expect(fake.messagesTo(id)).toEqual([]);
    const markup = fake.messagesTo(1001)[0]!.payload.reply_markup as { inline_keyboard: Array<Array<Record<string, string>>> };
    expect(markup.inline_keyboard.flat().map((x) => x.switch_inline_query ?? x.url)).toEqual(["https://t.me/casebot_local_bot?start=subscribe", ""]);

    await timers.fire();
    expect(edits(b.calls).at(-1)?.text).toBe("📣 Update #1 is published.\nDone: sent 6 of 6 (could not be reached: 0).\n/stats shows how far it got at any time.");
    expect(timers.pending()).toBe(0);
    expect(b.deps.progress.size()).toBe(0);
    await b.bot.handleUpdate(textUpdate("/stats"));
    expect(sentTexts(b.calls).at(-1)).toContain("Latest update (#1): sent to 6 of 6 chats.");
    // Nothing was published from the first instance, and it watches nothing.
    expect(a.deps.progress.size()).toBe(0);
    // Every text sent, the editor's and the subscribers', is valid Telegram HTML.
    expect(outgoingTextProblems([...a.calls, ...b.calls, ...fake.callsOf("sendMessage")])).toEqual([]);
  });

  it("write again, publish with nobody subscribed, and /cancel at the confirmation leaves nothing", async () => {
    const { bot, calls, deps } = await buildTestBot(database, { env: OWNER_ENV, now: NOW });
    await seedSubscriber(database, { id: 1101, lang: "kk", updates: false });
    await bot.handleUpdate(textUpdate("/publish_update", { lang: "kk" }));
    expect(sentTexts(calls).at(-1)).toBe("Жаңалық мәтіні <b>ағылшынша</b>:");
    await bot.handleUpdate(textUpdate("First", { lang: "kk" }));
    await bot.handleUpdate(press("cv:skip:kk", { lang: "kk" }));
    await bot.handleUpdate(press("cv:skip:ru", { lang: "kk" }));
    await bot.handleUpdate(press("cv:nolink", { lang: "kk" }));
    expect(sentTexts(calls).at(-1)).toContain("Жаңалықтарға әзірге бірде-бір чат жазылмаған");
    await bot.handleUpdate(press("cv:again", { lang: "kk" }));
    expect(sentTexts(calls).at(-1)).toBe("Жаңалық мәтіні <b>ағылшынша</b>:");
    for (const text of ["Second", "Екінші", "Второй"]) await bot.handleUpdate(textUpdate(text, { lang: "kk" }));
    await bot.handleUpdate(press("cv:nolink", { lang: "kk" }));
    await bot.handleUpdate(press("cv:publish", { lang: "kk" }));
    expect(sentTexts(calls).at(-1)).toBe(
      "📣 №1 жаңалық жарияланды.\nДайын: 0 / 0 жіберілді (жеткізілмегені: 0).\n/stats жіберудің қалай жүріп жатқанын кез келген уақытта көрсетеді.",
    );
    expect(deps.progress.size()).toBe(0);
    expect((await database.db.select().from(updates)).map((u) => u.body)).toEqual([{ en: "Second", kk: "Екінші", ru: "Второй" }]);
    expect(await deliveryRows(database)).toEqual([]);

    await bot.handleUpdate(textUpdate("/publish_update"));
    await bot.handleUpdate(textUpdate("Third"));
    await bot.handleUpdate(textUpdate("Үшінші"));
    await bot.handleUpdate(textUpdate("Третий"));
    await bot.handleUpdate(press("cv:nolink"));
    await bot.handleUpdate(press("cv:cancel"));
    expect(sentTexts(calls).at(-1)).toBe("Cancelled. Nothing was changed.");
    await bot.handleUpdate(press("cv:publish"));
    expect(await database.db.select().from(updates)).toHaveLength(1);
    expect((await auditRows(database)).map((r) => r.action)).toEqual(["update.publish"]);
    expect(await kvRows(database)).toEqual([]);
  });
});
