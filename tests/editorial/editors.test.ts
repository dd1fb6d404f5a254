import { describe, expect, it } from "vitest";
import { createEditorDirectory } from "../../src/editorial/editors.js";
import { systemClock } from "../../src/shared/time.js";
import { useDatabase } from "../support/db.js";
import { seedEditor } from "../support/seed.js";

describe("the editors' ids held in memory", () => {
  const { database } = useDatabase();

  it("sees its own changes at once, and another instance's once the cache ends", async () => {
    const here = createEditorDirectory({ database, clock: systemClock }, 60_000);
    const fresh = createEditorDirectory({ database, clock: systemClock }, 0);
    expect(await here.isEditor(5)).toBe(false);
    await here.add(5, 1);
    expect(await here.isEditor(5)).toBe(true);
    // Another instance adds 6: this one still holds its old list, a fresh read sees it.
    await seedEditor(database, { userId: 6 });
    expect(await here.isEditor(6)).toBe(false);
    expect(await fresh.isEditor(6)).toBe(true);
    await here.remove(5, 1);
    expect(await here.isEditor(5)).toBe(false);
    expect(await here.isEditor(6)).toBe(true);
  });
});
