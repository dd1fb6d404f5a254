import { describe, expect, it } from "vitest";
import { SendSlots } from "../../../src/delivery/sender/slots.js";

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function slotsKit(rate = 100, concurrency = 2) {
  let settled = 0;
  const slots = new SendSlots({ rate, concurrency, now: 0, onSettled: () => void settled++ });
  return { slots, settled: () => settled };
}

describe("the send slots", () => {
  it("lets a send start while a token is there, then makes the next wait for the refill", () => {
    // 100/s: a burst of 1, refilled at 96 a second (3% and the burst under the rate).
    const { slots } = slotsKit(100);
    expect(slots.blocked(0)).toBeUndefined();
    slots.take(0);
    expect(slots.blocked(0)).toEqual({ by: "rate", ms: 11 });
    expect(slots.blocked(11)).toBeUndefined();
  });

  it("blocks on a full set of slots until a send settles, and tells when one did", async () => {
    const k = slotsKit(1_000, 2);
    const a = deferred();
    const b = deferred();
    k.slots.start(1, a.promise);
    k.slots.start(2, b.promise);
    expect(k.slots.size).toBe(2);
    expect(k.slots.blocked(0)).toEqual({ by: "slots" });
    const any = k.slots.anySettled();
    b.resolve();
    await any;
    expect(k.slots.size).toBe(1);
    expect(k.settled()).toBe(1);
    expect(k.slots.blocked(0)).toBeUndefined();
  });

  it("allSettled waits for every send, a failed one included", async () => {
    const k = slotsKit(1_000, 4);
    const a = deferred();
    const b = deferred();
    k.slots.start(1, a.promise.catch(() => {}));
    k.slots.start(2, b.promise);
    let done = false;
    const all = k.slots.allSettled().then(() => (done = true));
    a.reject(new Error("lost"));
    await new Promise((r) => setTimeout(r, 0));
    expect(done).toBe(false);
    b.resolve();
    await all;
    expect(k.slots.size).toBe(0);
    expect(k.settled()).toBe(2);
  });

  it("a 429 pause blocks every send until it ends, before slots or tokens count", () => {
    const k = slotsKit(1_000, 1);
    k.slots.start(1, new Promise<void>(() => {}));
    k.slots.pause(3_000, 1_000);
    expect(k.slots.blocked(1_000)).toEqual({ by: "pause", ms: 2_000 });
    // A shorter pause asked later does not shorten it.
    k.slots.pause(2_000, 1_500);
    expect(k.slots.blocked(2_500)).toEqual({ by: "pause", ms: 500 });
    expect(k.slots.blocked(3_000)).toEqual({ by: "slots" });
  });

  it("a 429 empties the token bucket: after the pause the first send still waits for a refill", () => {
    // 1/s: a burst of 1 refilled at 0.5 a second, so a token takes 2 s.
    const drained = slotsKit(1, 4).slots;
    drained.pause(100, 0);
    expect(drained.blocked(100)).toEqual({ by: "rate", ms: 1_900 });
    const fresh = slotsKit(1, 4).slots;
    expect(fresh.blocked(100)).toBeUndefined();
  });
});
