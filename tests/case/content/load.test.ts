import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ContentError, DEFAULT_CASE_FILE, parseCaseFile } from "../../../src/case/content/load.js";

const text = readFileSync(fileURLToPath(DEFAULT_CASE_FILE), "utf8");

function problemsOf(src: string): string[] {
  try {
    parseCaseFile(src, "test.yaml");
  } catch (e) {
    if (e instanceof ContentError) return e.problems;
    throw e;
  }
  return [];
}

describe("the case content file", () => {
  it("is valid", () => {
    expect(problemsOf(text)).toEqual([]);
  });

  const file = parseCaseFile(text);

  it("states only what its source supports: no hour for the hearing, nothing after January 2026", () => {
    for (const h of file.hearings) expect(h.time).toBeUndefined();
    for (const e of [...file.events, ...file.hearings]) expect(e.date <= "2026-01-31").toBe(true);
    expect(file.hearings.map((h) => h.date)).toContain("2026-01-23");
    expect(file.events.map((e) => e.date)).toContain("2025-11-13");
  });

  it("ties every fact to a source that exists", () => {
    const ids = new Set(file.sources.map((s) => s.id));
    // Meta and small-talk entries speak of the bot itself: they state no fact and cite nothing.
    const facts = [file.case, ...file.events, ...file.hearings, ...file.topics.filter((t) => t.kind === "case" || t.kind === "unknown")];
    expect(facts.findIndex((e) => e.sources.length === 0), "a fact without a source").toBe(-1);
    expect(facts.flatMap((e) => e.sources).filter((s) => !ids.has(s))).toEqual([]);
  });

  it("cites nothing for the bot's own entries", () => {
    expect(file.topics.filter((t) => t.kind === "meta" || t.kind === "smalltalk").filter((t) => t.sources.length > 0)).toEqual([]);
  });

  it("has a menu of the seven topics /start shows", () => {
    expect(file.topics.filter((t) => t.menu).map((t) => t.id)).toEqual(["summary", "next-hearing", "charges", "defendants", "atajurt", "amnesty", "sources"]);
  });

  it("gives the next-hearing answer a slot for the live date in every language", () => {
    const t = file.topics.find((x) => x.id === "next-hearing")!;
    for (const l of ["en", "kk", "ru"] as const) expect(t.answer[l]).toContain("{{hearing}}");
  });
});

describe("content validation", () => {
  const data = parse(text) as { topics: Array<Record<string, unknown>>; events: Array<Record<string, unknown>> };

  it("names the entry, the field and the line of a missing translation", () => {
    const broken = structuredClone(data);
    const topic = broken.topics[2]!;
    delete (topic.answer as Record<string, string>).kk;
    const [p, ...rest] = problemsOf(stringify(broken));
    expect(rest).toEqual([]);
    expect(p).toContain(`topics[2] (${String(topic.id)}) › answer.kk`);
    expect(p).toMatch(/line \d+/);
  });

  it("rejects a fact without a source", () => {
    const broken = structuredClone(data);
    broken.events[0]!.sources = [];
    expect(problemsOf(stringify(broken))[0]).toMatch(/events\[0\] \([a-z-]+\) › sources: every fact needs at least one source/);
  });

  it("rejects a source id that does not exist", () => {
    const broken = structuredClone(data);
    broken.events[1]!.sources = ["made-up"];
    expect(problemsOf(stringify(broken))[0]).toMatch(/events\[1\].*sources\[0\]: unknown source "made-up"/);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problemsOf("case:\n  name: [unclosed\n")[0]).toMatch(/^line \d+/);
  });
});
