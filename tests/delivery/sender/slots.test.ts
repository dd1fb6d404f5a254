import { afterEach, describe, expect, it, vi } from "vitest";
import { SendWindow } from "../../../src/delivery/rate.js";
import { DeadlineExceeded, SendSlots, type SendHandle } from "../../../src/delivery/sender/slots.js";

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function slotsKit(rate = 100, concurrency = 2, deadlineMs = 10_000) {
  let settled = 0;
  const slots = new SendSlots({ rate, concurrency, deadlineMs, onSettled: () => void settled++ });
  return { slots, settled: () => settled };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the global window (a token per message, back one window after its answer)", () => {
  it("gives `rate` tokens, then the oldest back one window after its answer, not after its start", () => {
    // 2/s: one send every 500 ms at most, and no more than 2 answered within any window.
    const w = new SendWindow(2, 1_000, 1_000);
    const a = w.take(0);
    expect(w.waitMs(0)).toBe(500);
    const b = w.take(500);
    w.answered(a, 30);
    w.answered(b, 531);
    // The spacing alone would allow the third at 1000; the first answer came at 30, so 1030.
    expect(w.waitMs(1_000)).toBe(30);
    expect(w.waitMs(1_030)).toBe(0);
    w.take(1_030);
    expect(w.waitMs(1_030)).toBe(501);
  });

  it("spreads sends evenly, with a burst of a fiftieth of the rate", () => {
    const w = new SendWindow(1_000, 1_000, 1_000);
    for (let i = 0; i < 20; i++) {
      expect(w.waitMs(0)).toBe(0);
      w.take(0);
    }
    expect(w.waitMs(0)).toBe(1);
  });

  it("a request still unanswered after the grace, or abandoned, is taken as never arrived", () => {
    // 4/s: sends at 0, 250, 500, 750 fill the window; at 1000 the first one's token is the next.
    const fill = (w: SendWindow) => [0, 250, 500, 750].map((t) => w.take(t));
    const answered = new SendWindow(4, 1_000, 300);
    answered.answered(fill(answered)[0]!, 100);
    expect(answered.waitMs(1_000)).toBe(100);
    // Never answered: back at its grace (300), long past.
    const hung = new SendWindow(4, 1_000, 300);
    fill(hung);
    expect(hung.waitMs(1_000)).toBe(0);
    const slowGrace = new SendWindow(4, 1_000, 1_200);
    fill(slowGrace);
    expect(slowGrace.waitMs(1_000)).toBe(200);
    slowGrace.abandoned(0, 1_000);
    expect(slowGrace.waitMs(1_000)).toBe(0);
  });

  it("a late answer does not touch a token reused since", () => {
    const w = new SendWindow(1, 1_000, 100);
    const old = w.take(0);
    w.take(1_000);
    w.answered(old, 1_050);
    // The token belongs to the second send, still in flight: free at its grace or the spacing, not 1050 + 1000.
    expect(w.waitMs(1_050)).toBe(950);
  });
});

describe("the send slots", () => {
  it("blocks on a full set of slots until a send settles, and tells when one did", async () => {
    const k = slotsKit(1_000, 2);
    const a = deferred();
    const b = deferred();
    k.slots.start(1, 0, () => a.promise);
    k.slots.start(2, 0, () => b.promise);
    expect(k.slots.size).toBe(2);
    expect(k.slots.blocked(0)).toEqual({ by: "slots" });
    const any = k.slots.anySettled();
    b.resolve();
    await any;
    expect(k.slots.size).toBe(1);
    expect(k.settled()).toBe(1);
    expect(k.slots.blocked(0)).toBeUndefined();
    a.resolve();
    await k.slots.allSettled();
  });

  it("allSettled waits for every send, a failed one included", async () => {
    const k = slotsKit(1_000, 4);
    const a = deferred();
    const b = deferred();
    k.slots.start(1, 0, () => a.promise);
    k.slots.start(2, 0, () => b.promise);
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
    k.slots.start(1, 0, () => new Promise<void>(() => {}));
    k.slots.pause(3_000);
    expect(k.slots.blocked(1_000)).toEqual({ by: "pause", ms: 2_000 });
    // A shorter pause asked later does not shorten it.
    k.slots.pause(2_000);
    expect(k.slots.blocked(2_500)).toEqual({ by: "pause", ms: 500 });
    expect(k.slots.blocked(3_000)).toEqual({ by: "slots" });
  });

  it("at the deadline an unanswered send is aborted and its slot freed at once, before it settles", async () => {
    vi.useFakeTimers();
    const k = slotsKit(10, 1, 2_000);
    let handle: SendHandle | undefined;
    const never = deferred();
    k.slots.start(1, 0, (h) => {
      handle = h;
      return never.promise;
    });
    expect(k.slots.blocked(0)).toEqual({ by: "slots" });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(handle!.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    // It gives the answer two I/O rounds to be read first.
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    expect(handle!.signal.aborted).toBe(true);
    expect(handle!.signal.reason).toBeInstanceOf(DeadlineExceeded);
    expect(k.slots.size).toBe(0);
    expect(k.settled()).toBe(1);
    // Still waited for on stop, until the sender has dealt with it.
    let done = false;
    const all = k.slots.allSettled().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    never.reject(handle!.signal.reason);
    await all;
    expect(k.settled()).toBe(1);
  });

  it("an answered send is not aborted at its deadline", async () => {
    vi.useFakeTimers();
    const k = slotsKit(10, 1, 100);
    let handle: SendHandle | undefined;
    const d = deferred();
    k.slots.start(1, 0, (h) => {
      handle = h;
      return d.promise;
    });
    handle!.answered();
    await vi.advanceTimersByTimeAsync(500);
    expect(handle!.signal.aborted).toBe(false);
    d.resolve();
    await k.slots.allSettled();
  });
});
