import { Composer, type Context } from "grammy";
import { describe, expect, it } from "vitest";
import { composeBranchesOnce } from "../../src/bot/branch.js";

composeBranchesOnce();

/** A bare context: the filters below read only what the update says. */
const ctxOf = (text: string) => ({ message: { text }, has: () => false }) as unknown as Context;

async function run(c: Composer<Context>, ctx: Context): Promise<boolean> {
  let passed = false;
  await c.middleware()(ctx, async () => {
    passed = true;
  });
  return passed;
}

describe("branches composed once (src/bot/branch.ts)", () => {
  it("runs the side the predicate picks, and passes on when it picks the other", async () => {
    const seen: string[] = [];
    const c = new Composer<Context>();
    c.filter((ctx) => ctx.message?.text === "a", () => void seen.push("a"));
    c.filter(async (ctx) => ctx.message?.text === "b", () => void seen.push("b"));
    expect(await run(c, ctxOf("a"))).toBe(false);
    expect(await run(c, ctxOf("b"))).toBe(false);
    expect(await run(c, ctxOf("c"))).toBe(true);
    expect(seen).toEqual(["a", "b"]);
  });

  it("runs middleware added to a filter's composer after the filter was made, in order", async () => {
    const seen: string[] = [];
    const c = new Composer<Context>();
    const f = c.filter((ctx) => ctx.message?.text === "x");
    f.use(async (_ctx, next) => {
      seen.push("first");
      await next();
    });
    f.use(() => void seen.push("second"));
    expect(await run(c, ctxOf("x"))).toBe(false);
    expect(seen).toEqual(["first", "second"]);
  });

  it("composes an array side in order, and a throw in a predicate reaches the caller", async () => {
    const seen: number[] = [];
    const c = new Composer<Context>();
    c.branch(
      () => true,
      [async (_ctx, next) => (seen.push(1), next()), () => void seen.push(2)],
      () => void seen.push(0),
    );
    await run(c, ctxOf(""));
    expect(seen).toEqual([1, 2]);
    const bad = new Composer<Context>();
    bad.filter(() => {
      throw new Error("predicate");
    });
    await expect(run(bad, ctxOf(""))).rejects.toThrow("predicate");
  });
});
