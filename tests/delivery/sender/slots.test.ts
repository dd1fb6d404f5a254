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
    // 4/s: sends at 0, 250, 500, 750 fill the window.
    const fill = (w: SendWindow) => [0, 250, 500, 750].map((t) => w.take(t));
    // Sends at 0 and 250 only, 2/s: the first answered at 100 counts until 1100; the second, hanging past a 300 ms grace, does not.
    const answered = new SendWindow(2, 1_000, 300);
    const first = answered.take(0);
    answered.take(500);
    answered.answered(first, 100);
    // At 700 both count and the spreading says 1000; at 800 the hanging one stops counting and gives its place back.
    expect(answered.waitMs(700)).toBe(300);
    expect(answered.waitMs(800)).toBe(0);
    expect(answered.stuckCount).toBe(1);
    // Every one hanging: at 1000 only the last (750 + 300 > 1000) still counts.
    const hung = new SendWindow(4, 1_000, 300);
    fill(hung);
    expect(hung.waitMs(1_000)).toBe(0);
    expect(hung.stuckCount).toBe(3);
    const slowGrace = new SendWindow(4, 1_000, 1_200);
    fill(slowGrace);
    expect(slowGrace.waitMs(1_000)).toBe(200);
    slowGrace.abandoned(0);
    expect(slowGrace.waitMs(1_000)).toBe(0);
  });

  it("with every tenth request hanging, the others still get 95% of the rate", () => {
    // 1000/s; answers take 5 ms, except every tenth request, which never answers. A hanging request
    // counts until one sent 100 ms after it is answered: were it to count for a whole window as a
    // message sent, the others would get 90% at most.
    const w = new SendWindow(1_000, 1_000, 1_000, 100);
    let t = 0;
    let answered = 0;
    while (t < 5_000) {
      const wait = w.waitMs(t);
      if (wait > 0) {
        t += wait;
        continue;
      }
      const ticket = w.take(t);
      if (ticket % 10 !== 0) {
        w.answered(ticket, t + 5);
        answered++;
      }
    }
    expect(answered / 5).toBeGreaterThanOrEqual(950);
    expect(w.stuckCount).toBeGreaterThan(450);
  });

  it("when every answer is slow, nothing is taken as hanging before the grace", () => {
    // Answers in the order sent, each after 400 ms: none is overtaken, so each counts for the whole grace.
    const w = new SendWindow(10, 1_000, 1_000, 100);
    const sent: number[] = [];
    for (let t = 0; t < 300; t += 100) sent.push(w.take(t));
    w.answered(sent[0]!, 400);
    expect(w.waitMs(450)).toBe(0);
    expect(w.stuckCount).toBe(0);
  });

  it("a late answer counts from then", () => {
    const w = new SendWindow(1, 1_000, 100);
    const old = w.take(0);
    // Past its grace at 100: taken as never arrived, the next may go at once.
    expect(w.waitMs(1_000)).toBe(0);
    w.take(1_000);
    w.answered(old, 1_050);
    // The second send passes its grace at 1100; the late answer still counts until 2050.
    expect(w.waitMs(1_500)).toBe(550);
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
    // In flight since 2950: within its grace at 3000, so it still holds the one slot.
    k.slots.start(1, 2_950, () => new Promise<void>(() => {}));
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
