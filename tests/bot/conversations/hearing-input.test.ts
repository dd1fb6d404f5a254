import { describe, expect, it } from "vitest";
import { parseDateInput, parsePublishedInput, parseTimeInput } from "../../../src/bot/conversations/hearing-input.js";

describe("dates and times as editors type them", () => {
  it("reads ISO and day-first dates, and refuses impossible ones", () => {
    expect(parseDateInput("2026-02-15")).toEqual({ date: "2026-02-15" });
    expect(parseDateInput("15.02.2026")).toEqual({ date: "2026-02-15" });
    expect(parseDateInput(" 15/02/2026 ")).toEqual({ date: "2026-02-15" });
    expect(parseDateInput("5.2.2026")).toEqual({ date: "2026-02-05" });
    expect(parseDateInput("29.02.2028")).toEqual({ date: "2028-02-29" });
    expect(parseDateInput("29.02.2026")).toEqual({ error: "impossible" });
    expect(parseDateInput("31.04.2026")).toEqual({ error: "impossible" });
    expect(parseDateInput("2026-13-01")).toEqual({ error: "impossible" });
    expect(parseDateInput("00.01.2026")).toEqual({ error: "impossible" });
    expect(parseDateInput("15.02/2026")).toEqual({ error: "unreadable" });
    expect(parseDateInput("15 February")).toEqual({ error: "unreadable" });
    expect(parseDateInput("15.02.26")).toEqual({ error: "unreadable" });
  });

  it("reads a publication date as a day, or as a month when the source gives no day", () => {
    expect(parsePublishedInput("15.02.2026")).toEqual({ date: "2026-02-15" });
    expect(parsePublishedInput("2026-02-15")).toEqual({ date: "2026-02-15" });
    expect(parsePublishedInput("02.2026")).toEqual({ date: "2026-02" });
    expect(parsePublishedInput("2/2026")).toEqual({ date: "2026-02" });
    expect(parsePublishedInput("2026-02")).toEqual({ date: "2026-02" });
    expect(parsePublishedInput("31.02.2026")).toEqual({ error: "impossible" });
    expect(parsePublishedInput("13.2026")).toEqual({ error: "impossible" });
    expect(parsePublishedInput("February 2026")).toEqual({ error: "unreadable" });
  });

  it("reads 10:00 and 10.00 on the 24-hour clock, and refuses impossible times", () => {
    expect(parseTimeInput("10:00")).toEqual({ time: "10:00" });
    expect(parseTimeInput("10.00")).toEqual({ time: "10:00" });
    expect(parseTimeInput("9:30")).toEqual({ time: "09:30" });
    expect(parseTimeInput("23:59")).toEqual({ time: "23:59" });
    expect(parseTimeInput("24:00")).toEqual({ error: "impossible" });
    expect(parseTimeInput("10:60")).toEqual({ error: "impossible" });
    expect(parseTimeInput("10am")).toEqual({ error: "unreadable" });
    expect(parseTimeInput("1000")).toEqual({ error: "unreadable" });
  });
});
