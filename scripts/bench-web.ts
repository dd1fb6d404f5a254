/**
 * `npm run bench:web`: the site under 200 concurrent requests. The site runs in a child process
 * of its own (PGlite in memory, the case file, 30 published updates) on the server webhook mode
 * and the local chat use (`createHttpServer` with the site mounted), as it would beside the bot;
 * this process is the 200 clients (scripts/http-load.ts), on keep-alive connections asking for
 * brotli as browsers do. Prints a line per measure, then one JSON line: p50/p99 per page, the
 * server's and the clients' CPU per request, bytes per page (as sent, and uncompressed), the first
 * share images, and whether the targets are met (p99 < 20 ms for cached pages, < 300 ms for a
 * first share image, every HTML page < 30 KB).
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Connection, load, requestBytes, type Sample } from "./http-load.js";

const CONCURRENCY = 200;
const PER_PAGE = Number(process.env.BENCH_REQUESTS ?? 4_000);
const VERSIONS = ["en", "kk", "kk-arab", "ru"] as const;
/** Requests per page before its measure, not counted. */
const WARM_UP = Math.min(1_000, Math.ceil(PER_PAGE / 4));

interface Ready {
  port: number;
  updates: number[];
}

async function serve(): Promise<void> {
  const { createApp, createSite } = await import("../src/app.js");
  const { importCase } = await import("../src/case/content/import.js");
  const { DEFAULT_CASE_FILE, loadCaseFile } = await import("../src/case/content/load.js");
  const { LOCAL_BOT_INFO } = await import("../src/cli/local-chat.js");
  const { loadConfig } = await import("../src/config.js");
  const { openDatabase } = await import("../src/db/client.js");
  const { createUpdatesRepo } = await import("../src/db/updates.js");
  const { createLogger } = await import("../src/logger.js");
  const { fixedClock } = await import("../src/shared/time.js");
  const { createHttpServer } = await import("../src/server/http.js");

  const config = loadConfig({ LOG_LEVEL: "silent", PUBLIC_URL: "https://atajurt.example.org" });
  const database = await openDatabase({});
  await database.migrate();
  await importCase(database.db, loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)), { timeZone: config.timeZone, now: new Date("2026-01-01T00:00:00Z") });
  const repo = createUpdatesRepo(database.db);
  const updates: number[] = [];
  for (let i = 0; i < 30; i++) {
    updates.push(
      await repo.insert({
        body: {
          en: `Update ${i + 1}: the court in Taldykorgan heard the defence's motions; the next hearing is to be set. `.repeat(3),
          kk: `${i + 1}-жаңалық: Талдықорғандағы сот қорғаушылардың өтініштерін тыңдады; келесі отырыстың күні белгіленеді. `.repeat(3),
          ru: `Новость ${i + 1}: суд в Талдыкоргане рассмотрел ходатайства защиты; дата следующего заседания будет назначена. `.repeat(3),
        },
        sourceUrl: `https://example.org/news/${i + 1}`,
        publishedAt: new Date(Date.UTC(2026, 0, 1 + (i % 19), 9)),
        createdBy: 1,
      }),
    );
  }
  const logger = createLogger("silent");
  const app = await createApp({ config, logger, clock: fixedClock("2026-01-20T06:00:00Z"), database, botInfo: LOCAL_BOT_INFO });
  const site = await createSite(app, { botUsername: LOCAL_BOT_INFO.username });
  // The production server, as webhook mode and the local chat mount the site on it.
  const server = createHttpServer({ bot: app.bot, database, logger, site });
  // The server's own view: from a request's arrival to the last byte handed to the socket, and CPU per request.
  let times: number[] = [];
  let cpu = process.cpuUsage();
  server.http.prependListener("request", (_req, res) => {
    const t0 = performance.now();
    res.once("finish", () => times.push(performance.now() - t0));
  });
  const port = await server.listen(0, "127.0.0.1");
  process.send!({ port, updates } satisfies Ready);
  process.on("message", (m) => {
    if (m === "exit") process.exit(0);
    if (m === "stats") {
      const used = process.cpuUsage(cpu);
      process.send!({ times, cpuUs: used.user + used.system } satisfies ServerStats);
      times = [];
      cpu = process.cpuUsage();
    }
  });
}

interface ServerStats {
  times: number[];
  cpuUs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
};

