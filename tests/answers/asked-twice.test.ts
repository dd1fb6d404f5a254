import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createReader } from "../../src/answers/reader.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const reader = createReader(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics);
const topicsOf = (q: string) => reader.read(q, "en", undefined, Date.UTC(2026, 0, 20, 6)).topics;

describe("one unknown subject asked twice (src/answers/asked-twice.ts)", () => {
  it("answers a person's name asked after the person once, in every script", () => {
    for (const q of ["прокурор кто такой, как его зовут?", "прокурор ким, аты-жони кандай?", "prokuror kim, aty-joni qandai?"]) expect(topicsOf(q), q).toEqual(["unknown-prosecutor"]);
  });

  it("still answers the 19 names asked beside the person", () => {
    expect(topicsOf("who is the prosecutor and what are the names of the 19?")).toEqual(["unknown-prosecutor", "unknown-names"]);
  });
});
