/**
 * The case on the open web (docs/web.md): a Hono app serving the case page, a page per update and
 * per hearing in four versions (en, kk, kk-arab, ru), their share images, an Atom feed per version
 * and the live calendar. Read-only, no cookies, nothing loaded from elsewhere. Pages and feeds are
 * made once per address, record version and minute, then sent from memory with an ETag and in
 * brotli or gzip.
 */
import { Hono, type Context } from "hono";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { ContentStore } from "../case/content/store.js";
import type { HearingsRepo } from "../db/hearings.js";
import type { UpdatesRepo } from "../db/updates.js";
import type { I18n } from "../i18n.js";
import type { Logger } from "../logger.js";
import { sitePath } from "../render/links.js";
import type { Clock } from "../shared/time.js";
import type { Assets } from "./assets.js";
import { ResponseCache, STATIC } from "./cache.js";
import { atomFeed, calendarFile } from "./feeds.js";
import type { ShareCard, ShareImages } from "./images.js";
import { negotiate, PAGE_PARAM, variantFor, variantOf, type Variant } from "./lang.js";
import { PageContext } from "./layout.js";
import { casePage } from "./pages/case.js";
import { errorPage, type ErrorKind } from "./pages/errors.js";
import { hearingPage, updatePage } from "./pages/items.js";
import type { Now } from "./pages/parts.js";
import { CACHE, Lru, prepare, redirect, send, type Prepared } from "./respond.js";
import { caseCard, hearingCard, updateCard } from "./share.js";
import { createSiteState, type SiteState } from "./state.js";

export interface WebDeps {
  content: Pick<ContentStore, "current">;
  hearings: Pick<HearingsRepo, "all">;
  updates: Pick<UpdatesRepo, "published">;
  i18n: I18n;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  /** PUBLIC_URL: the address pages, feeds and previews name. Unset, each request's own origin. */
  publicUrl?: string;
  /** The bot "Follow in Telegram" opens. */
  botUsername: string;
  assets: Assets;
  images: ShareImages;
  /** How long one read of hearings and updates serves (default 5 s); 0 reads for every request. */
  refreshMs?: number;
}

const HTML = "text/html; charset=utf-8";
type Made = { body: string; type: string; cacheControl: string } | undefined;

/** The site's Hono app, with the finished responses the HTTP server may send again by itself (src/web/cache.ts). */
export type WebApp = Hono & { cache: ResponseCache };

