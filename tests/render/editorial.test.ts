import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/render/editorial.js";

describe("numbers in editor messages", () => {
  it("are grouped the way each language writes them", () => {
    expect(formatCount("en", 1240)).toBe("1,240");
    expect(formatCount("ru", 3100).replace(/\s/g, " ")).toBe("3 100");
    expect(formatCount("kk", 3100).replace(/\s/g, " ")).toBe("3 100");
  });
});
