import { vi } from "vitest";
import type { ClaimedDelivery, Outcome } from "../../../src/db/deliveries.js";
import type { Logger } from "../../../src/logger.js";

/** A claimed row as the repository returns it; fields not given are a private chat's reminder. */
export function claimed(id: number, over: Partial<ClaimedDelivery> = {}): ClaimedDelivery {
  return {
    id,
    chatId: 1_000 + id,
    kind: "reminder",
    subjectId: "h1",
    subjectVersion: 1,
    lead: "1d",
    dueAt: new Date("2026-03-09T05:00:00Z"),
    attempts: 1,
    payload: null,
    lang: "en",
    chatType: "private",
    chatStatus: "active",
    ...over,
  };
}

/** A logger that records what was logged, at which level. */
export function fakeLogger() {
  const warn = vi.fn();
  const error = vi.fn();
  return { logger: { warn, error } as unknown as Logger, warn, error };
}

/** A settable monotonic clock. */
export function monoClock(start = 0) {
  let t = start;
  return {
    mono: () => t,
    set: (at: number) => {
      t = at;
    },
  };
}

/** Collects outcomes handed to a `finish` callback. */
export function outcomeSink() {
  const outcomes: Outcome[] = [];
  return { outcomes, finish: (o: Outcome) => void outcomes.push(o) };
}
