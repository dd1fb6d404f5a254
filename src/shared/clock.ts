import type { Clock } from "./time.js";

/**
 * A clock that runs with real time from an offset the local chat can only push forward: the
 * scheduler and the sender read it like the system clock, and are woken when it jumps, so a
 * reminder weeks away can be seen in seconds. Never moves back: the outbox and the scheduler's
 * last run assume time only grows.
 */
export interface MovableClock extends Clock {
  /** Moves forward by `ms` (> 0); returns the new time. */
  advance(ms: number): Date;
  /** Moves forward to `at`; refuses a time earlier than now. */
  moveTo(at: Date): Date;
  /** Called after every move, with the new time. */
  onMove(listener: (now: Date) => void): void;
}

export class ClockBackwards extends Error {
  constructor(readonly now: Date) {
    super(`the clock only moves forward (it is ${now.toISOString()})`);
    this.name = "ClockBackwards";
  }
}

export function createMovableClock(realNow: () => number = Date.now): MovableClock {
  let offset = 0;
  const listeners: Array<(now: Date) => void> = [];
  const now = () => new Date(realNow() + offset);
  const moved = () => {
    const t = now();
    for (const l of listeners) l(t);
    return t;
  };
  return {
    now,
    advance(ms) {
      if (!(ms > 0)) throw new ClockBackwards(now());
      offset += ms;
      return moved();
    },
    moveTo(at) {
      const ms = at.getTime() - now().getTime();
      if (!(ms > 0)) throw new ClockBackwards(now());
      offset += ms;
      return moved();
    },
    onMove(listener) {
      listeners.push(listener);
    },
  };
}
