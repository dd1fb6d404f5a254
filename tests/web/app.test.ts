import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { kkCyrlToArab } from "../../src/answers/transliterate.js";
import { changeHearing } from "../../src/editorial/hearings.js";
import { createI18n } from "../../src/i18n.js";
import { factsLine } from "../../src/render/hearing.js";
import { htmlToText } from "../../src/shared/html.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { seedUpdate } from "../support/seed.js";
import { buildTestSite, SITE_URL, VERSIONS } from "../support/web.js";

const i18n = createI18n();
const BEFORE_OPENING = "2026-01-20T06:00:00Z";
const langOf = (v: string) => (v === "kk-arab" ? "kk" : v) as "en" | "kk" | "ru";

describe.each(DB_KINDS)("the site (%s)", (kind) => {
  const { database } = useDatabase(kind);

  async function site(opts: Parameters<typeof buildTestSite>[1] = {}) {
    const s = await buildTestSite(database, { now: BEFORE_OPENING, ...opts });
    const u = await seedUpdate(database, {
      body: { en: "The court adjourned the hearing.", kk: "Сот отырысты кейінге қалдырды.", ru: "Суд отложил заседание." },
      sourceUrl: "https://example.org/news?id=1&x=2",
      publishedAt: new Date("2026-01-19T10:00:00Z"),
    });
    return { ...s, u };
  }

  it("serves the case, an update and a hearing in every version: language, direction, previews, the other versions, sources, under 30 KB", async () => {
    const { get, u } = await site();
    for (const v of VERSIONS) {
      for (const path of [`/${v}/`, `/${v}/u/${u.id}`, `/${v}/h/trial-opening`]) {
        const res = await get(path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
        const body = await res.text();
        expect(Buffer.byteLength(body), path).toBeLessThan(30_000);
        expect(body).toContain(`<html lang="${v === "kk-arab" ? "kk-Arab" : v}" dir="${v === "kk-arab" ? "rtl" : "ltr"}">`);
        expect(body).toContain(`<link rel="canonical" href="${SITE_URL}${path}">`);
        for (const other of VERSIONS) expect(body).toContain(`hreflang="${other === "kk-arab" ? "kk-Arab" : other}" href="${SITE_URL}${path.replace(`/${v}/`, `/${other}/`)}"`);
        for (const tag of ["og:title", "og:description", "og:url", "og:image", "og:image:width", "og:image:height", "twitter:card", "twitter:image"]) expect(body, tag).toMatch(new RegExp(`(property|name)="${tag}" content="[^"]+"`));
        expect(body).toMatch(new RegExp(`<meta property="og:image" content="${SITE_URL}${path.replace(/\/$/, "")}/share\\.png\\?v=[\\w-]+">`));
        expect(body).toContain('href="https://t.me/casebot_local_bot?start=subscribe"');
        expect(body).toContain(`webcal://atajurt.example.org/${v}/calendar.ics`);
        // Every page cites: the case source by publisher, or the update's own link.
        expect(body).toMatch(path.includes("/u/") ? /https:\/\/example\.org\/news\?id=1&amp;x=2/ : /Amnesty International/);
      }
    }
  });

  it("states the facts as the bot does: the hearing line from its renderer, how soon, in the Arabic script on /kk-arab/", async () => {
    const { get, deps } = await site();
    const h = (await deps.hearings.all())[0]!;
    for (const v of VERSIONS) {
      const body = await (await get(`/${v}/`)).text();
      const facts = htmlToText(factsLine(i18n.t(langOf(v)), h, langOf(v), "Asia/Almaty"));
      expect(body).toContain(v === "kk-arab" ? kkCyrlToArab(facts) : facts);
    }
    expect(await (await get("/en/")).text()).toContain("Starts: in 3 days");
    expect(await (await get("/ru/")).text()).toContain("Начало: через 3 дня");
    const arab = await (await get("/kk-arab/")).text();
    expect(arab).toContain(kkCyrlToArab("Басталуы: 3 күннен кейін"));
    // Only the language links name Қазақша and Русский in Cyrillic: they name each version in itself.
    expect(arab.slice(arab.indexOf("<main"), arab.indexOf("</footer>"))).not.toMatch(/[а-яәғқңөұүһі]/i);
  });

  it("a hearing moved by an editor shows on the next request", async () => {
    const { get, deps, clock } = await site();
    expect(await (await get("/en/h/trial-opening")).text()).toContain("Friday, 23 January 2026");
    await changeHearing({ database, clock, timeZone: "Asia/Almaty" }, "trial-opening", { date: "2026-02-10", time: "10:00" });
    await deps.content.refresh();
    const body = await (await get("/en/h/trial-opening")).text();
    expect(body).toContain("Tuesday, 10 February 2026, 10:00 (UTC+5, Almaty Time)");
    expect(body).not.toContain("23 January 2026");
  });

  it("an update's page is the message subscribers got, escaped; an untranslated one says so and is marked English", async () => {
    const { get } = await site();
    const u = await seedUpdate(database, { body: { en: "Moved <b>again</b> & again" }, publishedAt: new Date("2026-01-19T12:00:00Z") });
    const kk = await (await get(`/kk/u/${u.id}`)).text();
    expect(kk).toContain("Moved &lt;b&gt;again&lt;/b&gt; &amp; again");
    expect(kk).toContain(i18n.t("kk")("delivery.untranslated"));
    expect(await (await get("/kk/")).text()).toContain(`<a href="/kk/u/${u.id}" lang="en" dir="ltr">Moved &lt;b&gt;again&lt;/b&gt; &amp; again</a>`);
  });

  it("the root and the short addresses go to the version the browser asks for", async () => {
    const { get, u } = await site();
    const to = async (path: string, al?: string) => {
      const res = await get(path, al ? { "accept-language": al } : {});
      expect(res.status).toBe(302);
      expect(res.headers.get("vary")).toBe("Accept-Language");
      return res.headers.get("location");
    };
    expect(await to("/")).toBe("/en/");
    expect(await to("/", "ru-RU,ru;q=0.9,en;q=0.8")).toBe("/ru/");
    expect(await to("/", "de,kk;q=0.5")).toBe("/kk/");
    expect(await to("/", "kk-CN")).toBe("/kk-arab/");
    expect(await to("/", "kk-Arab-CN,zh;q=0.5")).toBe("/kk-arab/");
    expect(await to("/", "ru;q=0.2,en;q=0.9")).toBe("/en/");
    expect(await to(`/u/${u.id}`, "kk")).toBe(`/kk/u/${u.id}`);
    expect(await to("/h/trial-opening", "ru")).toBe("/ru/h/trial-opening");
    expect((await get("/ru")).headers.get("location")).toBe("/ru/");
  });

  it("404 and 405 in the reader's language: the path's version, else Accept-Language", async () => {
    const { get, site: app } = await site();
    const missing = await get("/ru/u/999999");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("Страница не найдена");
    const unknown = await get("/nowhere", { "accept-language": "kk" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("content-language")).toBe("kk");
    expect(await unknown.text()).toContain("Бет табылмады");
    expect((await get("/xx/")).status).toBe(404);
    const post = await app.request("/kk-arab/", { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(await post.text()).toContain(kkCyrlToArab("Бұл беттерді тек оқуға болады."));
    const head = await app.request("/en/", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("sends security and caching headers, no cookie, an ETag that a repeat request matches, and brotli or gzip", async () => {
    const { get } = await site();
    const res = await get("/en/");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toMatch(/script-src|unsafe-inline/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(res.headers.get("cache-control")).toBe("public, max-age=60");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get("/en/", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const plain = await res.text();
    const br = await get("/en/", { "accept-encoding": "gzip, br" });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(br.headers.get("vary")).toContain("Accept-Encoding");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    const gz = await get("/en/", { "accept-encoding": "gzip;q=1, br;q=0" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);
  });

  it("every response carries the security headers: pages, errors, redirects, feeds, images, assets", async () => {
    const { get, site: app, u } = await site();
    const css = (await (await get("/en/")).text()).match(/<link rel="stylesheet" href="([^"]+)"/)![1]!;
    const image = new URL((await (await get(`/en/u/${u.id}`)).text()).match(/<meta property="og:image" content="([^"]+)">/)![1]!);
    const responses = [
      await get("/"),
      await get("/en"),
      await get("/nowhere"),
      await app.request("/en/", { method: "DELETE" }),
      await get("/en/feed.atom"),
      await get("/calendar.ics"),
      await get(image.pathname + image.search),
      await get(css),
    ];
    for (const res of responses) {
      expect(res.headers.get("content-security-policy"), res.url).toMatch(/^default-src 'none'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(responses.map((r) => r.status)).toEqual([302, 301, 404, 405, 200, 200, 200, 200]);
  });

  it("pages run no script and load only this server's style sheet, fonts and icon", async () => {
    const { get, u } = await site();
    for (const path of ["/en/", `/kk-arab/u/${u.id}`, "/ru/h/trial-opening", "/nowhere"]) {
      const body = await (await get(path)).text();
      expect(body).not.toMatch(/<script|\son\w+=|\sstyle=|javascript:/i);
      const loaded = [...body.matchAll(/<(?:link|img|source|iframe)\b[^>]*\s(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
      const rels = [...body.matchAll(/<link rel="(\w+)"/g)].map((m) => m[1]);
      // Only the style sheet and the icon are fetched; canonical and alternate links are addresses, not loads.
      expect(rels.filter((r) => r === "stylesheet" || r === "icon")).toEqual(["stylesheet", "icon"]);
      for (const href of loaded) expect(href.startsWith("/") || href.startsWith(SITE_URL), href).toBe(true);
    }
    const css = await (await get((await (await get("/en/")).text()).match(/<link rel="stylesheet" href="([^"]+)"/)![1]!)).text();
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      expect(url).toMatch(/^\/assets\/noto-sans[\w-]+\.[\w-]+\.woff2$/);
      const font = await get(url);
      expect(font.headers.get("content-type")).toBe("font/woff2");
      expect(font.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    }
  });
});
