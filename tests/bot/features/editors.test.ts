import { describe, expect, it } from "vitest";
import { createEditorsRepo } from "../../../src/db/editors.js";
import { refOf } from "../../../src/db/refs.js";
import { buildTestBot, OWNER, OWNER_ENV, sentTexts } from "../../support/bot.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";
import { auditRows } from "../../support/rows.js";
import { replyUpdate, textUpdate } from "../../support/updates.js";

describe.each(DB_KINDS)("/editors and /audit (%s)", (kind) => {
  const { database } = useDatabase(kind);

  const editorIds = async () => (await createEditorsRepo(database.db).list()).map((r) => r.userId).sort((a, b) => a - b);

  // editor.add and editor.remove name the person by their ref, never their id.
  const audit = async () => (await auditRows(database)).map((r) => [r.actor_id, r.action, r.subject]);

  it("owners add editors by id or by replying to a forwarded message, and remove them; each change is audited", async () => {
    const { bot, calls } = await buildTestBot(database, { env: OWNER_ENV });
    await bot.handleUpdate(textUpdate("/editors add 55"));
    expect(sentTexts(calls).at(-1)).toContain("<code>55</code> is now an editor");
    // The new editor's own menu: the public commands and the editor ones, not the owners'.
    const menus = calls.filter((c) => c.method === "setMyCommands" && (c.payload.scope as { chat_id?: number })?.chat_id === 55);
    expect(menus.map((m) => m.payload.language_code)).toEqual([undefined, "en", "kk", "ru"]);
    const names = (menus[0]!.payload.commands as Array<{ command: string }>).map((c) => c.command);
    expect(names).toEqual(expect.arrayContaining(["start", "timeline", "calendar", "stats", "unanswered", "edit_answer", "add_paraphrase", "cancel"]));
    expect(names).not.toContain("editors");

    await bot.handleUpdate(textUpdate("/editors add 55"));
    expect(sentTexts(calls).at(-1)).toContain("already an editor");

    await bot.handleUpdate(
      replyUpdate("/editors add", { forward_origin: { type: "user", date: 0, sender_user: { id: 66, is_bot: false, first_name: "V" } }, text: "hi" }),
    );
    expect(sentTexts(calls).at(-1)).toContain("<code>66</code> is now an editor");
    await bot.handleUpdate(replyUpdate("/editors add", { forward_origin: { type: "hidden_user", date: 0, sender_user_name: "Someone" }, text: "hi" }));
    expect(sentTexts(calls).at(-1)).toContain("hides their account");
    await bot.handleUpdate(textUpdate(`/editors add ${OWNER}`));
    expect(sentTexts(calls).at(-1)).toContain("is an owner");
    await bot.handleUpdate(textUpdate("/editors add someone"));
    expect(sentTexts(calls).at(-1)).toContain("/editors add 123456789");
    expect(await editorIds()).toEqual([55, 66]);

    await bot.handleUpdate(textUpdate("/editors"));
    const list = sentTexts(calls).at(-1)!;
    expect(list).toContain(`<b>Owners</b> (set in ADMIN_IDS): <code>${OWNER}</code>`);
    expect(list).toContain("<b>Editors</b> (2):");
    expect(list).toContain(`• <code>55</code>, added by <code>${OWNER}</code> on 2026-01-20`);

    await bot.handleUpdate(textUpdate("/editors remove 55"));
    expect(sentTexts(calls).at(-1)).toContain("<code>55</code> is no longer an editor");
    const cleared = calls.filter((c) => c.method === "deleteMyCommands" && (c.payload.scope as { chat_id?: number })?.chat_id === 55);
    expect(cleared.map((c) => c.payload.language_code)).toEqual([undefined, "en", "kk", "ru"]);
    await bot.handleUpdate(textUpdate("/editors remove 55"));
    expect(sentTexts(calls).at(-1)).toContain("is not an editor");
    expect(await editorIds()).toEqual([66]);
    expect(await audit()).toEqual([
      [OWNER, "editor.add", refOf(database.db, 55)],
      [OWNER, "editor.add", refOf(database.db, 66)],
      [OWNER, "editor.remove", refOf(database.db, 55)],
    ]);

    await bot.handleUpdate(textUpdate("/audit"));
    const shown = sentTexts(calls).at(-1)!;
    expect(shown).toContain("<b>Latest editor actions</b> (3, newest first; times in Asia/Almaty)");
    expect(shown.indexOf("editor.remove")).toBeLessThan(shown.indexOf("editor.add"));
    expect(shown).toContain(`2026-01-20 11:00 · <code>${OWNER}</code> · <b>editor.remove</b> · ${refOf(database.db, 55)}`);
  });
});
