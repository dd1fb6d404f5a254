/**
 * What pages load besides themselves, all from this server: the style sheet, the fonts and the
 * icon. Each is named by its content's hash, so it can be cached for a year.
 */
import { readFileSync } from "node:fs";
import type { FontFace } from "./fonts.js";
import { CACHE, hashOf, prepare, type Prepared } from "./respond.js";

export interface Assets {
  /** Paths pages link to. */
  css: string;
  icon: string;
  /** Every asset by its path. */
  files: Map<string, Prepared>;
}

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b4f8a"/><path d="M32 12 14 20v4h36v-4zM18 27h6v17h-6zm11 0h6v17h-6zm11 0h6v17h-6zM14 47h36v5H14z" fill="#fff"/></svg>`;

export function buildAssets(fonts: readonly FontFace[]): Assets {
  const files = new Map<string, Prepared>();
  const add = (name: string, ext: string, body: string | Buffer, type: string) => {
    const path = `/assets/${name}.${hashOf(body, 10)}.${ext}`;
    files.set(path, prepare(body, type, CACHE.immutable));
    return path;
  };
  const faces = fonts.map((f) => {
    const url = add(f.name, "woff2", f.woff2, "font/woff2");
    return `@font-face{font-family:"${f.family}";font-style:normal;font-weight:${f.weight};font-display:swap;src:url(${url}) format("woff2");unicode-range:${f.unicodeRange}}`;
  });
  const css = `${faces.join("\n")}\n${readFileSync(new URL("./site.css", import.meta.url), "utf8")}`;
  return { css: add("site", "css", css, "text/css; charset=utf-8"), icon: add("icon", "svg", ICON, "image/svg+xml"), files };
}
