import { kkCyrlToArab, kkCyrlToLatn } from "../answers/transliterate.js";

export type KazakhScript = "latn" | "arab";
const TRANSLIT: Record<KazakhScript, (s: string) => string> = { latn: kkCyrlToLatn, arab: kkCyrlToArab };

/** Transliterates the text of an HTML message, leaving tags and entities as they are. */
export function transliterateHtml(html: string, script: KazakhScript): string {
  return html
    .split(/(<[^>]*>|&[a-z]+;)/)
    .map((part, i) => (i % 2 === 1 ? part : TRANSLIT[script](part)))
    .join("");
}
