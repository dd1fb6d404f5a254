import { describe, expect, it } from "vitest";
import type { Outcome } from "../../../src/db/deliveries.js";
import { OutcomeBook, type OutcomeStore } from "../../../src/delivery/sender/outcomes.js";
import { fixedClock } from "../../../src/shared/time.js";
import { fakeLogger, monoClock } from "./rows.js";

const WALL = new Date("2026-03-09T05:00:00Z");
const sent = (id: number): Outcome => ({ id, status: "sent", messageId: id * 10 });

/** A store that records its writes and can be told to fail the next ones, or to hold them. */
function fakeStore() {
  const started: number[][] = [];
  const finished: Array<{ ids: number[]; now: Date }> = [];
  const renewed: Array<{ ids: number[]; leaseMs: number }> = [];
  let failures = 0;
  let gate: Promise<void> | undefined;
  const store: OutcomeStore = {
    async finish(outcomes, now) {
      started.push(outcomes.map((o) => o.id));
      await gate;
      if (failures > 0) {
        failures--;
        throw new Error("connection lost");
      }
      finished.push({ ids: outcomes.map((o) => o.id), now });
    },
    async extendLeases(ids, _now, leaseMs) {
      renewed.push({ ids: [...ids], leaseMs });
    },
  };
  return {
    store,
    started,
    finished,
    renewed,
    failNext: (n: number) => void (failures = n),
    hold: () => {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

function bookKit(o: { leaseMs?: number; flushMs?: number } = {}) {
  const s = fakeStore();
  const m = monoClock(0);
  const log = fakeLogger();
  const book = new OutcomeBook({ store: s.store, clock: fixedClock(WALL), logger: log.logger, mono: m.mono, leaseMs: o.leaseMs ?? 60_000, flushMs: o.flushMs ?? 200 });
  return { book, ...s, ...m, ...log };
}

/** Lets the write that tick started run to its end. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the outcome book", () => {
  it("holds a row once: a row claimed again while held, or finished but not yet written, is refused", async () => {
    const k = bookKit();
    expect(k.book.hold(1)).toBe(true);
    expect(k.book.hold(1)).toBe(false);
    expect(k.book.heldCount).toBe(1);
    k.book.finish(sent(1));
    expect(k.book.heldCount).toBe(0);
    expect(k.book.bufferedCount).toBe(1);
    // Sent, not yet marked sent: claimed again (its lease ran out in an outage), it is not sent twice.
    expect(k.book.hold(1)).toBe(false);
    await k.book.flush();
    expect(k.book.hold(1)).toBe(true);
  });

  it("writes buffered outcomes in one batch, with the clock's time", async () => {
    const k = bookKit();
    for (const id of [1, 2, 3]) k.book.finish(sent(id));
    await k.book.flush();
    await k.book.flush();
    expect(k.finished).toEqual([{ ids: [1, 2, 3], now: WALL }]);
    expect(k.book.bufferedCount).toBe(0);
  });

  it("keeps a batch that failed to write, in front of outcomes that came after, and writes it next time", async () => {
    const k = bookKit();
    k.book.finish(sent(1));
    k.book.finish(sent(2));
    k.failNext(1);
    const release = k.hold();
    const first = k.book.flush();
    k.book.finish(sent(3)); // arrives while the failing write is under way
    release();
    await first;
    expect(k.finished).toEqual([]);
    expect(k.error).toHaveBeenCalledWith({ err: expect.any(Error) }, "could not record delivery outcomes; will retry");
    expect(k.book.bufferedCount).toBe(3);
    await k.book.flush();
    expect(k.finished.map((f) => f.ids)).toEqual([[1, 2, 3]]);
  });

  it("tick writes at most every flushMs, and never two writes at once", async () => {
    const k = bookKit({ flushMs: 200 });
    k.book.finish(sent(1));
    k.book.tick(199);
    await settle();
    expect(k.finished).toEqual([]);

    const release = k.hold();
    k.book.tick(200);
    k.book.finish(sent(2));
    k.book.tick(1_000); // the first write has not ended: nothing more starts
    release();
    await settle();
    expect(k.finished.map((f) => f.ids)).toEqual([[1]]);

    k.book.tick(1_100);
    await settle();
    expect(k.finished.map((f) => f.ids)).toEqual([[1], [2]]);
  });

  it("renews the leases of the rows still held, every third of a lease", async () => {
    const k = bookKit({ leaseMs: 3_000, flushMs: 200 });
    for (const id of [1, 2, 3]) k.book.hold(id);
    k.book.finish(sent(2));
    k.book.tick(1_000);
    await settle();
    expect(k.renewed).toEqual([]);
    k.set(1_001);
    k.book.tick(1_001);
    await settle();
    expect(k.finished.map((f) => f.ids)).toEqual([[2]]);
    expect(k.renewed).toEqual([{ ids: [1, 3], leaseMs: 3_000 }]);
    // The next renewal is a third of a lease after that one.
    k.book.tick(2_001);
    await settle();
    expect(k.renewed).toHaveLength(1);
    k.book.tick(2_002);
    await settle();
    expect(k.renewed).toHaveLength(2);
  });

  it("after abort records nothing and writes nothing: what was buffered is lost, as in a crash", async () => {
    const k = bookKit({ leaseMs: 3_000 });
    k.book.hold(1);
    k.book.finish(sent(1));
    k.book.hold(2);
    k.book.abort();
    k.book.finish(sent(3));
    expect(k.book.bufferedCount).toBe(1);
    k.book.tick(10_000);
    await settle();
    await k.book.drain();
    expect(k.finished).toEqual([]);
    expect(k.renewed).toEqual([]);
  });

  it("drain waits for a write under way, then writes what came after it", async () => {
    const k = bookKit();
    k.book.finish(sent(1));
    const release = k.hold();
    k.book.tick(500);
    k.book.finish(sent(2));
    const drained = k.book.drain();
    await settle();
    expect(k.started).toEqual([[1]]); // the rest waits for that write to end
    release();
    await drained;
    expect(k.finished.map((f) => f.ids)).toEqual([[1], [2]]);
    expect(k.book.bufferedCount).toBe(0);
  });
});
