import { describe, expect, it } from "vitest";
import { createShareImages, IMAGE_HEIGHT, IMAGE_WIDTH, type ShareCard } from "../../src/web/images.js";
import { loadFonts } from "../../src/web/fonts.js";
import { DB_KINDS, useDatabase } from "../support/db.js";
import { seedUpdate } from "../support/seed.js";
import { buildTestSite, VERSIONS } from "../support/web.js";

/** Width and height from a PNG's IHDR, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe("share images", () => {
  const fonts = loadFonts();

  it("bundles fonts for Latin, Cyrillic with the Kazakh letters, and the Arabic script, in both weights", () => {
    const covers = (cp: number) =>
      fonts.some((f) =>
        f.unicodeRange.split(",").some((r) => {
          const [a, b = a] = r.trim().replace(/^U\+/i, "").split("-");
          return cp >= parseInt(a!, 16) && cp <= parseInt(b!, 16);
        }),
      );
    for (const ch of "Aa«»–әғқңөұүһіӘҒҚҢӨҰҮҺІжЖۇۆڭىەٴ") expect(covers(ch.codePointAt(0)!), ch).toBe(true);
    expect(new Set(fonts.map((f) => f.weight))).toEqual(new Set([400, 700]));
  });

  it("renders a card once per version: the same bytes for the same card, new ones when a word changes", async () => {
    const images = createShareImages(fonts);
    const card: ShareCard = { kicker: "Case", title: "Update, 1 February 2026", body: "Суд отложил заседание 📅", footer: "t.me/bot", dir: "ltr" };
    const [a, b] = await Promise.all([images.png(card), images.png(card)]);
    expect(a).toBe(b);
    expect(pngSize(a)).toEqual({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT });
    const other = { ...card, body: "Суд отложил заседание снова" };
    expect(images.version(other)).not.toBe(images.version(card));
    expect((await images.png(other)).equals(a)).toBe(false);
  });
});

describe.each(DB_KINDS)("share images on the site (%s)", (kind) => {
  const { database } = useDatabase(kind);

  it("every page names a 1200×630 PNG of its own, per version, cached by its version", async () => {
    const { get } = await buildTestSite(database);
    const u = await seedUpdate(database, { body: { en: "News", kk: "Жаңалық" } });
    const seen = new Set<string>();
    for (const v of VERSIONS) {
      for (const path of [`/${v}/`, `/${v}/u/${u.id}`, `/${v}/h/trial-opening`]) {
        const page = await (await get(path)).text();
        const url = new URL(page.match(/<meta property="og:image" content="([^"]+)">/)![1]!);
        const res = await get(url.pathname + url.search);
        expect(res.status, url.pathname).toBe(200);
        expect(res.headers.get("content-type")).toBe("image/png");
        expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
        expect(res.headers.get("etag")).toBe(`"${url.searchParams.get("v")}"`);
        const png = Buffer.from(await res.arrayBuffer());
        expect(pngSize(png)).toEqual({ width: 1200, height: 630 });
        seen.add(png.toString("base64"));
        const again = await get(url.pathname + url.search, { "if-none-match": res.headers.get("etag")! });
        expect(again.status).toBe(304);
      }
    }
    expect(seen.size).toBe(12);
    // An old or missing version gets the current image, cached briefly.
    expect((await get(`/en/u/${u.id}/share.png?v=old`)).headers.get("cache-control")).toBe("public, max-age=300");
    expect((await get("/en/u/999/share.png")).status).toBe(404);
  });
});
