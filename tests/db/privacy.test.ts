import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { audit } from "../../src/db/audit.js";
import { open } from "../../src/db/chat-id.js";
import { refOf } from "../../src/db/refs.js";
import { forgetChat } from "../../src/db/privacy.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { auditRows, chatColumns, mentionsOf, rowsAbout } from "../support/rows.js";
import { seedEditorScenario as seedScenario } from "../support/editor-scenario.js";
import { seedEverythingAbout } from "../support/seed.js";

/** What seedEverythingAbout leaves about a chat: its ref in each table that holds chats, its sealed id in chats. */
const EVERYTHING = ["chats.ref: 1", "chats.sealed: 1", "deliveries.chat_ref: 2", "kv_state.chat_ref: 1", "kv_state.chat_sealed: 1", "subscriptions.chat_ref: 1"];
const OWNER = 5_001;
const ME = 7_001_234_567;
const OTHER = 7_009_876_543;

describe.each(DB_KINDS)("forgetChat (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("knows every column that holds a person (a ref or a sealed id): a new one must be added to forgetChat", async () => {
    expect((await chatColumns(database)).map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
      "audit_log.actor_ref",
      "audit_log.actor_sealed",
      "audit_log.subject_sealed",
      "chats.ref",
      "chats.sealed",
      "deliveries.chat_ref",
      "editors.added_by_ref",
      "editors.added_by_sealed",
      "editors.sealed",
      "editors.user_ref",
      "feeds.added_by_ref",
      "feeds.added_by_sealed",
      "kv_state.chat_ref",
      "kv_state.chat_sealed",
      "reviews.author_ref",
      "reviews.author_sealed",
      "reviews.reviewer_ref",
      "reviews.reviewer_sealed",
      "subscriptions.chat_ref",
      "updates.created_by_ref",
      "updates.created_by_sealed",
    ]);
  });

  it("deletes the chat's rows from every one of those tables, and nobody else's", async () => {
    await seedEverythingAbout(database, 101);
    await seedEverythingAbout(database, 102);
    await forgetChat(database.db, 101);
    expect(await rowsAbout(database, 101)).toEqual([]);
    expect(await rowsAbout(database, 102)).toEqual(EVERYTHING);
  });

  /** An editor who subscribed, added another editor, published, edited, and was themselves added and later named in a removal. */
  async function seedEditorScenario() {
    const { editors, clock } = await seedScenario(database, { me: ME, other: OTHER, owner: OWNER, removed: 9_999 });
    await audit(database.db, { actorId: ME, action: "topic.paraphrase", subject: "verdict/q1", after: { text: "Another" }, at: clock.now() });
    await audit(database.db, { actorId: OTHER, action: "topic.answer", subject: "charge/en", after: { text: "Theirs" }, at: clock.now() });
    return editors;
  }

  it("leaves no row in any table of the schema that mentions the forgotten id", async () => {
    await seedEditorScenario();
    // In the schema's order: the seeded scenario really does put the id in every table that can hold it.
    expect(await mentionsOf(database, ME)).toEqual(["updates: 1", "chats: 1", "subscriptions: 1", "deliveries: 2", "kv_state: 1", "editors: 2", "audit_log: 5", "feeds: 1", "reviews: 2"]);
    const before = await auditRows(database);

    const r = await forgetChat(database.db, ME);

    expect(r).toEqual({ wasEditor: true });
    expect(await mentionsOf(database, ME)).toEqual([]);
    // Everyone else keeps everything: OTHER's rows, and their editor role (now added by no one).
    expect(await rowsAbout(database, OTHER)).toEqual([
      "audit_log.actor_ref: 1",
      "audit_log.actor_sealed: 1",
      "audit_log.subject_sealed: 1", // editor.add OTHER
      ...EVERYTHING.slice(0, 3),
      "editors.sealed: 1",
      "editors.user_ref: 1",
      ...EVERYTHING.slice(3),
    ]);
    expect(await database.rows(sql`select user_ref = ${refOf(database.db, OTHER)} as theirs, added_by_ref, added_by_sealed from editors`)).toEqual([
      { theirs: true, added_by_ref: null, added_by_sealed: null },
    ]);
    expect(await database.rows(sql`select created_by_ref, created_by_sealed from updates`)).toEqual([{ created_by_ref: null, created_by_sealed: null }]);
    // The audit log keeps what was done and when; the person is a different random token in each row.
    const after = (
      await database.rows<{ actor_sealed: string | null; actor_token: string | null; action: string; at: unknown }>(
        sql`select actor_sealed, actor_token, action, subject, at from audit_log order by id`,
      )
    ).map((a) => ({ ...a, actor_id: a.actor_sealed === null ? null : String(open(database.ring, a.actor_sealed)) }));
    expect(after.map((a) => a.action)).toEqual(before.map((b) => b.action));
    const T = "token";
    expect(after.map((a) => [a.actor_id, a.actor_token === null ? null : T])).toEqual([
      [String(OWNER), null], // editor.add ME: its subject is a token now
      [null, T], // ME adds OTHER
      [null, T], // ME adds 9999
      [String(OWNER), null], // editor.remove 9999: names no one but 9999
      [null, T],
      [null, T],
      [String(OTHER), null],
    ]);
    const tokens = after.map((a) => a.actor_token).filter((t) => t !== null);
    expect(new Set(tokens).size).toBe(tokens.length);
    const [added, , , removed] = await database.rows<{ subject: string; before: unknown }>(sql`select subject, before from audit_log order by id`);
    expect(added!.subject).toMatch(/^forgotten-[0-9a-f]{12}$/);
    expect(removed!.before).not.toHaveProperty("addedBy");
    expect(tokens).not.toContain(added!.subject);
  });

  it("says when the one forgotten was no editor", async () => {
    await seedEverythingAbout(database, ME);
    expect(await forgetChat(database.db, ME)).toEqual({ wasEditor: false });
  });
});
