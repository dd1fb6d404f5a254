import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/i18n.js";
import { formatAfter, formatPublished, zoneLabel } from "../../src/render/dates.js";
import { LANGS } from "../../src/shared/lang.js";

const t = (lang: (typeof LANGS)[number]) => createI18n().t(lang);

describe("dates as each language writes them", () => {
  it("writes a publication date as a day or a month", () => {
    expect(LANGS.map((l) => formatPublished("2026-01", l))).toEqual(["January 2026", "2026 ж. қаңтар", "январь 2026 г."]);
    expect(LANGS.map((l) => formatPublished("2026-01-20", l))).toEqual(["20 January 2026", "2026 ж. 20 қаңтар", "20 января 2026 г."]);
  });

  it("writes 'after' a day or a month with the grammar each language asks for", () => {
    expect(LANGS.map((l) => formatAfter(t(l), { precision: "day", date: "2025-11-13" }, l))).toEqual([
      "after 13 November 2025",
      "2025 ж. 13 қарашадан кейін",
      "после 13 ноября 2025 г.",
    ]);
    expect(LANGS.map((l) => formatAfter(t(l), { precision: "month", date: "2025-09-01" }, l))).toEqual(["after September 2025", "2025 ж. қыркүйектен кейін", "после сентября 2025 г."]);
    // Every month's Kazakh ablative follows its last sound.
    const kk = Array.from({ length: 12 }, (_, m) => formatAfter(t("kk"), { precision: "month", date: `2026-${String(m + 1).padStart(2, "0")}-01` }, "kk"));
    expect(kk.map((s) => s.replace("2026 ж. ", "").replace(" кейін", ""))).toEqual([
      "қаңтардан", "ақпаннан", "наурыздан", "сәуірден", "мамырдан", "маусымнан", "шілдеден", "тамыздан", "қыркүйектен", "қазаннан", "қарашадан", "желтоқсаннан",
    ]);
  });

  it("names the zone in the reader's language, or gives the offset alone", () => {
    expect(LANGS.map((l) => zoneLabel("2026-01-23", "10:00", "Asia/Almaty", l))).toEqual(["UTC+5, Almaty Time", "UTC+5, Алматы уақыты", "UTC+5, Алматы"]);
    expect(zoneLabel("2026-01-23", "10:00", "Etc/GMT-3", "ru")).toBe("UTC+3");
  });
});
