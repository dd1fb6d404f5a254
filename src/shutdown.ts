import type { Logger } from "./logger.js";

export interface ShutdownStep {
  name: string;
  run(): Promise<void> | void;
}

export const SHUTDOWN_SIGNALS = ["SIGTERM", "SIGINT"] as const;
/** Under Fly's kill_timeout (fly.toml), so a stuck step still ends in an orderly exit. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * The first SIGTERM or SIGINT runs the steps in order (each failure logged, the rest still run),
 * then exits 0, or 1 if a step failed or the whole took too long. A second signal exits at once.
 */
export function installShutdown(opts: {
  logger: Logger;
  steps: ShutdownStep[];
  signals?: SignalSource;
  exit?: (code: number) => void;
  timeoutMs?: number;
}): { shutdown(signal: string): Promise<void> } {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let started: Promise<void> | undefined;

  const shutdown = (signal: string): Promise<void> => {
    if (started) {
      opts.logger.warn({ signal }, "second signal: exiting now");
      exit(1);
      return started;
    }
    opts.logger.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      opts.logger.error({ timeoutMs: opts.timeoutMs ?? SHUTDOWN_TIMEOUT_MS }, "shutdown took too long: exiting");
      exit(1);
    }, opts.timeoutMs ?? SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    started = (async () => {
      let failed = false;
      for (const step of opts.steps) {
        try {
          await step.run();
          opts.logger.info({ step: step.name }, "stopped");
        } catch (err) {
          failed = true;
          opts.logger.error({ err, step: step.name }, "shutdown step failed");
        }
      }
      clearTimeout(timer);
      exit(failed ? 1 : 0);
    })();
    return started;
  };

  const source = opts.signals ?? process;
  for (const s of SHUTDOWN_SIGNALS) source.on(s, (sig) => void shutdown(sig));
  return { shutdown };
}

interface ProcessEvents {
  on(event: "unhandledRejection" | "uncaughtException", listener: (err: unknown) => void): unknown;
}

let guarded = false;

/**
 * No input may end the process: a rejection nobody caught, or an exception thrown from a callback,
 * is logged and the server goes on serving. Installed once per process, by the modes that serve.
 */
export function guardProcess(logger: Logger, source: ProcessEvents = process): void {
  if (source === process) {
    if (guarded) return;
    guarded = true;
  }
  source.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection; still serving"));
  source.on("uncaughtException", (err) => logger.error({ err }, "uncaught exception; still serving"));
}