async function measure(): Promise<void> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["serve"], { execArgv: ["--import", "tsx", ...(process.env.BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [])], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Ready));
    child.once("exit", (code) => reject(new Error(`the site's process exited (${code})`)));
  });
  const host = `127.0.0.1:${ready.port}`;
  const connections = Array.from({ length: CONCURRENCY }, () => new Connection(ready.port));
  const one = connections[0]!;
  const get = (path: string, encoding?: string) => one.request(requestBytes(host, path, encoding));
  const serverStats = () =>
    new Promise<ServerStats>((resolve) => {
      child.once("message", (m) => resolve(m as ServerStats));
      child.send("stats");
    });
  try {
    const kinds: Record<string, { urls: string[]; html: boolean }> = {
      case: { urls: VERSIONS.map((v) => `/${v}/`), html: true },
      update: { urls: VERSIONS.flatMap((v) => ready.updates.slice(0, 10).map((id) => `/${v}/u/${id}`)), html: true },
      hearing: { urls: VERSIONS.map((v) => `/${v}/h/trial-opening`), html: true },
      not_found: { urls: VERSIONS.map((v) => `/${v}/u/999999`), html: true },
      atom: { urls: VERSIONS.map((v) => `/${v}/feed.atom`), html: false },
      calendar: { urls: ["/calendar.ics", ...VERSIONS.map((v) => `/${v}/calendar.ics`)], html: false },
      share_image: { urls: VERSIONS.map((v) => `/${v}/u/${ready.updates[0]}/share.png`), html: false },
    };
    // The process just started (modules compiled on first use, the collector busy with start-up's
    // garbage): every page is asked for once over before any is measured, so the first measured
    // is not charged for it.
    for (const { urls } of Object.values(kinds)) await load(connections, urls.map((u) => requestBytes(host, u)), WARM_UP);
    const pages: Record<string, Record<string, number>> = {};
    let maxHtml = 0;
    for (const [kind, { urls, html }] of Object.entries(kinds)) {
      // Made once (the cache), and the size of each as it leaves uncompressed.
      const plain: Sample[] = [];
      for (const u of urls) plain.push(await get(u, "identity"));
      if (html) maxHtml = Math.max(maxHtml, ...plain.map((s) => s.bytes));
      const requests = urls.map((u) => requestBytes(host, u));
      // Steady state, as a running server is in: the code on this path compiled, the collector done with what came before.
      await load(connections, requests, WARM_UP);
      await serverStats();
      const t0 = performance.now();
      const clientCpu = process.cpuUsage();
      const samples = await load(connections, requests, PER_PAGE);
      const clientUsed = process.cpuUsage(clientCpu);
      const wall = performance.now() - t0;
      const server = await serverStats();
      const ms = samples.map((s) => s.ms);
      const ok = samples.every((s) => s.status === (kind === "not_found" ? 404 : 200) && (kind === "share_image" || s.encoding === "br"));
      if (!ok) throw new Error(`${kind}: unexpected status or encoding`);
      pages[kind] = {
        n: samples.length,
        p50_ms: pct(ms, 0.5),
        p99_ms: pct(ms, 0.99),
        server_p50_ms: pct(server.times, 0.5),
        server_p99_ms: pct(server.times, 0.99),
        server_cpu_us: Math.round(server.cpuUs / samples.length),
        client_cpu_us: Math.round((clientUsed.user + clientUsed.system) / samples.length),
        per_s: Math.round((samples.length / wall) * 1000),
        bytes: Math.max(...plain.map((s) => s.bytes)),
        sent_bytes: Math.max(...samples.map((s) => s.bytes)),
      };
      const r = pages[kind]!;
      console.log(
        `${kind.padEnd(12)} round trip p50=${r.p50_ms} p99=${r.p99_ms} ms · in the server p50=${r.server_p50_ms} p99=${r.server_p99_ms} ms, ${r.server_cpu_us} µs CPU (clients ${r.client_cpu_us} µs) · ${r.per_s}/s · ${r.bytes} B (${r.sent_bytes} B sent)`,
      );
    }
    // First share images, after the pages (their rendering's garbage is not the pages' cost): each one not made
    // before (updates the pages above did not draw), one at a time, then 200 asking at once for one more.
    const firsts: number[] = [];
    for (const id of ready.updates.slice(10, 13)) for (const v of VERSIONS) firsts.push((await get(`/${v}/u/${id}/share.png`)).ms);
    const burstRequest = requestBytes(host, `/ru/u/${ready.updates[15]}/share.png`);
    const burst = await Promise.all(connections.map((c) => c.request(burstRequest)));
    const first_image = { n: firsts.length, p50_ms: pct(firsts, 0.5), p99_ms: pct(firsts, 0.99), max_ms: pct(firsts, 1), burst_p99_ms: pct(burst.map((s) => s.ms), 0.99) };
    console.log(`first share image   p50=${first_image.p50_ms} ms  p99=${first_image.p99_ms} ms  200 at once p99=${first_image.burst_p99_ms} ms`);

    const cached = Object.entries(pages).filter(([k]) => k !== "share_image").map(([, p]) => p);
    const targets = {
      cached_p99_under_20ms: Math.max(...cached.map((p) => p.p99_ms!)) < 20,
      cached_server_p99_under_20ms: Math.max(...cached.map((p) => p.server_p99_ms!)) < 20,
      first_image_under_300ms: first_image.max_ms < 300,
      html_under_30kb: maxHtml < 30_000,
    };
    const load1 = +(await import("node:os")).loadavg()[0]!.toFixed(1);
    console.log(JSON.stringify({ bench: "web", concurrency: CONCURRENCY, cpus: (await import("node:os")).cpus().length, load1, requests_per_page: PER_PAGE, pages, first_image, max_html_bytes: maxHtml, targets }));
  } finally {
    for (const c of connections) c.close();
    // Asked, not killed: a --cpu-prof (BENCH_PROF=dir) is written on a normal exit only.
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.send("exit");
    await exited;
  }
}

if (process.argv[2] === "serve") await serve();
else await measure();
