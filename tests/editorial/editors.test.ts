import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import { createEditorDirectory } from "../../src/editorial/editors.js";
import { systemClock } from "../../src/shared/time.js";
import { editors } from "../../src/db/schema.js";
import { freshDatabase } from "../support/db.js";

describe("the editors' ids held in memory", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase("pglite");
  });
  afterAll(async () => database?.close());

  it("sees its own changes at once, and another instance's once the cache ends", async () => {
    const here = createEditorDirectory({ database, clock: systemClock }, 60_000);
    const fresh = createEditorDirectory({ database, clock: systemClock }, 0);
    expect(await here.isEditor(5)).toBe(false);
    await here.add(5, 1);
    expect(await here.isEditor(5)).toBe(true);
    // Another instance adds 6: this one still holds its old list, a fresh read sees it.
    await database.db.insert(editors).values({ userId: 6, addedBy: 1 });
    expect(await here.isEditor(6)).toBe(false);
    expect(await fresh.isEditor(6)).toBe(true);
    await here.remove(5, 1);
    expect(await here.isEditor(5)).toBe(false);
    expect(await here.isEditor(6)).toBe(true);
  });
});
