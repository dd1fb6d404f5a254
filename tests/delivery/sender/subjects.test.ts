import { describe, expect, it } from "vitest";
import type { ContentSnapshot } from "../../../src/case/content/store.js";
import type { ClaimedDelivery } from "../../../src/db/deliveries.js";
import type { Hearing, UpdateRow } from "../../../src/db/schema.js";
import { Subjects } from "../../../src/delivery/sender/subjects.js";
import { createI18n } from "../../../src/i18n.js";
import { fixedClock } from "../../../src/shared/time.js";
import { claimed } from "./rows.js";

const i18n = createI18n();

function subjectsKit(hearings: Array<Pick<Hearing, "id" | "version" | "status">>, updates: Array<Pick<UpdateRow, "id" | "body" | "publishedAt" | "sourceUrl">>) {
  const reads = { hearings: 0, updates: [] as number[][], renders: 0 };
  const subjects = new Subjects({
    hearings: {
      all: async () => {
        reads.hearings++;
        return hearings as Hearing[];
      },
    },
    updates: {
      many: async (ids) => {
        reads.updates.push([...ids]);
        return updates.filter((u) => ids.includes(u.id)) as UpdateRow[];
      },
    },
    i18n,
    // Read once per render that is not in the cache.
    content: {
      current: () => {
        reads.renders++;
        return { meta: undefined } as ContentSnapshot;
      },
    },
    clock: fixedClock("2026-03-09T05:00:00Z"),
    timeZone: "Asia/Almaty",
    botUsername: "casebot_test_bot",
  });
  return { subjects, reads };
}

const update = (id: number, en: string) => ({ id, body: { en }, publishedAt: new Date("2026-03-01T06:00:00Z"), sourceUrl: null });

describe("the sender's subjects", () => {
  it("reads hearings only for a batch with hearing rows, and each named update once", async () => {
    const k = subjectsKit([], []);
    await k.subjects.load([claimed(1, { kind: "update", subjectId: "7" }), claimed(2, { kind: "update", subjectId: "7" }), claimed(3, { kind: "update", subjectId: "9" })]);
    expect(k.reads.hearings).toBe(0);
    expect(k.reads.updates).toEqual([[7, 9]]);
    await k.subjects.load([claimed(4, { kind: "reminder" }), claimed(5, { kind: "hearing_changed" }), claimed(6, { kind: "update", subjectId: "x" })]);
    expect(k.reads.hearings).toBe(1);
    // A subject id that is not a number names no update: nothing is read for it.
    expect(k.reads.updates).toEqual([[7, 9]]);
  });

  it("renders against what was loaded: a hearing's version and status, an update's text", async () => {
    const k = subjectsKit(
      [
        { id: "h1", version: 2, status: "scheduled" },
        { id: "h2", version: 1, status: "postponed" },
      ],
      [update(7, "The court adjourned.")],
    );
    const rows = [
      claimed(1, { subjectId: "h1", subjectVersion: 1 }),
      claimed(2, { subjectId: "h2", subjectVersion: 1 }),
      claimed(3, { subjectId: "h3" }),
      claimed(4, { kind: "update", subjectId: "7" }),
      claimed(5, { kind: "update", subjectId: "8" }),
    ];
    await k.subjects.load(rows);
    expect(rows.map((r) => k.subjects.render(r)).map((n) => ("skip" in n ? n.skip : n.html.includes("The court adjourned.")))).toEqual([
      "superseded by version 2",
      "hearing postponed",
      "hearing removed",
      true,
      "update removed",
    ]);
  });

  it("renders a message once per subject, version and language within a claim; a new claim renders again", async () => {
    const k = subjectsKit([], [update(7, "Text")]);
    const en = [claimed(1, { kind: "update", subjectId: "7" }), claimed(2, { kind: "update", subjectId: "7", chatId: 99 })];
    const ru = claimed(3, { kind: "update", subjectId: "7", lang: "ru" });
    const noLang = claimed(4, { kind: "update", subjectId: "7", lang: null });
    await k.subjects.load([...en, ru]);
    const first = k.subjects.render(en[0]!);
    expect(k.subjects.render(en[1]!)).toBe(first);
    expect(k.subjects.render(noLang)).toBe(first); // no language known: English
    expect(k.reads.renders).toBe(1);
    expect(k.subjects.render(ru)).not.toBe(first);
    expect(k.reads.renders).toBe(2);
    await k.subjects.load(en);
    expect(k.subjects.render(en[0]!)).not.toBe(first);
    expect(k.reads.renders).toBe(3);
  });

  it("renders Kazakh in the chat's script, once per script; other languages ignore it", async () => {
    const k = subjectsKit([], [{ ...update(7, "Text"), body: { en: "Text", kk: "Сот отырысы кейінге қалдырылды." } }]);
    const cyrl = claimed(1, { kind: "update", subjectId: "7", lang: "kk", kkScript: null });
    const arab = [claimed(2, { kind: "update", subjectId: "7", lang: "kk", kkScript: "arab" }), claimed(3, { kind: "update", subjectId: "7", lang: "kk", kkScript: "arab", chatId: 98 })];
    const latn = claimed(4, { kind: "update", subjectId: "7", lang: "kk", kkScript: "latn" });
    const en = claimed(5, { kind: "update", subjectId: "7", lang: "en", kkScript: "arab" });
    await k.subjects.load([cyrl, ...arab, latn, en]);
    const html = (r: ClaimedDelivery) => {
      const n = k.subjects.render(r);
      return "html" in n ? n : { html: "", buttons: [] };
    };
    expect(html(cyrl).html).toContain("Сот отырысы кейінге қалдырылды.");
    const a = html(arab[0]!);
    expect(a.html).toContain("سوت وتىرىسى كەيىنگە قالدىرىلدى.");
    expect(a.html).not.toMatch(/\p{Script=Cyrillic}/u);
    expect(a.buttons.flat().every((b) => /\p{Script=Arabic}/u.test(b.text))).toBe(true);
    expect(html(arab[1]!)).toBe(a);
    expect(html(latn).html).toContain("Sot otyrysy keiınge qaldyryldy.");
    expect(html(en).html).toContain("Text");
    expect(k.reads.renders).toBe(4);
  });

  it("keeps change notices with different payloads apart", async () => {
    const k = subjectsKit([{ id: "h1", version: 3, status: "scheduled" }], []);
    const a = claimed(1, { kind: "hearing_changed", subjectVersion: 3, payload: { from: { date: "2026-03-10" } } });
    const b = claimed(2, { kind: "hearing_changed", subjectVersion: 3, payload: { from: { date: "2026-03-11" } } });
    await k.subjects.load([a, b]);
    k.subjects.render(a);
    k.subjects.render(b);
    k.subjects.render({ ...a, id: 3 });
    expect(k.reads.renders).toBe(2);
  });
});
