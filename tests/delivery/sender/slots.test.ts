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

describe("the global window (the sends in flight and those answered less than a window ago)", () => {
  it("gives `rate` places, then the oldest back one window after its answer, not after its start", () => {
    // 2/s: a burst of two, and no more than 2 answered within any window.
    const w = new SendWindow(2, 1_000);
    const a = w.take(0);
    expect(w.waitMs(0)).toBe(0);
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
    const w = new SendWindow(1_000, 1_000);
    for (let i = 0; i < 20; i++) {
      expect(w.waitMs(0)).toBe(0);
      w.take(0);
    }
    expect(w.waitMs(0)).toBe(1);
  });

  it("at 30/s, timers that fire 2 ms late still give 30 sends a second (a burst of two absorbs them)", () => {
    const w = new SendWindow(30, 1_000);
    let t = 0;
    let sent = 0;
    const answers: Array<{ at: number; ticket: number }> = [];
    while (t < 20_000) {
      // Answers are read when they come; only the sender's timers are late.
      while (answers.length && answers[0]!.at <= t) {
        const a = answers.shift()!;
        w.answered(a.ticket, a.at);
      }
      const wait = w.waitMs(t);
      if (wait > 0) {
        t += wait + 2;
        continue;
      }
      answers.push({ at: t + 2, ticket: w.take(t) });
      if (t >= 1_000) sent++;
    }
    // With no burst allowed at 30/s each late timer pushed every later send back: 28.3/s.
    expect(sent / 19).toBeGreaterThanOrEqual(29.7);
  });

  it("an unanswered request counts for the grace, then as never arrived; answered after all, it counts from its answer", () => {
    const w = new SendWindow(2, 1_000, { graceMs: 1_000 });
    const a = w.take(0);
    w.take(500);
    // Both in flight: the first stops counting at its grace.
    expect(w.waitMs(999)).toBe(1);
    expect(w.waitMs(1_000)).toBe(0);
    expect(w.stuckCount).toBe(1);
    w.take(1_000);
    // It did arrive: answered at 1,100 it counts until 2,100, with the two in flight the window is full.
    w.answered(a, 1_100);
    expect(w.stuckCount).toBe(0);
    expect(w.waitMs(1_100)).toBe(400);
    // Abandoned (at its deadline), a send stops counting at once.
    const d = new SendWindow(1, 1_000, { graceMs: 1_000 });
    const lone = d.take(0);
    expect(d.waitMs(200)).toBe(800);
    d.abandoned(lone, 200);
    expect(d.waitMs(1_000)).toBe(0);
  });

  it("only while requests are abandoned at their deadline does the grace shrink, to a few recent answer times", () => {
    const hang = { graceMs: 1_000, hungGraceMinMs: 200, hungGraceFactor: 3, hangMemoryMs: 10_000 };
    const answeredIn = (w: SendWindow, ms: number, n: number, at = 0) => {
      for (let i = 0; i < n; i++) w.answered(w.take(at), at + ms);
    };
    const quick = new SendWindow(1_000, 1_000, hang);
    answeredIn(quick, 10, 64);
    expect(quick.answerTimes()).toEqual({ p50: 10, p90: 10 });
    // Answers in 10 ms, but no hangs: an unanswered request still counts for the whole second.
    expect(quick.graceMs(100)).toBe(1_000);
    quick.abandoned(quick.take(100), 2_100);
    // Hangs going on: three times the recent 10 ms, but never under 200 ms…
    expect(quick.graceMs(2_100)).toBe(200);
    // …and back to the second once none was abandoned for hangMemoryMs.
    expect(quick.graceMs(12_100)).toBe(1_000);
    const slow = new SendWindow(1_000, 1_000, hang);
    answeredIn(slow, 100, 64);
    slow.abandoned(slow.take(100), 2_100);
    expect(slow.graceMs(2_100)).toBe(300);
    // An API slow for every request (answers in 500 ms) keeps the whole second even with hangs.
    const crawling = new SendWindow(1_000, 1_000, hang);
    answeredIn(crawling, 500, 64);
    crawling.abandoned(crawling.take(100), 2_100);
    expect(crawling.graceMs(2_100)).toBe(1_000);
  });

  /**
   * A millisecond-by-millisecond run at 1,000/s: requests answered in 5 ms (arriving at Telegram
   * after 2), and, if `hangEvery`, every such request hanging until its 2 s deadline. Returns the
   * answered requests per second after the first two seconds, and the most arrivals Telegram saw
   * in any one-second window.
   */
  function simulate(hangEvery: number | undefined, seconds = 20) {
    const w = new SendWindow(1_000, 1_000);
    const answers: Array<{ at: number; ticket: number }> = [];
    const deadlines: Array<{ at: number; ticket: number }> = [];
    const arrivals: number[] = [];
    let first = 0;
    let answered = 0;
    let n = 0;
    let peak = 0;
    for (let t = 0; t < seconds * 1_000; t += 0.25) {
      while (answers.length && answers[0]!.at <= t) {
        w.answered(answers.shift()!.ticket, t);
        if (t >= 2_000) answered++;
      }
      while (deadlines.length && deadlines[0]!.at <= t) w.abandoned(deadlines.shift()!.ticket, t);
      while (w.waitMs(t) === 0) {
        const ticket = w.take(t);
        if (hangEvery && n++ % hangEvery === 0) deadlines.push({ at: t + 2_000, ticket });
        else {
          answers.push({ at: t + 5, ticket });
          arrivals.push(t + 2);
        }
      }
      while (first < arrivals.length && arrivals[first]! <= t - 1_000) first++;
      let inWindow = 0;
      for (let i = first; i < arrivals.length && arrivals[i]! <= t; i++) inWindow++;
      peak = Math.max(peak, inWindow);
    }
    return { rate: answered / (seconds - 2), peak };
  }

  it("at 1,000/s the window is filled to 99% and never past the limit on Telegram's side", () => {
    const { rate, peak } = simulate(undefined);
    expect(rate).toBeGreaterThanOrEqual(990);
    expect(peak).toBeLessThanOrEqual(1_000);
  });

  it("with every tenth request hanging, the others still get at least 95% of the rate, and Telegram never more than the limit", () => {
    const { rate, peak } = simulate(10);
    expect(rate).toBeGreaterThanOrEqual(950);
    expect(peak).toBeLessThanOrEqual(1_000);
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

  it("while hangs go on, a request taken for lost gives up its slot, and no more than `concurrency` such are open besides", async () => {
    const slots = new SendSlots({ rate: 1_000, concurrency: 2, deadlineMs: 400, onSettled: () => {}, hang: { hungGraceMinMs: 20 } });
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
