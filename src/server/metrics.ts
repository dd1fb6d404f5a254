import { createServer, type Server } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ContentStore } from "../case/content/store.js";
import { LOCKS, type Database } from "../db/client.js";
import { readOutboxDepth, senderLockHeld, type OutboxDepth } from "../db/outbox.js";
import { TelegramRefusal, TelegramUnreachable, type TelegramPort } from "../delivery/port.js";
import type { Logger } from "../logger.js";
import type { AnswerOutcome, Metrics, SendOutcome, UpdateKind } from "../shared/metrics.js";
import type { Clock } from "../shared/time.js";

const LANGS = new Set(["en", "kk", "ru"]);
const SCRIPTS = new Set(["cyrl", "latn", "arab"]);

/**
 * The operator's numbers (docs/operations.md): counters the bot and the sender move, and gauges
 * read from the store at scrape time (the outbox, the sender's lock, the content revision), plus
 * Node's process metrics. One registry per app, made in app.ts: no module-level state.
 */
export function createMetrics(deps: { database: Database; content: ContentStore; clock: Clock; logger: Logger }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "casebot_" });
  const updates = new Counter({ name: "casebot_updates_total", help: "Telegram updates handled, by kind", labelNames: ["kind"], registers: [registry] });
  const answers = new Counter({
    name: "casebot_answers_total",
    help: "Free-text questions by outcome, language and script",
    labelNames: ["outcome", "lang", "script"],
    registers: [registry],
  });
  const latency = new Histogram({
    name: "casebot_answer_seconds",
    help: "Time from a question to its reply sent",
    labelNames: ["outcome"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const sends = new Counter({ name: "casebot_sends_total", help: "The sender's Bot API calls, by outcome", labelNames: ["outcome"], registers: [registry] });
  // One read of the store per scrape, shared by the gauges below (prom-client collects them concurrently).
  // The gauges' collects start together, so sharing the read in flight is sharing it per scrape.
  let reading: Promise<StoreReading> | undefined;
  const read = (): Promise<StoreReading> =>
    (reading ??= readStore(deps).finally(() => {
      reading = undefined;
    }));
  new Gauge({
    name: "casebot_outbox_rows",
    help: "Outbox rows by kind and status (dead: dead letters)",
    labelNames: ["kind", "status"],
    registers: [registry],
    async collect() {
      const r = await read();
      if (!r.ok) return;
      this.reset();
      for (const row of r.depth.byKindStatus) this.set({ kind: row.kind, status: row.status }, row.n);
    },
  });
  new Gauge({
    name: "casebot_outbox_oldest_due_seconds",
    help: "Age of the oldest delivery that is due and not sent; 0 when none",
    registers: [registry],
    async collect() {
      const r = await read();
      if (r.ok) this.set(r.depth.oldestDueAgeSeconds);
    },
  });
  new Gauge({
    name: "casebot_sender_lock_held",
    help: "1 when some instance holds the sender's lock",
    registers: [registry],
    async collect() {
      const r = await read();
      if (r.ok) this.set(r.lockHeld ? 1 : 0);
    },
  });
  new Gauge({
    name: "casebot_content_revision",
    help: "The case content's revision this instance serves",
    registers: [registry],
    collect() {
      this.set(deps.content.current().revision);
    },
  });
  new Gauge({
    name: "casebot_store_scrape_ok",
    help: "1 when the last scrape could read the outbox and the lock from the store (else those gauges are stale)",
    registers: [registry],
    async collect() {
      this.set((await read()).ok ? 1 : 0);
    },
  });

  const metrics: Metrics = {
    update: (kind: UpdateKind) => updates.inc({ kind }),
    answer(outcome: AnswerOutcome, lang, script, seconds) {
      const labels = { outcome, lang: LANGS.has(lang) ? lang : "other", script: script && SCRIPTS.has(script) ? script : "none" };
      answers.inc(labels);
      latency.observe({ outcome }, seconds);
    },
    send: (outcome: SendOutcome) => sends.inc({ outcome }),
  };
  return { registry, metrics };
}

export type AppMetrics = ReturnType<typeof createMetrics>;

type StoreReading = { ok: true; depth: OutboxDepth; lockHeld: boolean } | { ok: false };

async function readStore(deps: { database: Database; clock: Clock; logger: Logger }): Promise<StoreReading> {
  try {
    const depth = await readOutboxDepth(deps.database.db, deps.clock.now());
    return { ok: true, depth, lockHeld: await senderLockHeld(deps.database, LOCKS.sender) };
  } catch (err) {
    deps.logger.warn({ err }, "metrics could not read the store");
    return { ok: false };
  }
}

/** Telegram's answer to one send, as a label: a 400 that moves a group is "migrated", no answer at all "timeout". */
export function sendOutcome(err: unknown): SendOutcome {
  if (err instanceof TelegramUnreachable) return "timeout";
  if (!(err instanceof TelegramRefusal)) return "5xx";
  if (err.migrateTo !== undefined) return "migrated";
  if (err.code === 429 || err.code === 403) return String(err.code) as SendOutcome;
  return err.code >= 500 ? "5xx" : "4xx";
}

/** The sender's port, counting each call's outcome on the way through. */
export function countingPort(port: TelegramPort, metrics: Metrics): TelegramPort {
  const counted = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const r = await call();
      metrics.send("ok");
      return r;
    } catch (err) {
      metrics.send(sendOutcome(err));
      throw err;
    }
  };
  return {
    sendMessage: (m) => counted(() => port.sendMessage(m)),
    editMessage: (m) => counted(() => port.editMessage(m)),
  };
}

/** GET /metrics on a port of its own (METRICS_PORT), so the public server never exposes it. */
export async function startMetricsServer(registry: Registry, port: number, logger: Logger): Promise<{ server: Server; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { "content-type": registry.contentType }).end(body),
      (err: unknown) => {
        logger.warn({ err }, "metrics scrape failed");
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, () => resolve());
  });
  logger.info({ port }, "metrics on /metrics");
  return {
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
