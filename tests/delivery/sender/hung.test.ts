import { describe, expect, it } from "vitest";
import { HungChats } from "../../../src/delivery/sender/hung.js";

describe("chats that hung", () => {
  it("remembers a chat abandoned at its deadline until it answers, or for a while", () => {
    const hung = new HungChats(10, 1_000);
    hung.hung(1, 0);
    expect(hung.has(1, 500)).toBe(true);
    expect(hung.has(2, 500)).toBe(false);
    expect(hung.has(1, 1_000)).toBe(false);
    hung.hung(1, 2_000);
    hung.answered(1);
    expect(hung.has(1, 2_001)).toBe(false);
  });

  it("keeps at most `max` chats, forgetting the oldest first", () => {
    const hung = new HungChats(3, 60_000);
    for (let id = 1; id <= 5; id++) hung.hung(id, id);
    expect(hung.size).toBe(3);
    expect([1, 2, 3, 4, 5].map((id) => hung.has(id, 10))).toEqual([false, false, true, true, true]);
    // Hanging again makes a chat the newest.
    hung.hung(3, 20);
    hung.hung(6, 21);
    expect([3, 4, 5, 6].map((id) => hung.has(id, 30))).toEqual([true, false, true, true]);
  });
});
