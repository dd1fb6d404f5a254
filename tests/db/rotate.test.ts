/**
 * keys:rotate on every person column of the schema (src/db/reseal.ts, PERSON_PAIRS read from the
 * column definitions): after a rotation, with the previous key then removed, nothing anywhere is
 * left under the old key, the repositories find everyone under the new key alone, and /forget
 * still leaves no row in any table tied to the person (walked as tests/db/seized-copy does).
 */
import { sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { keyring, newChatKeyText } from "../../src/db/chat-id.js";
import type { Database } from "../../src/db/client.js";
import { createChatsRepo } from "../../src/db/chats.js";
import { createDialogueStore } from "../../src/db/dialogue.js";
import { createEditorsRepo } from "../../src/db/editors.js";
import { createKvStore } from "../../src/db/kv.js";
import { forgetChat } from "../../src/db/privacy.js";
import { bindRing, refOf } from "../../src/db/refs.js";
import { PERSON_PAIRS, resealAll } from "../../src/db/reseal.js";
import { schemaTables } from "../../src/db/schema.js";
import { personColumns } from "../../src/db/schema/columns.js";
import { createSubscriptionsRepo } from "../../src/db/subscriptions.js";
import { fixedClock } from "../../src/shared/time.js";
import { DB_KINDS, freshDatabase, TEST_CHAT_KEY } from "../support/db.js";
import { mentionsOf } from "../support/rows.js";
import { seedEditorScenario } from "../support/editor-scenario.js";
import { seedEverythingAbout } from "../support/seed.js";

const OWNER = 5_001;
const ME = 7_001_234_567;
const OTHER = 7_009_876_543;
/** A chat that only asked questions: no chat row, only its dialogue state. */
const ASKER = 7_005_555_555;
const REMOVED = 9_999;

/** Someone in every table that can hold a person (the privacy test's editor scenario), and a chat that only asked. */
async function scenario(database: Database) {
  const { clock } = await seedEditorScenario(database, { me: ME, other: OTHER, owner: OWNER, removed: REMOVED });
  for (const id of [ME, ASKER]) await createDialogueStore(database.db).save(id, { topics: ["charges"] }, clock.now());
}

describe("the person columns keys:rotate re-keys", () => {
  it("are read from the schema: every ref is named by a sealed column beside it, or follows the chat's", () => {
    for (const table of Object.values(schemaTables)) {
      const { refs, pairs, follows } = personColumns(table);
      const paired = new Set(pairs.map((p) => p.ref));
      for (const r of refs) expect(paired.has(r) || follows.some((f) => f.ref === r), `${getTableConfig(table).name}.${r}`).toBe(true);
    }
    expect(PERSON_PAIRS.map((p) => `${p.table}.${p.ref}/${p.sealed}`)).toEqual([
      "chats.ref/sealed",
      "updates.created_by_ref/created_by_sealed",
      "kv_state.chat_ref/chat_sealed",
      "editors.user_ref/sealed",
      "editors.added_by_ref/added_by_sealed",
      "audit_log.actor_ref/actor_sealed",
      "audit_log.subject/subject_sealed",
      "feeds.added_by_ref/added_by_sealed",
      "reviews.author_ref/author_sealed",
      "reviews.reviewer_ref/reviewer_sealed",
    ]);
  });
});

describe.each(DB_KINDS)("keys:rotate on every table that holds a person (%s)", (kind) => {
  it("leaves nothing under the old key, and /forget under the new key alone still leaves no row tied to the person", async () => {
    const database = await freshDatabase(kind);
    try {
      await scenario(database);
      const old = keyring(TEST_CHAT_KEY);
      const tables = (id: number) => mentionsOf(database, id, old).then((m) => m.map((x) => x.split(":")[0]));
      // Not vacuous: the people are in every table that can hold them, under the old key.
      expect(await tables(ME)).toEqual(["updates", "chats", "subscriptions", "deliveries", "kv_state", "editors", "audit_log", "feeds", "reviews"]);
      expect(await tables(ASKER)).toEqual(["kv_state"]);
      expect(await tables(REMOVED)).toEqual(["audit_log"]);

      const next = newChatKeyText();
      const rotating = keyring(next, TEST_CHAT_KEY);
      bindRing(database.db, rotating);
      // A crash after two batches, then the rest; then nothing is left to do.
      const first = await resealAll(database.db, rotating, PERSON_PAIRS, { batch: 2, maxBatches: 2 });
      expect(first).toEqual({ "chats.sealed": 2 });
      const done = await resealAll(database.db, rotating, PERSON_PAIRS, { batch: 2 });
      expect(done).toMatchObject({ "chats.sealed": 0, "kv_state.chat_sealed": 4, "audit_log.subject_sealed": 4, "reviews.reviewer_sealed": 1 });
      expect(Object.values(await resealAll(database.db, rotating, PERSON_PAIRS)).every((n) => n === 0)).toBe(true);

      // The previous key is removed: nothing opens with it, nothing carries its refs.
      for (const id of [ME, OTHER, ASKER, REMOVED, OWNER]) expect(await mentionsOf(database, id, old)).toEqual([]);
      const now = keyring(next);
      bindRing(database.db, now);
      expect(await createSubscriptionsRepo(database.db).get(OTHER)).toMatchObject({ chatId: OTHER });
      expect(await createKvStore(database.db).getForChat("conversation", OTHER)).toEqual({ step: 2 });
      expect(await createKvStore(database.db).getForChat("dialogue", ASKER)).toEqual({ topics: ["charges"] });
      expect((await createEditorsRepo(database.db).list()).map((e) => [e.userId, e.addedBy]).sort()).toEqual([
        [ME, OWNER],
        [OTHER, ME],
      ]);

      for (const id of [ME, ASKER, REMOVED]) await forgetChat(database.db, id);
      const both = keyring(next, TEST_CHAT_KEY);
      for (const id of [ME, ASKER, REMOVED]) expect(await mentionsOf(database, id, both)).toEqual([]);
      // Everyone else keeps their rows, under the new key.
      expect(await tables(OTHER)).toEqual([]);
      expect((await mentionsOf(database, OTHER, now)).map((m) => m.split(":")[0])).toEqual(["chats", "subscriptions", "deliveries", "kv_state", "editors", "audit_log"]);
      const [n] = await database.rows<{ n: number }>(sql`select count(*)::int as n from deliveries d join chats c on c.ref = d.chat_ref`);
      expect(n!.n).toBe(2);
    } finally {
      await database.close();
    }
  });
});

describe.each(DB_KINDS)("while a rotation runs (%s)", (kind) => {
  it("a Kazakh script or a dialogue state written under the new key moves the chat's row rather than making a second one", async () => {
    const database = await freshDatabase(kind);
    try {
      const clock = fixedClock("2026-11-20T09:00:00Z");
      await seedEverythingAbout(database, ME);
      await createDialogueStore(database.db).save(ME, { topics: ["charges"] }, clock.now());
      const oldRef = refOf(database.db, ME);
      bindRing(database.db, keyring(newChatKeyText(), TEST_CHAT_KEY));
      const newRef = refOf(database.db, ME);

      await createChatsRepo(database.db).setKazakhScript(ME, "private", "latn", clock.now());
      await createDialogueStore(database.db).save(ME, { topics: ["verdict"] }, clock.now());

      expect(await database.rows(sql`select ref, kk_script from chats`)).toEqual([{ ref: newRef, kk_script: "latn" }]);
      expect(await database.rows(sql`select key, chat_ref from kv_state where key like 'dialogue:%'`)).toEqual([{ key: `dialogue:${newRef}`, chat_ref: newRef }]);
      expect(await createChatsRepo(database.db).context(ME)).toMatchObject({ chat: { id: ME, kkScript: "latn" }, dialogue: { topics: ["verdict"] } });
      // The subscription followed its chat's row.
      expect(await database.rows(sql`select chat_ref from subscriptions`)).toEqual([{ chat_ref: newRef }]);
      expect(oldRef).not.toBe(newRef);
    } finally {
      await database.close();
    }
  });
});
