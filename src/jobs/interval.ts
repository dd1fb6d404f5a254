import type { Logger } from "../logger.js";

export interface IntervalJob<T> {
  /** Runs now unless a run is in progress (then returns that one); undefined after a failure or stop. */
  runOnce(): Promise<T | undefined>;
  /** No more runs; resolves when the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * A job that runs every `intervalMs`, never twice at once, and survives its own failures: a failed
 * run is logged (`failed`) and the next tick tries again. The timer never keeps the process alive.
 */
export function startIntervalJob<T>(
  run: () => Promise<T>,
  opts: { intervalMs: number; logger: Logger; failed: string; immediate?: boolean },
): IntervalJob<T> {
  let running: Promise<T | undefined> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (stopped) return Promise.resolve(undefined);
    running ??= run()
      .catch((err: unknown) => {
        opts.logger.warn({ err }, opts.failed);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runOnce(), opts.intervalMs);
  timer.unref();
  if (opts.immediate !== false) void runOnce();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
