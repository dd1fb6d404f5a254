/**
 * The Noto fonts the site bundles, read once at start: WOFF for the share images (satori reads
 * WOFF, not WOFF2), WOFF2 for browsers. Latin and Cyrillic with its extension (the Kazakh letters
 * ә ғ қ ң ө ұ ү һ і are there), and the Arabic script for tote jazu.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface FontFace {
  family: "Noto Sans" | "Noto Sans Arabic";
  weight: 400 | 700;
  /** The file's name without its extension, as the package ships it. */
  name: string;
  /** The characters the file covers, as its package's CSS says (CSS unicode-range syntax). */
  unicodeRange: string;
  woff: Buffer;
  woff2: Buffer;
}

const require = createRequire(import.meta.url);

const PACKAGES = [
  { family: "Noto Sans", dir: dirname(require.resolve("@fontsource/noto-sans/400.css")), prefix: "noto-sans", subsets: ["latin", "cyrillic", "cyrillic-ext"] },
  {
    family: "Noto Sans Arabic",
    dir: dirname(require.resolve("@fontsource/noto-sans-arabic/400.css")),
    prefix: "noto-sans-arabic",
    subsets: ["arabic"],
  },
] as const;

/** The unicode-range of each file a package's weight CSS names. */
function ranges(css: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const block of css.split("@font-face").slice(1)) {
    const file = /url\(\.\/files\/([^)]+)\.woff2\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file && range) out.set(file, range.trim());
  }
  return out;
}

export function loadFonts(): FontFace[] {
  const faces: FontFace[] = [];
  for (const p of PACKAGES) {
    for (const weight of [400, 700] as const) {
      const known = ranges(readFileSync(join(p.dir, `${weight}.css`), "utf8"));
      for (const subset of p.subsets) {
        const name = `${p.prefix}-${subset}-${weight}-normal`;
        const unicodeRange = known.get(name);
        if (!unicodeRange) throw new Error(`font ${name} is not in ${p.dir}/${weight}.css`);
        const file = (ext: string) => readFileSync(join(p.dir, "files", `${name}.${ext}`));
        faces.push({ family: p.family, weight, name, unicodeRange, woff: file("woff"), woff2: file("woff2") });
      }
    }
  }
  return faces;
}
