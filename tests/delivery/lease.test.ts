import { describe, expect, it } from "vitest";
import type { LockLease } from "../../src/db/client.js";
import { graceMs, watchLease } from "../../src/delivery/lease.js";

const lease = (check: () => Promise<boolean>): LockLease => ({ check, release: async () => {} });
const FENCE = { tickMs: 20, fenceMs: 80 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("watchLease", () => {
  it("stays held while every check confirms the lock, each confirmation a tick", async () => {
    const w = watchLease(lease(async () => true), FENCE);
    const first = w.lastConfirmedAt();
    await sleep(200);
    expect(w.isLost()).toBe(false);
    expect(w.lastConfirmedAt()).toBeGreaterThan(first);
    w.stop();
  });

  it("is lost at once when a check says the lock is gone, or fails", async () => {
    for (const check of [async () => false, async () => Promise.reject(new Error("CONNECTION_CLOSED"))]) {
      const w = watchLease(lease(check), FENCE);
      const t0 = Date.now();
      await w.lost;
      expect(Date.now() - t0).toBeLessThan(FENCE.fenceMs + 200);
      w.stop();
    }
  });

  it("is lost within the fence when a check hangs (a server gone without closing the socket)", async () => {
    const w = watchLease(lease(() => new Promise<boolean>(() => {})), FENCE);
    const t0 = Date.now();
    await w.lost;
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(FENCE.fenceMs);
    expect(took).toBeLessThan(FENCE.fenceMs + FENCE.tickMs + 200);
    w.stop();
  });

  it("has a new holder wait longer than the old one can go on sending", () => {
    expect(graceMs(FENCE)).toBeGreaterThan(FENCE.fenceMs + FENCE.tickMs / 4);
    expect(graceMs({})).toBe(4_000);
  });
});
