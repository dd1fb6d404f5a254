import { describe, expect, it } from "vitest";
import type { ContentSnapshot } from "../../src/case/content/store.js";
import { fixedClock } from "../../src/shared/time.js";
import { createSiteState } from "../../src/web/state.js";

describe("what pages are made from", () => {
  function source(refreshMs: number) {
    const clock = fixedClock("2026-01-20T00:00:00Z");
    let snapshot = { revision: 1 } as ContentSnapshot;
    let reads = 0;
    let title = "a";
    const state = createSiteState({
      content: { current: () => snapshot },
      hearings: { all: async () => (reads++, [{ id: "h", title } as never]) },
      updates: { published: async () => [] },
      clock,
      refreshMs,
    });
    return { state, clock, reads: () => reads, setTitle: (t: string) => (title = t), bump: () => (snapshot = { revision: 2 } as ContentSnapshot) };
  }

  it("a burst of requests shares one read; a later one within refreshMs reuses it", async () => {
    const s = source(5_000);
    const all = await Promise.all(Array.from({ length: 200 }, () => s.state.current()));
    expect(s.reads()).toBe(1);
    expect(new Set(all).size).toBe(1);
    s.clock.advance(4_000);
    await s.state.current();
    expect(s.reads()).toBe(1);
    s.clock.advance(1_000);
    await s.state.current();
    expect(s.reads()).toBe(2);
  });

  it("reads again at once when the content changes, and the version follows the record", async () => {
    const s = source(60_000);
    const first = await s.state.current();
    s.setTitle("b");
    expect((await s.state.current()).version).toBe(first.version);
    s.bump();
    const next = await s.state.current();
    expect(s.reads()).toBe(2);
    expect(next.version).not.toBe(first.version);
  });

  it("peek gives the state read last only while current() would too: within refreshMs, same content", async () => {
    const s = source(5_000);
    expect(s.state.peek()).toBeUndefined();
    const first = await s.state.current();
    expect(s.state.peek()).toBe(first);
    s.bump();
    expect(s.state.peek()).toBeUndefined();
    const next = await s.state.current();
    expect(s.state.peek()).toBe(next);
    s.clock.advance(5_000);
    expect(s.state.peek()).toBeUndefined();
    expect(s.reads()).toBe(2);
  });
});
