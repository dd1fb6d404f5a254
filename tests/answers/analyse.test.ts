import { describe, expect, it } from "vitest";
import { FILLER_STEMS, keysOf, STOP_STEMS, stem } from "../../src/answers/analyse.js";

describe("stems", () => {
  it("keeps apart question words of different kinds: «кого» (who) is not «когда» (when)", () => {
    expect(stem("кого")).not.toBe(stem("когда"));
    // Other words still lose their endings.
    expect(stem("судья")).toBe(stem("судьи"));
  });

  it("does not take «СИЗО» (pre-trial detention) for the Kazakh stop word «сіз» (you), nor a hearing for a filler", () => {
    expect(STOP_STEMS.has(stem("сизо"))).toBe(false);
    expect(STOP_STEMS.has(stem("сизода"))).toBe(false);
    expect(STOP_STEMS.has(stem("сиз"))).toBe(true);
    // The folded keys (keysOf): «келесі отырысы» is "келеси отириси".
    for (const w of ["hearing", "келеси", "отириси"]) expect(FILLER_STEMS.has(stem(w)), w).toBe(false);
    expect(FILLER_STEMS.has(stem("hear"))).toBe(true);
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
