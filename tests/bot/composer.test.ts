import { Composer, Context, type MiddlewareFn } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { describe, expect, it } from "vitest";
import { LeanComposer } from "../../src/bot/composer.js";

const ME = { id: 1, is_bot: true, first_name: "Bot", username: "bot" } as UserFromGetMe;
const text = (t: string, type: "private" | "group" = "private"): Context => {
  const entities = t.startsWith("/") ? [{ type: "bot_command", offset: 0, length: t.split(" ")[0]!.length }] : undefined;
  const chat = type === "private" ? { id: 5, type, first_name: "A" } : { id: -5, type, title: "g" };
  const message = { message_id: 1, date: 0, chat, from: { id: 5, is_bot: false, first_name: "A" }, text: t, entities };
  return new Context({ update_id: 1, message } as unknown as Update, {} as never, ME);
};
const callback = (data: string): Context => new Context({ update_id: 2, callback_query: { id: "q", from: { id: 5, is_bot: false, first_name: "A" }, chat_instance: "i", data } } as Update, {} as never, ME);

/** What a composer does with one update: the handlers that ran, in order, and whether it passed the update on. */
async function trace(build: (c: Composer<Context>, seen: string[]) => void, Kind: new () => Composer<Context>, ctx: Context) {
  const seen: string[] = [];
  const c = new Kind();
  build(c, seen);
  let passed = false;
  await c.middleware()(ctx, async () => void (passed = true));
  return { seen, passed };
}

/** A tree like the bot's: commands, chat types, callbacks, an async predicate, nested `on`, middleware added late. */
function tree(c: Composer<Context>, seen: string[]) {
  const mark =
    (name: string, pass = false): MiddlewareFn<Context> =>
    async (_ctx, next) => {
      seen.push(name);
      if (pass) await next();
    };
  c.use(mark("first", true));
  c.command("start", mark("start"));
  c.callbackQuery(/^t:(\w+)$/, mark("topic"));
  c.chatType("private").on("message:text", mark("private-text", true));
  const groups = c.chatType(["group", "supergroup"]);
  c.filter(async (ctx) => ctx.message?.text === "slow", mark("slow"));
  c.on("message:text", mark("text"));
  // Added to a branch after the branch was installed: runs all the same.
  groups.on("message:text", mark("group-text", true));
}

describe("LeanComposer", () => {
  const cases: [string, Context][] = [
    ["a command", text("/start")],
    ["a private text", text("hello")],
    ["a group text", text("hello", "group")],
    ["an async predicate that holds", text("slow")],
    ["a matching callback", callback("t:arrest")],
    ["a callback nobody takes", callback("x")],
  ];
  it.each(cases)("routes %s exactly as grammY's Composer does", async (_name, ctx) => {
    const lean = await trace(tree, LeanComposer, ctx);
    const grammy = await trace(tree, Composer, ctx);
    expect(lean).toEqual(grammy);
    expect(lean.seen[0]).toBe("first");
  });

  it("gives the branch the predicate's match (ctx.match)", async () => {
    const c = new LeanComposer<Context>();
    let match: unknown;
    c.callbackQuery(/^t:(\w+)$/, (ctx) => void (match = ctx.match[1]));
    await c.middleware()(callback("t:arrest"), async () => {});
    expect(match).toBe("arrest");
  });

  it("fails the update when a middleware throws, synchronously or not, and when next is called twice", async () => {
    const sync = new LeanComposer<Context>((() => {
      throw new Error("sync");
    }) as MiddlewareFn<Context>);
    await expect(sync.middleware()(text("x"), async () => {})).rejects.toThrow("sync");
    const twice = new LeanComposer<Context>(async (_ctx, next) => {
      await next();
      await next();
    });
    await expect(twice.middleware()(text("x"), async () => {})).rejects.toThrow("already called");
  });
});
