import { describe, expect, it } from "vitest";
import { runLocalChat } from "../support/local-chat.js";

/** `printf … | npm start` as a new user runs it. */
const localChat = (input: string, env: Record<string, string> = {}) => runLocalChat(input, env);

describe("the local chat (npm start without a token)", () => {
  it("prints the welcome and the menu as numbered choices, follows a pick, and exits at end of input", () => {
    const r = localChat("/start\n1\n/language\n2\nкогда суд?\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("bot> Hello! I answer questions about the trial");
    expect(r.stdout).toMatch(/\[1\] The case in brief/);
    expect(r.stdout).toContain("Source: Amnesty International");
    expect(r.stdout).toContain("Готово: буду писать вам по-русски.");
    expect(r.stdout).toContain("Талдыкорган");
  });

  it("stops with a message naming a bad variable, not a stack trace", () => {
    const r = localChat("", { CASE_TIMEZONE: "Nowhere/Atlantis" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("CASE_TIMEZONE must be an IANA time zone");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
