import { describe, expect, it } from "vitest";
import { counted, quoted } from "../../src/shared/text.js";

describe("quoted", () => {
  it("puts a title in its language's marks, and marks already inside it in the inner pair", () => {
    expect(quoted("Казахстан: снимите обвинения с активистов «Атажурта»", "ru")).toBe("«Казахстан: снимите обвинения с активистов „Атажурта“»");
    expect(quoted("«Атажұрт» белсенділері", "kk")).toBe("«„Атажұрт“ белсенділері»");
    expect(quoted('Drop "charges" now', "en")).toBe("“Drop ‘charges’ now”");
    expect(quoted("Already “quoted” words", "en")).toBe("“Already ‘quoted’ words”");
    expect(quoted("plain", "ru")).toBe("«plain»");
  });
});

describe("counted", () => {
  it("agrees the noun with the number", () => {
    expect([counted(1, "hearing"), counted(2, "hearing"), counted(0, "source")]).toEqual(["1 hearing", "2 hearings", "0 sources"]);
  });
});
