/**
 * Finished responses, kept as the exact status, headers and bytes the app answered with, so the
 * HTTP server (src/server/site.ts) can send a page again without building a Request, routing or
 * rendering: the fast path that keeps a cached page's CPU cost to the socket's own (docs/web.md).
 *
 * A response is kept only if the app marked it with the generation it is valid for: the site
 * state's version and the minute (a countdown moves), or STATIC for what never changes while the
 * process runs. An entry whose generation is not the current one is never sent, so a published,
 * edited or retracted update, a moved hearing or a content change is seen exactly when the
 * app itself would see it. The key is everything a response varies on: the origin (pages name it
 * when PUBLIC_URL is unset), the request target, the version Accept-Language negotiates (only for
 * addresses that name no version) and the encoding Accept-Encoding picks.
 */
import { negotiate, variantOf } from "./lang.js";
import { bestEncoding } from "./respond.js";

/** The generation of a response that stays valid as long as the process runs (assets, redirects). */
export const STATIC = "static";

export interface Finished {
  status: number;
  /** As the server wrote them for the app's response. */
  headers: Record<string, string>;
  /** A 304's: the same without the body's type, length and encoding. Only for a 200 with an ETag. */
  notModified?: Record<string, string>;
  etag?: string;
  body: Buffer | undefined;
  generation: string;
}

interface Mark {
  generation: string;
  /** Whether a request target with a query may be kept (a share image at its current version). */
  query: boolean;
}

const KEPT_STATUS = new Set([200, 301, 302, 404]);
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding"]);
/** Longer request targets are never kept: no address of the site is that long. */
const MAX_TARGET = 256;

/** Memoizes a header's parse per distinct value: browsers send a handful of them. */
function memo(parse: (header: string) => string, max = 128): (header: string | undefined) => string {
  const seen = new Map<string, string>();
  return (header = "") => {
    let v = seen.get(header);
    if (v === undefined) {
      v = parse(header);
      // Past `max` distinct values (someone varying them on purpose) they are parsed each time.
      if (seen.size < max) seen.set(header, v);
    }
    return v;
  };
}

export class ResponseCache {
  private readonly marks = new WeakMap<Response, Mark>();
  private readonly entries = new Map<string, Finished>();
  private bytes = 0;
  private readonly language = memo((h) => negotiate(h).page);
  private readonly encoding = memo((h) => bestEncoding(h) ?? "identity");

  /**
   * @param current the generation responses are valid for now, or undefined when the app must
   * look again (its state is due for a read, or the content changed): then nothing is sent from here.
   */
  constructor(
    private readonly current: () => string | undefined,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  /** The generation responses made now are valid for (undefined: none, do not keep them). */
  generation(): string | undefined {
    return this.current();
  }

  /** Lets the server keep `response` while `generation` is current. */
  mark(response: Response, generation: string | undefined, opts: { query?: boolean } = {}): Response {
    if (generation !== undefined) this.marks.set(response, { generation, query: opts.query ?? false });
    return response;
  }

  /** The key of a GET or HEAD request, or undefined if none of its answers may be kept. */
  key(origin: string, target: string, acceptLanguage: string | undefined, acceptEncoding: string | undefined): string | undefined {
    if (target.length > MAX_TARGET || target[0] !== "/") return undefined;
    // The first path segment: a version (/kk-arab/…) means Accept-Language plays no part.
    let end = 1;
    while (end < target.length && target[end] !== "/" && target[end] !== "?") end++;
    const lang = variantOf(target.slice(1, end)) ? "" : this.language(acceptLanguage);
    return `${origin} ${target} ${lang} ${this.encoding(acceptEncoding)}`;
  }

  /** The finished response for `key`, if it is still current. */
  get(key: string): Finished | undefined {
    const hit = this.entries.get(key);
    if (!hit || (hit.generation !== STATIC && hit.generation !== this.current())) return undefined;
    // Used last: forgotten last.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Keeps what the server wrote for a GET, if the app marked the response and the target allows it. */
  put(key: string, target: string, response: Response, headers: Record<string, string>, body: Buffer | undefined): void {
    const mark = this.marks.get(response);
    if (!mark || !KEPT_STATUS.has(response.status) || (!mark.query && target.includes("?"))) return;
    const etag = headers.etag;
    const notModified =
      response.status === 200 && etag ? Object.fromEntries(Object.entries(headers).filter(([name]) => !BODY_HEADERS.has(name))) : undefined;
    this.remove(key);
    this.entries.set(key, { status: response.status, headers, notModified, etag, body, generation: mark.generation });
    this.bytes += body?.length ?? 0;
    for (const [old, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(old);
      this.bytes -= entry.body?.length ?? 0;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.body?.length ?? 0;
  }
}
