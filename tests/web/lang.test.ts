import { describe, expect, it } from "vitest";
import { negotiate, variantFor } from "../../src/web/lang.js";

describe("language versions", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["de-DE,fr;q=0.8", "en"],
    ["ru", "ru"],
    ["ru-KZ,ru;q=0.9", "ru"],
    ["kk-KZ", "kk"],
    ["kk-CN", "kk-arab"],
    ["kk-Arab", "kk-arab"],
    ["en;q=0.5,kk;q=0.9", "kk"],
    ["ru;q=0,en", "en"],
    ["*, ru;q=0.1", "en"],
    ["ru;q=0.5, *;q=0.1", "ru"],
    ["ru;q=abc, kk", "kk"],
  ])("Accept-Language %j asks for %s", (header, page) => {
    expect(negotiate(header).page).toBe(page);
  });

  it("a path's version wins over the header; other paths ask the header", () => {
    expect(variantFor("/kk-arab/u/1", "ru").page).toBe("kk-arab");
    expect(variantFor("/kk/nowhere", "ru").page).toBe("kk");
    expect(variantFor("/nowhere", "ru").page).toBe("ru");
    expect(variantFor("/kkarab/", undefined).page).toBe("en");
  });

  it("the Arabic-script version writes right to left, in the Arabic script, and leaves tags alone", () => {
    const v = variantFor("/kk-arab/", undefined);
    expect(v.dir).toBe("rtl");
    expect(v.tag).toBe("kk-Arab");
    expect(v.html('<a href="/kk/">Сот</a> &amp; іс')).toMatch(/^<a href="\/kk\/">[\u0600-\u06ff]+<\/a> &amp; [\u0600-\u06ff\u0674]+$/);
  });
});
