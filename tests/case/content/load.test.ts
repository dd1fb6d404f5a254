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
    for (const d of [...file.events.map((e) => e.date), ...file.hearings.map((h) => h.date)]) if (d !== undefined) expect(d <= "2026-01-31").toBe(true);
    expect(file.hearings.map((h) => h.date)).toContain("2026-01-23");
    expect(file.events.map((e) => e.date)).toContain("2025-11-13");
  });

  it("dates an event only as its source does: what followed the protest is dated after it, not on its day", () => {
    const when = Object.fromEntries(file.events.map((e) => [e.id, [e.precision, e.date ?? e.after]]));
    expect(when).toEqual({
      "protest-and-detention": ["day", "2025-11-13"],
      "administrative-penalties": ["after", "protest-and-detention"],
      "criminal-charges": ["after", "administrative-penalties"],
      "remand-decisions": ["after", "protest-and-detention"],
      "trial-opening": ["day", "2026-01-23"],
    });
  });

  it("gives the charge in the source's words, not the statute's, and quotes the custody sentence that reads two ways", () => {
    const texts = [file.case.summary, ...file.events.map((e) => e.text), ...file.topics.map((t) => t.answer)].flatMap((x) => Object.values(x));
    expect(texts.filter((s) => /social, national, clan|әлеуметтік, ұлттық, рулық|социальной, национальной, родовой|по версии обвинения/.test(s))).toEqual([]);
    expect(texts.filter((s) => /13 (activists|of them)|13 of the 19|6 (were )?placed/.test(s))).toEqual([]);
    const custody = file.topics.find((t) => t.id === "custody")!;
    expect(custody.answer.en).toContain('"Thirteen were remanded in custody and six of them were placed under house arrest."');
    expect(custody.label.ru).toBe("Содержание под стражей и домашний арест");
  });

  it("refers to nothing outside the repository", () => {
    expect(text).not.toMatch(/languages\.md|README|\bfile:|\.txt\b/);
  });

  it("ties every fact to a source that exists", () => {
    const ids = new Set(file.sources.map((s) => s.id));
    // Meta and small-talk entries speak of the bot itself, and an answer of slots alone lets the
    // record speak: they state no fact of their own and cite nothing.
    const live = (t: (typeof file.topics)[number]) => Object.values(t.answer).every((a) => /^(\{\{\w+\}\}\s*)+$/.test(a));
    const facts = [file.case, ...file.events, ...file.hearings, ...file.topics.filter((t) => (t.kind === "case" || t.kind === "unknown") && !live(t))];
    expect(facts.length).toBeGreaterThan(20);
    expect(facts.findIndex((e) => e.sources.length === 0), "a fact without a source").toBe(-1);
    expect(facts.flatMap((e) => e.sources).filter((s) => !ids.has(s))).toEqual([]);
  });

  it("cites nothing for the bot's own entries", () => {
    expect(file.topics.filter((t) => t.kind === "meta" || t.kind === "smalltalk").filter((t) => t.sources.length > 0)).toEqual([]);
  });

  it("has a menu of the seven topics /start shows", () => {
    expect(file.topics.filter((t) => t.menu).map((t) => t.id)).toEqual(["summary", "next-hearing", "charges", "defendants", "atajurt", "amnesty", "sources"]);
  });

  it("leaves every live fact of the next-hearing answer to the record: the slot alone, citing no source of its own", () => {
    const t = file.topics.find((x) => x.id === "next-hearing")!;
    expect(t.answer).toEqual({ en: "{{hearing}}", kk: "{{hearing}}", ru: "{{hearing}}" });
    expect(t.sources).toEqual([]);
  });

  it("has one privacy text: the privacy answer is the slot /privacy's text fills", () => {
    expect(file.topics.find((x) => x.id === "privacy")!.answer).toEqual({ en: "{{privacy}}", kk: "{{privacy}}", ru: "{{privacy}}" });
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

describe("dates, times and references are checked before anything touches the database", () => {
  const data = parse(text) as Record<string, Array<Record<string, unknown>>>;
  const only = (f: (d: typeof data) => void) => {
    const broken = structuredClone(data);
    f(broken);
    return problemsOf(stringify(broken));
  };

  it("refuses a day that is not in the calendar, naming the entry, field and line", () => {
    const [p, ...rest] = only((d) => (d.hearings![0]!.date = "2026-02-31"));
    expect(rest).toEqual([]);
    expect(p).toMatch(/^hearings\[0\] \(trial-opening\) › date: is not a day of the calendar .*\(line \d+\)$/);
    expect(only((d) => (d.events![0]!.date = "2025-13-01"))[0]).toMatch(/^events\[0\] \(protest-and-detention\) › date: is not a day of the calendar/);
  });

  it("refuses a time of day that does not exist", () => {
    expect(only((d) => (d.hearings![0]!.time = "24:30"))).toEqual([expect.stringMatching(/^hearings\[0\] \(trial-opening\) › time: must be a time written HH:MM \(line \d+\)$/)]);
  });

  it("takes a publication date as a day or a month, and nothing else", () => {
    expect(only((d) => (d.sources![0]!.published = "January 2026"))).toEqual([
      expect.stringMatching(/^sources\[0\] \(amnesty-2026-01\) › published: must be the day it was published \(YYYY-MM-DD\) or, when no day is known, its month \(YYYY-MM\) \(line \d+\)$/),
    ]);
    expect(only((d) => (d.sources![0]!.published = "2026-01-20"))).toEqual([]);
    expect(only((d) => (d.sources![0]!.file = "000_x.txt"))[0]).toMatch(/sources\[0\] \(amnesty-2026-01\).*Unrecognized key.*"file"/);
  });

  it("checks an event's precision against its fields", () => {
    expect(only((d) => (d.events![0]!.precision = "month"))[0]).toMatch(/events\[0\].* › date: must be a month written YYYY-MM for precision month/);
    expect(only((d) => (d.events![1]!.date = "2025-11-14"))[0]).toMatch(/events\[1\] \(administrative-penalties\) › date: must be left out for precision after/);
    expect(only((d) => delete d.events![1]!.after)[0]).toMatch(/events\[1\].* › after: is missing/);
    expect(only((d) => ((d.events![0]!.precision = "unknown"), delete d.events![0]!.date))).toEqual([]);
  });

  it("refuses an event dated after one that does not exist, or that comes later in the file", () => {
    expect(only((d) => (d.events![1]!.after = "made-up"))).toEqual([expect.stringMatching(/^events\[1\] \(administrative-penalties\) › after: unknown event "made-up" \(line \d+\)$/)]);
    expect(only((d) => (d.events![1]!.after = "trial-opening"))[0]).toMatch(/after: "trial-opening" must come before this event in the file/);
  });

  it("refuses dated events listed out of order", () => {
    expect(only((d) => (d.events![4]!.date = "2025-11-01"))).toEqual([expect.stringMatching(/^events\[4\] \(trial-opening\) › date: 2025-11-01 is before 2025-11-13 \(protest-and-detention\)/)]);
  });

  it("refuses a slot it does not know, and slots that differ between languages", () => {
    const i = data.topics!.findIndex((t) => t.id === "next-hearing");
    expect(only((d) => ((d.topics![i]!.answer as Record<string, string>).kk = "{{hearing}} {{judge}}"))).toEqual([
      expect.stringMatching(/^topics\[\d+\] \(next-hearing\) › answer\.kk: unknown slot \{\{judge\}\}/),
    ]);
    expect(only((d) => ((d.topics![i]!.answer as Record<string, string>).ru = "Дата в источнике не указана."))).toContainEqual(
      expect.stringMatching(/answer\.ru: has the slots "" where en has "\{\{hearing\}\}"/),
    );
  });

  it("refuses a source on an answer that is only slots: what it shows cites its own", () => {
    const i = data.topics!.findIndex((t) => t.id === "next-hearing");
    expect(only((d) => (d.topics![i]!.sources = ["amnesty-2026-01"]))[0]).toMatch(/next-hearing\) › sources: an answer of slots alone cites the sources of what it shows/);
  });
});
