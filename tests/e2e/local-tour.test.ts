import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runLocalChat } from "../support/local-chat.js";
import { DEFAULT_CASE_FILE, loadCaseFile } from "../../src/case/content/load.js";
import { wallClock } from "../../src/shared/time.js";

const ZONE = "Asia/Almaty";

/** `printf … | ADMIN_IDS=1 npm start`: the real entry point, piped input, no token, the case file's own store. */
const localChat = (input: string) => runLocalChat(input, { ADMIN_IDS: "1", CASE_TIMEZONE: ZONE, CASEBOT_LANG: "en" }, 120_000);

/** A local date `days` after today in the case's zone. */
function day(days: number): string {
  const today = wallClock(new Date(), ZONE).date;
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// The hearing the tour adds, 20 days ahead, is the last in /change_hearing's list, after the case file's.
const hearing = day(20);
const pickOurs = String(loadCaseFile(fileURLToPath(DEFAULT_CASE_FILE)).hearings.length + 1);
const addHearing = ["/add_hearing", hearing, "10:00", "1", "1", "1", "1"];
const clockTour = [`/clock ${day(13)} 10:05`, `/clock ${day(19)} 10:05`, `/clock ${hearing} 08:05`];
const moveHearing = ["/change_hearing", pickOurs, "1", day(25), "11:00", "1", "1"];

/** The deliveries in the transcript, in order, each by its first line and the line that says when. */
function deliveries(stdout: string): string[] {
  return stdout
    .split(/\n(?=\S)/)
    .filter((block) => block.startsWith("📬 delivery"))
    .map((block) => block.split("\n").slice(0, 4).join(" | "));
}

function expectTour(stdout: string, marker: string) {
  const seen = deliveries(stdout);
  expect(seen).toHaveLength(5);
  expect(seen.every((d) => d.startsWith(marker))).toBe(true);
  expect(seen[0]).toContain("A hearing date is set");
  expect(seen[1]).toMatch(/Hearing reminder.*in 7 days/);
  expect(seen[2]).toMatch(/Hearing reminder.*in 24 hours/);
  expect(seen[3]).toMatch(/Hearing reminder.*in 2 hours/);
  expect(seen[4]).toContain("The hearing has changed");
  // Each arrives right after the line that caused it, before the next line is read.
  const after = (line: string) => stdout.slice(stdout.indexOf(`you> ${line}\n`)).split("\nyou> ")[0]!;
  expect(after(clockTour[0]!)).toContain("in 7 days");
  expect(after(clockTour[1]!)).toContain("in 24 hours");
  expect(after(clockTour[2]!)).toContain("in 2 hours");
}

describe("the README's tour in the local chat", () => {
  it("subscribe → add a hearing → move the clock → 7-day, 1-day and morning reminders → move the hearing → the change notice", () => {
    // 7 days before is off by default: button 2 switches it on, 7 is Done.
    const r = localChat([...["/subscribe", "2", "7"], ...addHearing, "/clock", ...clockTour, ...moveHearing, `/clock ${day(1)}`].join("\n") + "\n");
    expect(r.status, r.stderr).toBe(0);
    expectTour(r.stdout, "📬 delivery: ");
    expect(r.stdout).toContain("bot> 🕓 The bot's time:");
    expect(r.stdout).toContain("The clock only moves forward.");
  }, 180_000);

  it("the same in a group: mention-only answers, an admin's group subscription, deliveries to the group", () => {
    const r = localChat(
      [
        "/as group",
        "when is the next hearing?",
        "@casebot_local_bot when is the next hearing?",
        ...["/subscribe", "2", "7"],
        "/as private",
        ...addHearing,
        ...clockTour,
        ...moveHearing,
      ].join("\n") + "\n",
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("You are now in a group chat");
    // Not addressed to the bot: no answer; named: answered.
    expect(r.stdout).toMatch(/you> when is the next hearing\?\nyou> @casebot_local_bot when is the next hearing\?\nbot> /);
    expectTour(r.stdout, "📬 delivery (group): ");
  }, 180_000);
});
