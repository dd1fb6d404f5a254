import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CROSS_TERMS } from "../../../src/answers/cross-terms.js";
import { foldForMatch, tokens } from "../../../src/answers/normalise.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../../src/case/content/load.js";
import { LANGS, QUESTION_KEYS } from "../../../src/shared/lang.js";

const file = loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE));
const byId = new Map(file.topics.map((t) => [t.id, t]));

const SMALL_TALK = ["greeting", "thanks", "goodbye", "abuse"];
const UNKNOWNS = ["unknown-judge", "unknown-prosecutor", "unknown-lawyers", "unknown-verdict", "unknown-names", "unknown-hour", "unknown-conditions"];

describe("small talk, the bot itself and the known unknowns", () => {
  it("are entries of their own kind", () => {
    expect(SMALL_TALK.map((id) => byId.get(id)?.kind)).toEqual(SMALL_TALK.map(() => "smalltalk"));
    expect(byId.get("capabilities")?.kind).toBe("meta");
    expect(UNKNOWNS.map((id) => byId.get(id)?.kind)).toEqual(UNKNOWNS.map(() => "unknown"));
  });

  it("each has sample questions in all seven ways of writing", () => {
    const thin = [...SMALL_TALK, "capabilities", ...UNKNOWNS].flatMap((id) =>
      QUESTION_KEYS.filter((k) => (byId.get(id)?.questions[k]?.length ?? 0) < 3).map((k) => `${id} ${k}`),
    );
    expect(thin).toEqual([]);
  });

  it("never leave a reply without topics to go on to", () => {
    expect([...SMALL_TALK, "capabilities"].filter((id) => (byId.get(id)?.related.length ?? 0) === 0)).toEqual([]);
  });

  it("answer an unknown from the statement that was read, citing it, and state no hour, name or verdict", () => {
    for (const id of UNKNOWNS) {
      const t = byId.get(id)!;
      expect(t.sources, id).toEqual(["amnesty-2026-01"]);
      for (const l of LANGS) {
        expect(t.answer[l], `${id} ${l}`).toContain("Amnesty International");
        expect(t.answer[l], `${id} ${l}`).not.toMatch(/\d{1,2}[:.]\d{2}|\b(guilty|convicted|acquitted)\b|виновн|оправдан|кінәлі|ақтал/u);
      }
    }
  });

  it("speak of the live record only through a slot: the verdict and the hour may be recorded later", () => {
    for (const id of ["unknown-verdict", "unknown-hour"]) for (const l of LANGS) expect(byId.get(id)!.answer[l]).toContain("{{hearing}}");
  });

  it("ask each unknown in Kazakh with a Russian case term in it, as most Kazakhs write", () => {
    const russian = new Set(CROSS_TERMS.flatMap((t) => t.ruInKk));
    const mixed = (id: string) => [...(byId.get(id)!.questions.kk ?? []), ...(byId.get(id)!.questions.kk_plain ?? [])].filter((q) => tokens(q).some((w) => russian.has(w)));
    expect(UNKNOWNS.filter((id) => mixed(id).length === 0)).toEqual([]);
  });

  it("ask the 19 names of the unknown, not of the defendants (whose answer says the same)", () => {
    const names = (id: string) => Object.values(byId.get(id)!.questions).flat().filter((q) => /names?\b|имена|фамили|аты-?\s?жөн|aty-?joni|اتى-ءجونى/iu.test(q));
    expect(names("defendants")).toEqual([]);
    expect(names("unknown-names").length).toBeGreaterThan(5);
  });
});

describe("the sample questions", () => {
  it("never give one question, as the matcher reads it, to two topics", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const t of file.topics)
      for (const q of Object.values(t.questions).flat()) {
        const key = tokens(q).map(foldForMatch).join(" ");
        const had = owner.get(key);
        if (had !== undefined && had !== t.id) clashes.push(`${q}: ${had} and ${t.id}`);
        owner.set(key, t.id);
      }
    expect(clashes).toEqual([]);
  });
});
