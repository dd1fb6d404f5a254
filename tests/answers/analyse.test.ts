import { describe, expect, it } from "vitest";
import { FILLER_STEMS, keysOf, stem } from "../../src/answers/analyse.js";

describe("stems", () => {
  it("keeps apart question words of different kinds: «кого» (who) is not «когда» (when)", () => {
    expect(stem("кого")).not.toBe(stem("когда"));
    // Other words still lose their endings.
    expect(stem("судья")).toBe(stem("судьи"));
  });

  it("keeps «СИЗО» (a remand prison) apart from «сіз» (you), in every case ending", () => {
    for (const w of ["СИЗО", "СИЗОда", "сизоға"]) expect(stem(keysOf(w)[0]!), w).toBe("сизо");
    expect(stem(keysOf("сіз")[0]!)).not.toBe("сизо");
  });

  it("does not take a case word for a filler: «жаза» (penalty) shares no filler's stem", () => {
    expect(FILLER_STEMS.has(stem("жаза"))).toBe(false);
    expect(FILLER_STEMS.has(stem("жазалар"))).toBe(false);
    expect(FILLER_STEMS.has(stem("просто"))).toBe(true);
  });
});
