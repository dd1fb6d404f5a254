/**
 * HTML for pages: a template tag that escapes every value it is not told is markup, and the
 * bridge from the renderers' Telegram HTML (b, i, code, a, newlines) to page HTML. The bridge
 * keeps only those tags and only http(s) links; anything else arrives as text.
 */
import { escapeHtml } from "../shared/html.js";

/** Markup that is already safe: made by `html` or by `fromTelegram`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | null | undefined | false | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return "";
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  return escapeHtml(String(v));
}

/** html`<p>${text}</p>`: strings and numbers are escaped, Html is kept, arrays are joined, null and false vanish. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

const ENTITY: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"' };
/** Text as the renderers wrote it (their four entities), written again with every character that needs it escaped. */
const reescape = (s: string) => escapeHtml(s.replace(/&(amp|lt|gt|quot);/g, (m) => ENTITY[m]!));

const TOKEN = /<(\/?)(b|i|code|a)(?:\s+href="([^"]*)")?\s*>|\n{2,}|\n|<|[^<\n]+/g;
/** http(s), mail, and the site's own paths (one slash: "//host" would leave it). */
const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/))/i;

/**
 * A renderer's Telegram HTML as page HTML: paragraphs where the message has a blank line, <br>
 * for a line break, b/i/code kept, links kept when they are http(s) (opening in the same tab,
 * sending no referrer) and the site's own paths. An open tag is closed at a paragraph's end and opened again in the next.
 */
export function fromTelegram(tg: string): Html {
  const paragraphs: string[] = [];
  let cur = "";
  /** Open elements: what is written (`name`) and the Telegram tag it came from (`src`). */
  const open: Array<{ name: string; tag: string; src: string }> = [];
  const endParagraph = () => {
    const closing = [...open].reverse().map((o) => `</${o.name}>`).join("");
    if (cur.trim()) paragraphs.push(`<p>${cur}${closing}</p>`);
    cur = open.map((o) => o.tag).join("");
  };
  for (const m of tg.matchAll(TOKEN)) {
    const [tok, slash, name, href] = m;
    if (name) {
      if (slash) {
        const at = open.map((o) => o.src).lastIndexOf(name);
        if (at < 0) continue;
        // Close what was opened inside it too: the output stays well nested.
        for (const o of open.splice(at).reverse()) cur += `</${o.name}>`;
        continue;
      }
      if (name === "a") {
        const target = href === undefined ? "" : href.replace(/&(amp|lt|gt|quot);/g, (e) => ENTITY[e]!);
        // A link that is not http(s) keeps its label as text; an empty <a> still needs its closing.
        const tag = SAFE_HREF.test(target) ? `<a href="${escapeHtml(target)}" rel="noreferrer">` : "<span>";
        open.push({ name: tag === "<span>" ? "span" : "a", tag, src: "a" });
        cur += tag;
        continue;
      }
      open.push({ name, tag: `<${name}>`, src: name });
      cur += `<${name}>`;
    } else if (tok.startsWith("\n\n")) endParagraph();
    else if (tok === "\n") cur += "<br>";
    else cur += reescape(tok);
  }
  for (const o of open.splice(0).reverse()) cur += `</${o.name}>`;
  if (cur.trim()) paragraphs.push(`<p>${cur}</p>`);
  return new Html(paragraphs.join("\n"));
}

/** The same, inline: no paragraphs, line breaks as <br>. For a line inside a heading or list item. */
export function inlineTelegram(tg: string): Html {
  return new Html(fromTelegram(tg.replace(/\n{2,}/g, "\n")).value.replace(/^<p>|<\/p>$/g, ""));
}
