import { describe, expect, it } from "vitest";
import { forgetChat } from "../../src/db/privacy.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { chatColumns, rowsAbout } from "../support/rows.js";
import { seedEverythingAbout } from "../support/seed.js";

describe.each(DB_KINDS)("forgetChat (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("knows every table that holds a chat id: a new one must be added to forgetChat", async () => {
    expect((await chatColumns(database)).map((c) => `${c.table_name}.${c.column_name}`)).toEqual([
      "chats.id",
      "deliveries.chat_id",
      "kv_state.chat_id",
      "subscriptions.chat_id",
    ]);
  });

  it("deletes the chat's rows from every one of those tables, and nobody else's", async () => {
    await seedEverythingAbout(database, 101);
    await seedEverythingAbout(database, 102);
    await forgetChat(database.db, 101);
    expect(await rowsAbout(database, 101)).toEqual([]);
    expect(await rowsAbout(database, 102)).toEqual(["chats.id: 1", "deliveries.chat_id: 2", "kv_state.chat_id: 1", "subscriptions.chat_id: 1"]);
  });
});