export function createWebApp(deps: WebDeps): WebApp {
  const app = new Hono();
  const state = createSiteState({ ...deps, refreshMs: deps.refreshMs ?? 5_000 });
  const made = new Lru<{ version: string; prepared: Prepared }>(2_000);
  const now = (): Now => ({ now: deps.clock.now(), timeZone: deps.timeZone });
  /** What a page made from `s` now is valid for: that state, this minute (a countdown moves). */
  const generationOf = (s: SiteState) => `${s.version}|${Math.floor(deps.clock.now().getTime() / 60_000)}`;
  const cache = new ResponseCache(() => {
    const s = state.peek();
    return s && generationOf(s);
  });
  const base = (c: Context) => deps.publicUrl ?? new URL(c.req.url).origin;
  const pageContext = (c: Context, v: Variant) => new PageContext(v, deps.i18n, base(c), deps.botUsername, deps.assets);
  const langOf = (c: Context) => variantOf(c.req.param("lang") ?? "")!;

  const errors = new Lru<Prepared>(64);
  /** An error page in the reader's language, from the snapshot in memory: it needs no database. Made once per version and content. */
  function error(c: Context, kind: ErrorKind, status: 404 | 405 | 500, headers: Record<string, string> = {}, generation = cache.generation()): Response {
    const v = variantFor(c.req.path, c.req.header("accept-language"));
    const snap = deps.content.current();
    const key = `${kind}|${v.page}|${base(c)}|${snap.revision}`;
    let prepared = errors.get(key);
    if (!prepared) {
      const p = pageContext(c, v);
      prepared = prepare(errorPage(p, kind, p.text(snap.meta?.name[v.lang] ?? "Atajurt")), HTML, kind === "error" ? "no-store" : CACHE.error);
      errors.set(key, prepared);
    }
    // Its Content-Language depends on Accept-Language when the path names no version.
    const response = send(c, prepared, status, { ...headers, "Content-Language": v.tag, Vary: "Accept-Language, Accept-Encoding" });
    // A 404 may become a page (an update published): kept for the state it was made from. A 500 never is.
    return status === 404 ? cache.mark(response, generation) : response;
  }

  /**
   * Sends what `make` makes for this address, remade only when the record changed or a minute
   * passed (a countdown moves): a burst of readers costs one render. Nothing made: 404.
   */
  async function cached(c: Context, v: Variant, make: (p: PageContext, s: SiteState, at: Now) => Made, headers: Record<string, string> = {}) {
    const s = await state.current();
    const at = now();
    const key = `${base(c)}${c.req.path}|${v.page}`;
    const version = generationOf(s);
    let hit = made.get(key);
    if (!hit || hit.version !== version) {
      const m = make(pageContext(c, v), s, at);
      if (!m) return error(c, "not_found", 404, {}, version);
      const prepared = prepare(m.body, m.type, m.cacheControl, headers.Vary);
      // Same bytes as before (the minute moved, the text did not): keep the compressed copies.
      hit = { version, prepared: hit && hit.prepared.etag === prepared.etag ? hit.prepared : prepared };
      made.set(key, hit);
    }
    return cache.mark(send(c, hit.prepared, 200, { "Content-Language": v.tag, ...headers }), version);
  }

  const page = (c: Context, make: (p: PageContext, s: SiteState, at: Now) => string | undefined) =>
    cached(c, langOf(c), (p, s, at) => {
      const body = make(p, s, at);
      return body === undefined ? undefined : { body, type: HTML, cacheControl: CACHE.page };
    });

  /** A share image: made once per card version; the address pages give carries that version. */
  async function image(c: Context, card: (p: PageContext, s: SiteState, at: Now) => ShareCard | undefined) {
    const s = await state.current();
    const made = card(pageContext(c, langOf(c)), s, now());
    if (!made) return error(c, "not_found", 404, {}, generationOf(s));
    const version = deps.images.version(made);
    const current = c.req.query("v") === version;
    const png = await deps.images.png(made);
    const prepared: Prepared = { type: "image/png", bytes: png, etag: `"${version}"`, cacheControl: current ? CACHE.image : CACHE.imageUnversioned, encoded: {} };
    // Other sites may show the preview image; the pages themselves stay same-origin.
    // Kept at its own versioned address only: other queries would only fill the cache.
    return cache.mark(send(c, prepared, 200, { "Cross-Origin-Resource-Policy": "cross-origin" }), generationOf(s), { query: current });
  }

  /** The share image's address with its version, as a page names it. */
  const imagePath = (path: string, card: ShareCard) => `${path}${path.endsWith("/") ? "" : "/"}share.png?v=${deps.images.version(card)}`;

  const updateOf = (c: Context, s: SiteState) => s.updates.find((u) => String(u.id) === c.req.param("id"));
  const hearingOf = (c: Context, s: SiteState) => s.hearings.find((h) => h.id === c.req.param("id"));
  /** To the version Accept-Language asks for: the answer depends on that header. */
  const negotiated = (c: Context, path: string) => cache.mark(redirect(c, path, 302, { Vary: "Accept-Language", "Cache-Control": "private, max-age=300" }), STATIC);

  app.use(methodNotAllowed({ app, onMethodNotAllowed: (c, methods) => error(c, "not_allowed", 405, { Allow: methods.join(", ") }) }));

  app.get("/", (c) => negotiated(c, `/${negotiate(c.req.header("accept-language")).page}/`));
  app.get("/u/:id{[0-9]+}", (c) => negotiated(c, `/${negotiate(c.req.header("accept-language")).page}/u/${c.req.param("id")}`));
  app.get("/h/:id", (c) => negotiated(c, sitePath(negotiate(c.req.header("accept-language")).page, { kind: "hearing", id: c.req.param("id") })));
  app.get(`/${PAGE_PARAM}`, (c) => cache.mark(redirect(c, `/${c.req.param("lang")}/`, 301, { "Cache-Control": CACHE.redirect }), STATIC));

  app.get(`/${PAGE_PARAM}/`, (c) => page(c, (p, s, at) => casePage(p, s, deps.i18n, at, imagePath(`/${p.v.page}/`, caseCard(p, s, at)))));
  app.get(`/${PAGE_PARAM}/u/:id{[0-9]+}`, (c) =>
    page(c, (p, s, at) => {
      const u = updateOf(c, s);
      return u && updatePage(p, s, deps.i18n, u, at, imagePath(sitePath(p.v.page, { kind: "update", id: u.id }), updateCard(p, s, u, at)));
    }),
  );
  app.get(`/${PAGE_PARAM}/h/:id`, (c) =>
    page(c, (p, s, at) => {
      const h = hearingOf(c, s);
      return h && hearingPage(p, s, h, at, imagePath(sitePath(p.v.page, { kind: "hearing", id: h.id }), hearingCard(p, s, h, at)));
    }),
  );

  app.get(`/${PAGE_PARAM}/share.png`, (c) => image(c, caseCard));
  app.get(`/${PAGE_PARAM}/u/:id{[0-9]+}/share.png`, (c) => image(c, (p, s, at) => ((u) => u && updateCard(p, s, u, at))(updateOf(c, s))));
  app.get(`/${PAGE_PARAM}/h/:id/share.png`, (c) => image(c, (p, s, at) => ((h) => h && hearingCard(p, s, h, at))(hearingOf(c, s))));

  app.get(`/${PAGE_PARAM}/feed.atom`, (c) =>
    cached(c, langOf(c), (p, s, at) => ({ body: atomFeed(p, s, deps.i18n, at), type: "application/atom+xml; charset=utf-8", cacheControl: CACHE.feed })),
  );
  const calendar = "text/calendar; charset=utf-8";
  app.get(`/${PAGE_PARAM}/calendar.ics`, (c) =>
    cached(c, langOf(c), (p, s) => ({ body: calendarFile(p, s, deps.i18n, s.hearings, deps.timeZone), type: calendar, cacheControl: CACHE.feed })),
  );
  // The address to subscribe to: the calendar in the language the phone asks for.
  app.get("/calendar.ics", (c) =>
    cached(
      c,
      negotiate(c.req.header("accept-language")),
      (p, s) => ({ body: calendarFile(p, s, deps.i18n, s.hearings, deps.timeZone), type: calendar, cacheControl: CACHE.feed }),
      { Vary: "Accept-Language" },
    ),
  );
  app.get(`/${PAGE_PARAM}/h/:id/calendar.ics`, (c) =>
    cached(c, langOf(c), (p, s) => {
      const h = hearingOf(c, s);
      return h && { body: calendarFile(p, s, deps.i18n, [h], deps.timeZone), type: calendar, cacheControl: CACHE.feed };
    }),
  );

  app.get("/assets/:file", (c) => {
    const asset = deps.assets.files.get(c.req.path);
    return asset ? cache.mark(send(c, asset), STATIC) : error(c, "not_found", 404);
  });
  const robots = prepare("User-agent: *\nAllow: /\n", "text/plain; charset=utf-8", CACHE.feed);
  app.get("/robots.txt", (c) => cache.mark(send(c, robots), STATIC));

  app.notFound((c) => error(c, "not_found", 404));
  app.onError((err, c) => {
    deps.logger.error({ err, path: c.req.path }, "web page failed");
    return error(c, "error", 500);
  });
  return Object.assign(app, { cache });
}

