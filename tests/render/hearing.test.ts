import { describe, expect, it } from "vitest";
import type { ContentSnapshot } from "../../src/case/content/store.js";
import { hearingInstants, type Hearing } from "../../src/case/hearings.js";
import type { SourceRow } from "../../src/db/schema.js";
import { createI18n } from "../../src/i18n.js";
import { hearingEvent } from "../../src/render/calendar.js";
import { buildCards } from "../../src/render/cards.js";
import { formatDate, zoneLabel } from "../../src/render/dates.js";
import { hearingLine } from "../../src/render/hearing.js";
import { renderReminder } from "../../src/render/notices.js";
import { LANGS } from "../../src/shared/lang.js";

const TZ = "Asia/Almaty";
const i18n = createI18n();
const COURT: SourceRow = { id: "court", publisher: "Court", title: { en: "Schedule", kk: "Кесте", ru: "График" }, url: null, published: "2026-11-20", position: 0 };
const snap = {
  revision: 1,
  meta: { id: "case", name: { en: "The trial", kk: "Сот ісі", ru: "Суд" }, summary: { en: "s", kk: "s", ru: "s" }, sourceIds: ["court"], review: null, revision: 1, updatedAt: new Date(0) },
  sources: [COURT],
  sourceById: new Map([["court", COURT]]),
  events: [],
  topics: [],
  topicById: new Map(),
  menu: [],
} satisfies ContentSnapshot;

const hearing = (o: Partial<Hearing> & Pick<Hearing, "date">): Hearing => ({
  id: "h",
  time: null,
  ...hearingInstants({ date: o.date, time: o.time ?? null }, TZ),
  title: { en: "Court hearing", kk: "Сот отырысы", ru: "Судебное заседание" },
  place: { en: "City Court", kk: "Қалалық сот", ru: "Городской суд" },
  status: "scheduled",
  outcome: null,
  sourceIds: ["court"],
  review: null,
  version: 1,
  updatedAt: new Date(0),
  ...o,
});

const NOW = new Date("2026-11-29T06:00:00Z");

/**
 * The answer, the inline card, the reminder and the calendar file say the same of a hearing: its
 * day, its time with the zone or that none is given, its place, what became of it, and its source.
 */
describe.each(LANGS)("what every message says of a hearing agrees (%s)", (lang) => {
  const t = i18n.t(lang);
  const render = (h: Hearing, next: boolean) => {
    const live = { hearings: next ? { next: h } : { last: h }, now: NOW, timeZone: TZ };
    const card = buildCards(i18n, lang, { snapshot: snap, live, latestUpdate: undefined, botUsername: "casebot_bot" }).find((c) => c.id === "hearing")!;
    const event = hearingEvent(h, { lang, i18n, snap, timeZone: TZ, botUsername: "casebot_bot" });
    const reminder = renderReminder({ i18n, snapshot: snap, timeZone: TZ, botUsername: "casebot_bot", now: NOW }, { subjectVersion: 1 }, h, lang);
    return { answer: hearingLine(t, lang, live.hearings, NOW, TZ), card: card.html, calendar: `${event.description}\n${event.location}`, reminder: "html" in reminder ? reminder.html : undefined };
  };

  it("a timed hearing ahead: the time with its zone everywhere, and no 'no time given'", () => {
    const h = hearing({ date: "2026-12-03", time: "10:00" });
    const r = render(h, true);
    const zone = zoneLabel(h.date, h.time, TZ, lang);
    for (const [where, text] of Object.entries(r)) {
      expect(text, where).toContain(where === "calendar" ? "10:00" : formatDate(h.date, lang));
      expect(text, where).toContain(zone);
      expect(text, where).toContain(h.place[lang]);
      expect(text, where).not.toContain(t("time_none"));
    }
    for (const text of [r.card, r.calendar, r.reminder]) expect(text).toContain(lang === "en" ? "Court, “Schedule”" : lang === "kk" ? "Court, «Кесте»" : "Court, «График»");
  });

  it("an untimed hearing ahead: 'no time given' in the messages, an all-day event in the calendar", () => {
    const r = render(hearing({ date: "2026-12-03" }), true);
    for (const text of [r.answer, r.card, r.reminder]) expect(text).toContain(t("time_none"));
    expect(r.calendar).toContain(t("passing.ics_no_time", { interpolation: { escapeValue: false } }));
  });

  it.each(["held", "postponed", "cancelled"] as const)("the latest hearing, %s: the answer and the card say so, the calendar marks it", (status) => {
    const h = hearing({ date: "2026-11-10", status, outcome: status === "held" ? { en: "Adjourned.", kk: "Үзіліс.", ru: "Перерыв." } : null });
    const r = render(h, false);
    for (const text of [r.answer, r.card]) {
      expect(text).toContain(t(`hearing_was_${status}`));
      expect(text).toContain(formatDate(h.date, lang));
      if (status === "held") expect(text).toContain(h.outcome![lang]);
    }
    expect(r.calendar).toContain(t("passing.ics_status", { status: t(`passing.status_${status}`) }));
    expect(r.reminder).toBeUndefined();
  });
});
