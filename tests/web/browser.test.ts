/**
 * The site in a real browser: Debian's Chromium driven by Playwright. Skipped, saying so, where
 * /usr/bin/chromium is absent (`apt-get install -y chromium`; .ci/run installs it). Screenshots
 * of the case page land in artifacts/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createHttpServer, type CasebotServer } from "../../src/server/http.js";
import { useDatabase } from "../support/db.js";
import { seedUpdate } from "../support/seed.js";
import { buildTestSite, VERSIONS } from "../support/web.js";

/**
 * The little of the DOM the functions run in the page read: tsconfig has no DOM library (src/ is
 * Node only), and a cast compiles to nothing, so each function still runs on the page's own globals.
 */
interface Style {
  direction: string;
  fontFamily: string;
}
interface Dom {
  document: {
    cookie: string;
    contentType: string;
    documentElement: { lang: string };
    fonts: { ready: Promise<unknown>; check(font: string, text: string): boolean };
    querySelector(s: string): ({ naturalWidth: number; naturalHeight: number; getBoundingClientRect(): { left: number; right: number } } & object) | null;
    body: object;
  };
  getComputedStyle(e: object): Style;
  innerWidth: number;
}

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOTS = fileURLToPath(new URL("../../artifacts/screenshots/", import.meta.url));
const present = existsSync(CHROMIUM);
if (!present) console.warn(`browser tests skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`);

// Without the background-networking flags Chromium dials out on start, which a closed network refuses.
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe.skipIf(!present)(`the site in Chromium (${CHROMIUM})`, () => {
  const { database } = useDatabase("pglite", { empty: false });
  let server: CasebotServer;
  let origin: string;
  let context: BrowserContext;
  let profile: string;
  let updateId: number;
  /** Every request the browser made, and every console error and page error, per page visited. */
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    // No PUBLIC_URL: the pages name the test server itself, so every address they give is local.
    // On the production server, kept responses included: what the browser gets is what visitors get.
    const { site, bot } = await buildTestSite(database, { now: "2026-01-20T06:00:00Z", env: { PUBLIC_URL: "" }, refreshMs: 5_000 });
    updateId = (await seedUpdate(database, { body: { en: "The court adjourned the hearing.", kk: "Сот отырысты кейінге қалдырды.", ru: "Суд отложил заседание." }, sourceUrl: "https://example.org/news" })).id;
    server = createHttpServer({ bot, database, logger: createLogger("silent"), site });
    origin = `http://127.0.0.1:${await server.listen(0, "127.0.0.1")}`;
    profile = mkdtempSync(join(tmpdir(), "casebot-chromium-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
    context.on("request", (r) => requests.push(r.url()));
    // Nothing may leave the server: anything else is refused before it goes out.
    await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && errors.push(`${path}: ${m.text()}`));
    page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
    const res = await page.goto(`${origin}${path}`, { waitUntil: "load" });
    expect(res?.status(), path).toBe(200);
    // Fonts are loaded lazily by unicode-range: wait for them, so their requests are counted too.
    await page.evaluate(() => (globalThis as unknown as Dom).document.fonts.ready.then(() => undefined));
    return page;
  }

  it("every page in every version loads with no console error and no request leaving the server", async () => {
    for (const v of VERSIONS) {
      for (const path of [`/${v}/`, `/${v}/u/${updateId}`, `/${v}/h/trial-opening`]) {
        requests.length = 0;
        errors.length = 0;
        const page = await open(path);
        expect(errors, path).toEqual([]);
        expect(requests.length, path).toBeGreaterThan(1);
        for (const url of requests) expect(url.startsWith(`${origin}/`), `${path} asked for ${url}`).toBe(true);
        expect(await page.evaluate(() => (globalThis as unknown as Dom).document.cookie)).toBe("");
        await page.close();
      }
    }
  }, 240_000);

  it("the Arabic-script page reads right to left in the Arabic font; the others left to right", async () => {
    for (const v of VERSIONS) {
      const page = await open(`/${v}/`);
      const seen = await page.evaluate(() => {
        const { document, getComputedStyle, innerWidth } = globalThis as unknown as Dom;
        const brand = document.querySelector(".brand")!.getBoundingClientRect();
        return {
          dir: getComputedStyle(document.documentElement).direction,
          // The header starts with the case's name: on the right when the page reads right to left.
          brandSide: brand.left + brand.right > innerWidth ? "right" : "left",
          font: getComputedStyle(document.body).fontFamily,
          arabicFont: document.fonts.check('16px "Noto Sans Arabic"', "ۇ"),
        };
      });
      expect(seen.dir, v).toBe(v === "kk-arab" ? "rtl" : "ltr");
      expect(seen.brandSide, v).toBe(v === "kk-arab" ? "right" : "left");
      if (v === "kk-arab") {
        expect(seen.font.startsWith('"Noto Sans Arabic"')).toBe(true);
        expect(seen.arabicFont).toBe(true);
      }
      await page.close();
    }
  }, 120_000);

  it("the language links lead to the same page in each other version", async () => {
    for (const from of VERSIONS) {
      for (const to of VERSIONS.filter((v) => v !== from)) {
        const page = await open(`/${from}/u/${updateId}`);
        await Promise.all([page.waitForURL(`${origin}/${to}/u/${updateId}`), page.click(`nav.langs a[hreflang="${to === "kk-arab" ? "kk-Arab" : to}"]`)]);
        expect(await page.evaluate(() => (globalThis as unknown as Dom).document.documentElement.lang)).toBe(to === "kk-arab" ? "kk-Arab" : to);
        await page.close();
      }
    }
  }, 240_000);

  it("each page's share image is a PNG of 1200×630 that the browser decodes", async () => {
    for (const v of VERSIONS) {
      for (const path of [`/${v}/`, `/${v}/u/${updateId}`]) {
        const page = await open(path);
        const image = await page.getAttribute('meta[property="og:image"]', "content");
        expect(image?.startsWith(`${origin}/${v}/`)).toBe(true);
        await page.goto(image!);
        const size = await page.evaluate(() => {
          const { document } = globalThis as unknown as Dom;
          const img = document.querySelector("img")!;
          return { type: document.contentType, width: img.naturalWidth, height: img.naturalHeight };
        });
        expect(size).toEqual({ type: "image/png", width: 1200, height: 630 });
        await page.close();
      }
    }
  }, 120_000);

  it("axe finds no serious or critical accessibility problem on any page; screenshots of the case page", async () => {
    for (const v of VERSIONS) {
      for (const path of [`/${v}/`, `/${v}/u/${updateId}`, `/${v}/h/trial-opening`]) {
        const page = await open(path);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const bad = violations.filter((x) => x.impact === "serious" || x.impact === "critical").map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(bad, path).toEqual([]);
        if (path === `/${v}/`) await page.screenshot({ path: join(SCREENSHOTS, `case-${v}.png`), fullPage: true });
        await page.close();
      }
    }
    for (const v of VERSIONS) expect(existsSync(join(SCREENSHOTS, `case-${v}.png`))).toBe(true);
  }, 240_000);
});
