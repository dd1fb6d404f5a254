import { describe, expect, it } from "vitest";
import { DEFAULT_ANCHOR, defaultLeads, parseLead, parseLeads } from "../../src/case/leads.js";

describe("lead times", () => {
  it("parses the operator's format", () => {
    expect(parseLead("7d")).toEqual({ code: "7d", kind: "relative", days: 7, minutes: 0 });
    expect(parseLead("3h")).toEqual({ code: "3h", kind: "relative", days: 0, minutes: 180 });
    expect(parseLead("30m")).toEqual({ code: "30m", kind: "relative", days: 0, minutes: 30 });
    expect(parseLead("morning@07:30")).toEqual({ code: "morning@07:30", kind: "morning", at: "07:30" });
    expect(() => parseLead("tomorrow")).toThrow(/not a lead time/);
    expect(() => parseLead("morning@25:00")).toThrow();
  });

  it("orders longest first, drops repeats, and picks 1 day + morning by default", () => {
    const leads = parseLeads(["1h", "morning@08:00", "7d", "1d", "1d"]);
    expect(leads.map((l) => l.code)).toEqual(["7d", "1d", "morning@08:00", "1h"]);
    expect(defaultLeads(leads)).toEqual(["1d", "morning@08:00"]);
    // An operator who offers neither: every offered lead.
    expect(defaultLeads(parseLeads(["3d", "2h"]))).toEqual(["3d", "2h"]);
    expect(DEFAULT_ANCHOR).toBe("08:00");
  });
});
