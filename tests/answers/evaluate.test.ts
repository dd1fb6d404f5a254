import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluate, parseDevset } from "../../src/answers/evaluate.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";

const topics = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).topics;
const devset = parseDevset(JSON.parse(readFileSync(new URL("./devset.json", import.meta.url), "utf8")));

describe("matcher on the labelled dev set (tests/answers/devset.json)", () => {
  const ev = evaluate(topics, devset);

  it("has a dev set worth the name", () => {
    expect(ev.inScope + ev.outOfScope).toBeGreaterThanOrEqual(250);
    expect(ev.outOfScope).toBeGreaterThan(0);
  });

  it("answers at least 96% of in-scope questions with the right topic and language", () => {
    expect(ev.accuracy, ev.misses.filter((m) => m.item.topic !== null).map((m) => `${m.item.q}: ${m.why}`).join("\n")).toBeGreaterThanOrEqual(0.96);
  });

  it("rejects at least 90% of out-of-scope questions", () => {
    expect(ev.rejection, ev.misses.filter((m) => m.item.topic === null).map((m) => `${m.item.q}: ${m.why}`).join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("is never confident on an out-of-scope question", () => {
    expect(ev.confidentOutOfScope).toBe(0);
  });
});
