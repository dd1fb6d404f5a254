/**
 * Share images (1200×630 PNG): what WhatsApp, Facebook and Telegram show under a pasted link.
 * Satori lays the card out with the bundled Noto fonts (it shapes and orders the Arabic script
 * itself) and writes an SVG whose text is outlines; resvg turns it into a PNG off the event loop.
 * Each image is made once per card version, one render shared by every request waiting for it.
 */
import { renderAsync } from "@resvg/resvg-js";
import satori from "satori";
import type { FontFace } from "./fonts.js";
import { hashOf, Lru } from "./respond.js";

export interface ShareCard {
  /** The small line on top: the case's name. */
  kicker: string;
  title: string;
  body: string;
  /** Where to follow: the bot and the site. */
  footer: string;
  dir: "ltr" | "rtl";
}

export interface ShareImages {
  /** Changes with anything drawn: the image's ETag, and the `v` in the address pages give it. */
  version(card: ShareCard): string;
  png(card: ShareCard): Promise<Buffer>;
  /** Renders a card in every script once, not kept: satori parses the fonts on first use (a few hundred ms). */
  warm(): Promise<void>;
}

export const IMAGE_WIDTH = 1200;
export const IMAGE_HEIGHT = 630;

/** Pictographs have no outline in the bundled fonts: left out rather than drawn as boxes. */
const drawable = (s: string) => s.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, "").replace(/\s+/g, " ").trim();

const clipTo = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

type Node = { type: string; props: { style: Record<string, unknown>; children?: Node[] | string } };
const div = (style: Record<string, unknown>, children?: Node[] | string): Node => ({ type: "div", props: { style, children } });

/** Padding as margins of a box of its own: satori sizes boxes without their padding. */
const PAD_X = 72;
const PAD_Y = 60;

function tree(card: ShareCard, families: string): Node {
  const rtl = card.dir === "rtl";
  const align = rtl ? "flex-end" : "flex-start";
  const text = { textAlign: rtl ? "right" : "left", direction: card.dir, display: "block", width: IMAGE_WIDTH - 2 * PAD_X };
  return div({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT, display: "flex", background: "#0b2d4f", color: "#ffffff", fontFamily: families }, [
    div(
      {
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        alignItems: align,
        width: IMAGE_WIDTH - 2 * PAD_X,
        height: IMAGE_HEIGHT - 2 * PAD_Y,
        margin: `${PAD_Y}px ${PAD_X}px`,
      },
      [
        div({ display: "flex", flexDirection: "column", alignItems: align }, [
          div({ ...text, fontSize: 30, color: "#b9d3ee", lineClamp: 1 }, drawable(card.kicker)),
          div({ ...text, fontSize: 58, fontWeight: 700, lineHeight: 1.2, marginTop: 22, lineClamp: 2 }, clipTo(drawable(card.title), 110)),
          div({ ...text, fontSize: 34, lineHeight: 1.45, marginTop: 28, color: "#e6eef7", lineClamp: 4 }, clipTo(drawable(card.body), 300)),
        ]),
        div({ ...text, fontSize: 28, color: "#b9d3ee", borderTop: "2px solid #2d5580", paddingTop: 18, lineClamp: 1 }, drawable(card.footer)),
      ],
    ),
  ]);
}

export function createShareImages(fonts: readonly FontFace[], opts: { max?: number } = {}): ShareImages {
  // One satori font per file: fonts of one name are not fallbacks for each other, different names are.
  const faces = fonts.map((f) => ({ name: f.name.replace(/-\d+-normal$/, ""), data: f.woff, weight: f.weight, style: "normal" as const }));
  const names = [...new Set(faces.map((f) => f.name))];
  const families = { ltr: names.join(", "), rtl: [...names.filter((n) => n.includes("arabic")), ...names.filter((n) => !n.includes("arabic"))].join(", ") };
  const cache = new Lru<Promise<Buffer>>(opts.max ?? 256);
  const version = (card: ShareCard) => hashOf(JSON.stringify(card), 12);
  const render = async (card: ShareCard) => {
    const svg = await satori(tree(card, families[card.dir]) as unknown as Parameters<typeof satori>[0], { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, fonts: faces });
    const image = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
    return image.asPng();
  };
  return {
    version,
    async warm() {
      await render({ kicker: "Aa Әә Жж", title: "Aa Әә", body: "ءىس ۇ", footer: "t.me", dir: "ltr" });
      await render({ kicker: "ءىس", title: "ۇيىم Aa", body: "قاڭتار", footer: "t.me", dir: "rtl" });
    },
    png(card) {
      const key = version(card);
      const hit = cache.get(key);
      if (hit) return hit;
      const made = render(card);
      cache.set(key, made);
      // A failed render is not kept: the next request tries again.
      made.catch(() => cache.delete(key));
      return made;
    },
  };
}
