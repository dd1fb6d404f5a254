/**
 * Responses made once and sent many times: the bytes, a strong ETag from their hash, the
 * caching header, and compressed copies (brotli, gzip) made the first time a client asks for
 * one. A conditional request that still matches gets 304 and no body.
 */
import { createHash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Context } from "hono";

export interface Prepared {
  type: string;
  bytes: Buffer;
  etag: string;
  cacheControl: string;
  vary?: string;
  /** Compressed copies, made on first request. */
  encoded: Partial<Record<Encoding, Buffer>>;
}

type Encoding = "br" | "gzip";

const COMPRESSIBLE = /^(text\/|application\/(atom\+xml|xml|json)|image\/svg\+xml)/;
/** Below this, compression costs more than it saves. */
const MIN_COMPRESS = 512;

export const CACHE = {
  /** Pages and feeds change when a hearing moves or an update is published: a minute, then ask again. */
  page: "public, max-age=60",
  feed: "public, max-age=300",
  /** Names carry the content's hash. */
  immutable: "public, max-age=31536000, immutable",
  image: "public, max-age=86400",
  /** An image asked for under an old or no version: the current one, briefly. */
  imageUnversioned: "public, max-age=300",
  /** A 404 or 405: worth a minute, like the page it is not. */
  error: "public, max-age=60",
  /** /en to /en/: for good, but a day is enough to be sure of it. */
  redirect: "public, max-age=86400",
} as const;

/**
 * On every response: a CSP that allows this server's style sheets, fonts and images and nothing
 * else (no script at all, inline or not), no sniffing, no referrer, no framing. Written into each
 * response's own header list rather than by a middleware, so Node sends them without building a
 * Headers object per request.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
};

export const hashOf = (data: string | Buffer, length = 16) => createHash("sha256").update(data).digest("base64url").slice(0, length);

export function prepare(body: string | Buffer, type: string, cacheControl: string, vary?: string): Prepared {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  return { type, bytes, etag: `"${hashOf(bytes, 22)}"`, cacheControl, vary, encoded: {} };
}

/** The encodings the client accepts, best first: brotli, then gzip. `q=0` refuses. */
function accepted(header: string | undefined): Encoding[] {
  const ok = new Set<string>();
  for (const part of (header ?? "").toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (!q || Number(q.slice(2)) > 0) ok.add(name.trim());
  }
  return (["br", "gzip"] as const).filter((e) => ok.has(e) || ok.has("*"));
}

/** The encoding a response to this Accept-Encoding is sent in, if any. */
export const bestEncoding = (header: string | undefined): Encoding | undefined => accepted(header)[0];

function encode(p: Prepared, e: Encoding): Buffer {
  const hit = p.encoded[e];
  if (hit) return hit;
  const out =
    e === "br"
      ? brotliCompressSync(p.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: p.bytes.length } })
      : gzipSync(p.bytes, { level: 6 });
  p.encoded[e] = out;
  return out;
}

/** Whether If-None-Match names this ETag (weakly compared, as RFC 9110 asks for GET). */
export const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag || t.trim() === "*");

/** Sends a prepared response, compressed when the client takes it, or 304 when its copy is current. */
export function send(c: Context, p: Prepared, status: 200 | 404 | 405 | 500 | 503 = 200, headers: Record<string, string> = {}): Response {
  const compressible = COMPRESSIBLE.test(p.type) && p.bytes.length >= MIN_COMPRESS;
  const vary = [p.vary, compressible ? "Accept-Encoding" : undefined].filter(Boolean).join(", ");
  const common: Record<string, string> = { ...SECURITY_HEADERS, ETag: p.etag, "Cache-Control": p.cacheControl, ...(vary ? { Vary: vary } : {}), ...headers };
  if (status === 200 && matches(c.req.header("if-none-match"), p.etag)) return c.body(null, 304, common);
  const encoding = compressible ? bestEncoding(c.req.header("accept-encoding")) : undefined;
  const bytes = encoding ? encode(p, encoding) : p.bytes;
  return c.body(new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength), status, {
    ...common,
    "Content-Type": p.type,
    "Content-Length": String(bytes.length),
    ...(encoding ? { "Content-Encoding": encoding } : {}),
  });
}

/** A redirect, with the same security headers as every other response. */
export function redirect(c: Context, location: string, status: 301 | 302, headers: Record<string, string> = {}): Response {
  return c.body(null, status, { ...SECURITY_HEADERS, Location: location, ...headers });
}

/** A small map that forgets the entry used longest ago once it holds `max`. */
export class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
  get size(): number {
    return this.map.size;
  }
}
