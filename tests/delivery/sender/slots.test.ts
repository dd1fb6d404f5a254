import { afterEach, describe, expect, it, vi } from "vitest";
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

  it("while hangs go on, a request taken for lost gives up its slot, and no more than `maxLostOpen` such are open besides", async () => {
    const slots = new SendSlots({ rate: 1_000, concurrency: 2, deadlineMs: 400, onSettled: () => {}, hang: { hungGraceMinMs: 20 }, maxLostOpen: 2 });
    const t = () => performance.now();
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const startWhenFree = async (id: number, send: (h: SendHandle) => Promise<void>) => {
      while (slots.blocked(t())) await pause(1);
      slots.start(id, t(), send);
    };
    const hanging = (h: SendHandle) => new Promise<void>((_, reject) => h.signal.addEventListener("abort", () => reject(h.signal.reason as Error)));
    // Quick answers first: the shrunk grace will be its floor, 20 ms.
    for (let i = 0; i < 64; i++) await startWhenFree(i, async (h) => h.answered());
    await startWhenFree(100, hanging);
    await startWhenFree(101, hanging);
    // No hang seen yet: both hold their slots for their whole grace (the deadline here).
    await pause(60);
    expect(slots.blocked(t())).toEqual({ by: "slots" });
    while (slots.size) await pause(5);
    // Both abandoned at the deadline: hangs are going on now.
    await startWhenFree(102, hanging);
    await startWhenFree(103, hanging);
    expect(slots.blocked(t())).toEqual({ by: "slots" });
    // Past the shrunk grace they are taken for lost and their slots are free, the requests still open…
    await pause(40);
    expect(slots.blocked(t())).toBeUndefined();
    await slots.anySettled();
    await startWhenFree(104, hanging);
    await startWhenFree(105, hanging);
    await pause(40);
    // …but four open is the most with two slots, lost or not.
    expect(slots.size).toBe(4);
    expect(slots.blocked(t())).toEqual({ by: "slots" });
    await slots.allSettled();
  });

  it("by default 250 requests taken for lost may be open besides the slots, however few the slots", async () => {
    vi.useFakeTimers();
    // Sends to chats that hung before (suspects) are taken for lost after 20 ms here.
    const slots = new SendSlots({ rate: 1_000, concurrency: 2, deadlineMs: 5_000, onSettled: () => {}, hang: { suspectGraceMinMs: 20 } });
    const hanging = (h: SendHandle) => new Promise<void>((_, reject) => h.signal.addEventListener("abort", () => reject(h.signal.reason as Error)));
    // Three seconds (of the window's time) of starting whatever may start, none answered.
    let id = 0;
    for (let now = 0; now < 3_000; now++) while (!slots.blocked(now)) slots.start(id++, now, hanging, true);
    // Two slots and 250 taken for lost (until 2026-12-04 min(concurrency, 250): 2).
    expect(slots.size).toBe(252);
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.runOnlyPendingTimersAsync();
    await vi.runOnlyPendingTimersAsync();
    await slots.allSettled();
    expect(slots.size).toBe(0);
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
