import type { LockLease } from "../db/client.js";

export interface FenceOptions {
  /** How often the holder confirms its lock (default 1 s): each confirmation is a sender tick. */
  tickMs?: number;
  /** Not confirmed for this long (default 3 s), the holder stops sending: the lock may be another's by now. */
  fenceMs?: number;
}

export const DEFAULT_TICK_MS = 1_000;
export const DEFAULT_FENCE_MS = 3_000;

/**
 * How long a new holder waits before it sends: the last holder, whose lock went with its
 * connection, stops within `fenceMs` of its last confirmation, so after this no two senders overlap.
 */
export const graceMs = (o: FenceOptions) => (o.fenceMs ?? DEFAULT_FENCE_MS) + (o.tickMs ?? DEFAULT_TICK_MS);

export interface LeaseWatch {
  /** Resolves when the lock is lost: a check said so, failed, or did not answer within the fence. */
  lost: Promise<void>;
  isLost(): boolean;
  /** When the lock was last confirmed (ms since the epoch). */
  lastConfirmedAt(): number;
  stop(): void;
}

/**
 * Confirms a lease every tick on its own connection, and calls it lost the moment it has not been
 * confirmed within the fence, even while a check hangs (a server that went away without closing
 * the socket): a holder never goes on sending on a lock it may no longer hold.
 */
export function watchLease(lease: LockLease, opts: FenceOptions = {}, now: () => number = Date.now): LeaseWatch {
  const tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
  const fenceMs = opts.fenceMs ?? DEFAULT_FENCE_MS;
  let confirmedAt = now();
  let lost = false;
  let stopped = false;
  let markLost!: () => void;
  const lostP = new Promise<void>((resolve) => (markLost = resolve));
  const lose = () => {
    if (lost) return;
    lost = true;
    markLost();
  };
  const watchdog = setInterval(() => {
    if (now() - confirmedAt > fenceMs) lose();
  }, Math.max(10, Math.floor(tickMs / 4)));
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    if (stopped || lost) return;
    const ok = await lease.check().catch(() => false);
    if (stopped) return;
    if (!ok) return lose();
    confirmedAt = now();
    timer = setTimeout(() => void tick(), tickMs);
  };
  timer = setTimeout(() => void tick(), tickMs);
  return {
    lost: lostP,
    isLost: () => lost,
    lastConfirmedAt: () => confirmedAt,
    stop() {
      stopped = true;
      clearInterval(watchdog);
      clearTimeout(timer);
    },
  };
}
