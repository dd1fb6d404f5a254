import { uniformStorage } from "@grammyjs/conversations";
import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { CONVERSATION_STATE_VERSION, conversationStorage } from "../../../src/bot/conversations/storage.js";
import { systemClock } from "../../../src/shared/time.js";
import { createKvStore } from "../../../src/db/kv.js";
import { DB_KINDS, useDatabase } from "../../support/db.js";

describe.each(DB_KINDS)("conversation state (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("drops state written under another storage version instead of replaying it into the wrong step", async () => {
    const ctx = { chatId: 5 } as Context;
    await uniformStorage(conversationStorage(createKvStore(database.db), systemClock, CONVERSATION_STATE_VERSION))(ctx).write({ x: [] });
    expect(await uniformStorage(conversationStorage(createKvStore(database.db), systemClock, CONVERSATION_STATE_VERSION))(ctx).read()).toEqual({ x: [] });
    expect(await uniformStorage(conversationStorage(createKvStore(database.db), systemClock, CONVERSATION_STATE_VERSION + 1))(ctx).read()).toBeUndefined();
  });
});
