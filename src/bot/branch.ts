import { Composer, type Context, type Middleware } from "grammy";

type MaybeArray<T> = T | T[];
type Predicate = (ctx: Context) => boolean | Promise<boolean>;
type Handler = (ctx: Context, next: () => Promise<void>) => unknown;

let installed = false;

/**
 * grammY's `Composer.branch`, under every filter (`command`, `on`, `callbackQuery`, `chatType`,
 * …), goes through `Composer.lazy`: on every update it builds a new Composer for the side taken.
 * A free-text question passes some fifty filters on its way to the answers, and that was about
 * 125 KB of garbage per update, two fifths of all it allocated (`npm run bench:answers`,
 * `alloc_kb`; docs/answers.md, "Where an update's time goes").
 *
 * This builds each side's Composer once, when the branch is made. It runs the same middleware
 * in the same order: a Composer's handler asks the composers it holds for their middleware when
 * it runs, so what is added to a side afterwards (the composer `filter` returns) still runs, and
 * a side that is an array is composed in order as before. Installed once per process, before
 * the bot's middleware tree is built (createBot); composers built earlier keep grammY's own.
 */
export function composeBranchesOnce(): void {
  if (installed) return;
  installed = true;
  const side = (m: MaybeArray<Middleware<Context>>): Handler => new Composer<Context>(...(Array.isArray(m) ? m : [m])).middleware() as Handler;
  const proto = Composer.prototype as unknown as {
    branch(this: Composer<Context>, predicate: Predicate, yes: MaybeArray<Middleware<Context>>, no: MaybeArray<Middleware<Context>>): Composer<Context>;
  };
  proto.branch = function (predicate, yes, no) {
    const onTrue = side(yes);
    const onFalse = side(no);
    // Not an async function: grammY's predicates are synchronous, and an async frame per filter per
    // update was most of what is left (a throw still reaches the caller's await the same way).
    return this.use((ctx, next) => {
      const ok = predicate(ctx);
      if (typeof ok === "boolean") return (ok ? onTrue : onFalse)(ctx, next);
      return ok.then((yes) => (yes ? onTrue : onFalse)(ctx, next));
    });
  };
}
