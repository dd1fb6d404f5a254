import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { blindIndex, blindIndexes, chatKey, chatKeyProblem, keyring, needsReseal, newChatKeyText, open, seal } from "../../src/db/chat-id.js";

const A = newChatKeyText();
const B = newChatKeyText();

describe("chat ids at rest", () => {
  it("seals with a fresh nonce each time, and opens what it sealed", () => {
    const ring = keyring(A);
    const one = seal(ring.current, 7_001_234_567);
    const two = seal(ring.current, 7_001_234_567);
    expect(one).not.toBe(two);
    expect(one).not.toContain("7001234567");
    expect(open(ring, one)).toBe(7_001_234_567);
    expect(open(ring, two)).toBe(7_001_234_567);
    expect(open(ring, seal(ring.current, -1_001_234_567_890))).toBe(-1_001_234_567_890);
  });

  it("opens any Telegram id, positive or negative, and indexes it stably", () => {
    const ring = keyring(A);
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), (id) => {
        expect(open(ring, seal(ring.current, id))).toBe(id);
        expect(blindIndex(ring.current, id)).toBe(blindIndex(chatKey(A), id));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a text altered in any byte, or sealed under a key the ring does not hold", () => {
    const ring = keyring(A);
    const sealed = seal(ring.current, 42);
    const [v, k, data] = sealed.split(".");
    const raw = Buffer.from(data!, "base64url");
    for (let i = 0; i < raw.length; i++) {
      const bad = Buffer.from(raw);
      bad[i] = bad[i]! ^ 1;
      expect(() => open(ring, `${v}.${k}.${bad.toString("base64url")}`)).toThrow();
    }
    expect(() => open(ring, seal(chatKey(B), 42))).toThrow(/unknown version or key/);
    expect(() => open(ring, `v2.${k}.${data}`)).toThrow();
  });

  it("gives a keyed blind index: 16 bytes hex, equal for equal ids, different per key, and no trace of the id", () => {
    const a = chatKey(A);
    const i = blindIndex(a, 7_001_234_567);
    expect(i).toMatch(/^[0-9a-f]{32}$/);
    expect(blindIndex(a, 7_001_234_567)).toBe(i);
    expect(blindIndex(a, 7_001_234_568)).not.toBe(i);
    expect(blindIndex(chatKey(B), 7_001_234_567)).not.toBe(i);
    // The index key is not the sealing key: HKDF gives each use its own.
    expect(a.enc.equals(a.mac)).toBe(false);
  });

  it("during a rotation opens texts of both keys and looks up by both indexes, current first", () => {
    const old = keyring(A);
    const ring = keyring(B, A);
    const before = seal(old.current, 99);
    expect(open(ring, before)).toBe(99);
    expect(needsReseal(ring, before)).toBe(true);
    expect(needsReseal(ring, seal(ring.current, 99))).toBe(false);
    expect(blindIndexes(ring, 99)).toEqual([blindIndex(chatKey(B), 99), blindIndex(chatKey(A), 99)]);
  });

  it("validates CHAT_KEY: base64 of exactly 32 bytes", () => {
    expect(chatKeyProblem(A)).toBeUndefined();
    expect(chatKeyProblem(Buffer.alloc(16).toString("base64"))).toMatch(/32 random bytes.*got 16/);
    expect(chatKeyProblem("not base64 at all!")).toMatch(/must be base64/);
    expect(() => chatKey("short")).toThrow(/^CHAT_KEY /);
    expect(() => seal(chatKey(A), 1.5)).toThrow(/safe integer/);
  });
});
