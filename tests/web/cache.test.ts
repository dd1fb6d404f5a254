import { describe, expect, it } from "vitest";
import { ResponseCache, STATIC } from "../../src/web/cache.js";

const ORIGIN = "https://atajurt.example.org";

describe("the finished responses the server sends again", () => {
  function cache(maxBytes?: number) {
    let generation: string | undefined = "g1";
    const c = new ResponseCache(() => generation, maxBytes);
    const keep = (target: string, opts: { status?: number; generation?: string; query?: boolean; bytes?: number } = {}) => {
      const response = c.mark(new Response(null, { status: opts.status ?? 200 }), opts.generation ?? "g1", { query: opts.query });
      const key = c.key(ORIGIN, target, "ru", "br, gzip")!;
      c.put(key, target, response, { etag: '"e"', "content-type": "text/html", "content-length": "1", vary: "Accept-Encoding" }, Buffer.alloc(opts.bytes ?? 1));
      return key;
    };
    return { c, keep, setGeneration: (g: string | undefined) => (generation = g) };
  }

  it("keys by origin, target, encoding, and the negotiated version only where the path names none", () => {
    const { c } = cache();
    expect(c.key(ORIGIN, "/en/", "ru", "br")).toBe(c.key(ORIGIN, "/en/", "kk", "br"));
    expect(c.key(ORIGIN, "/kk-arab/u/1", "ru", "br")).toBe(c.key(ORIGIN, "/kk-arab/u/1", "en", "br"));
    expect(c.key(ORIGIN, "/", "ru", "br")).not.toBe(c.key(ORIGIN, "/", "kk", "br"));
    expect(c.key(ORIGIN, "/", "ru-RU,ru;q=0.9", "br")).toBe(c.key(ORIGIN, "/", "ru", "br"));
    expect(c.key(ORIGIN, "/calendar.ics", "kk-CN", "br")).not.toBe(c.key(ORIGIN, "/calendar.ics", "kk", "br"));
    expect(c.key(ORIGIN, "/en/", "en", "br, gzip")).not.toBe(c.key(ORIGIN, "/en/", "en", "gzip"));
    expect(c.key(ORIGIN, "/en/", "en", "gzip, deflate")).toBe(c.key(ORIGIN, "/en/", "en", "gzip"));
    expect(c.key(ORIGIN, "/en/", "en", "br;q=0")).toBe(c.key(ORIGIN, "/en/", "en", undefined));
    expect(c.key("http://localhost:8080", "/en/", "en", "br")).not.toBe(c.key(ORIGIN, "/en/", "en", "br"));
    expect(c.key(ORIGIN, `/${"x".repeat(300)}`, "en", "br")).toBeUndefined();
    expect(c.key(ORIGIN, "http://elsewhere/en/", "en", "br")).toBeUndefined();
  });

  it("sends an entry only while its generation is current, a static one always", () => {
    const { c, keep, setGeneration } = cache();
    const page = keep("/ru/");
    const asset = keep("/assets/site.abc.css", { generation: STATIC });
    expect(c.get(page)?.status).toBe(200);
    expect(c.get(page)?.notModified).toEqual({ etag: '"e"', vary: "Accept-Encoding" });
    setGeneration("g2");
    expect(c.get(page)).toBeUndefined();
    expect(c.get(asset)).toBeDefined();
    setGeneration(undefined);
    expect(c.get(page)).toBeUndefined();
    expect(c.get(asset)).toBeDefined();
  });

  it("keeps only marked answers of a kept status, and a query only where the app allows it", () => {
    const { c, keep } = cache();
    const unmarked = c.key(ORIGIN, "/ru/h/x", "ru", "br")!;
    c.put(unmarked, "/ru/h/x", new Response(null), {}, undefined);
    expect(c.get(unmarked)).toBeUndefined();
    expect(c.get(keep("/ru/u/1", { status: 500 }))).toBeUndefined();
    expect(c.get(keep("/ru/?utm=1"))).toBeUndefined();
    expect(c.get(keep("/ru/share.png?v=abc", { query: true }))).toBeDefined();
    expect(c.get(keep("/ru/u/404", { status: 404 }))?.notModified).toBeUndefined();
    expect(c.size).toBe(2);
  });

  it("forgets the entries used longest ago beyond its byte budget", () => {
    const { c, keep } = cache(2_500);
    const a = keep("/ru/u/1", { bytes: 1_000 });
    const b = keep("/ru/u/2", { bytes: 1_000 });
    expect(c.get(a)).toBeDefined();
    const d = keep("/ru/u/3", { bytes: 1_000 });
    expect(c.get(b)).toBeUndefined();
    expect(c.get(a)).toBeDefined();
    expect(c.get(d)).toBeDefined();
    keep("/ru/u/3", { bytes: 1_000 });
    expect(c.size).toBe(2);
  });
});
