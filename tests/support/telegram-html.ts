/**
 * Telegram's HTML parse mode, strictly: only the tags and attributes the Bot API documents,
 * properly nested and closed, and `<`, `>`, `&` only as tags or entities (numeric, or one of the
 * four named ones). Returns the problems found, empty when Telegram would accept the text.
 */
const TAGS: Record<string, string[]> = {
  b: [],
  strong: [],
  i: [],
  em: [],
  u: [],
  ins: [],
  s: [],
  strike: [],
  del: [],
  "tg-spoiler": [],
  span: ["class"],
  a: ["href"],
  "tg-emoji": ["emoji-id"],
  code: ["class"],
  pre: [],
  blockquote: ["expandable"],
};

export function telegramHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let visible = 0;
  for (let i = 0; i < html.length; ) {
    const ch = html[i]!;
    if (ch === "<") {
      const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>/.exec(html.slice(i));
      if (!m) {
        problems.push(`bare "<" at ${i}`);
        i++;
        continue;
      }
      const [whole, closing, rawName, attrs] = m;
      const name = rawName!.toLowerCase();
      if (!(name in TAGS)) problems.push(`tag <${name}> is not supported`);
      else if (closing) {
        if (open.at(-1) !== name) problems.push(`</${name}> closes ${open.at(-1) ? `<${open.at(-1)}>` : "nothing"}`);
        else open.pop();
      } else {
        for (const a of attrs!.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
          if (!TAGS[name]!.includes(a[1]!)) problems.push(`attribute ${a[1]} not allowed on <${name}>`);
          if (a[2] !== undefined) problems.push(...entityProblems(a[2], `<${name} ${a[1]}>`));
        }
        if (name === "span" && !/class="tg-spoiler"/.test(attrs!)) problems.push("<span> without class=\"tg-spoiler\"");
        open.push(name);
      }
      i += whole!.length;
      continue;
    }
    if (ch === ">") problems.push(`bare ">" at ${i}`);
    if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(i));
      if (!m) problems.push(`bare or unknown entity "&" at ${i}: ${JSON.stringify(html.slice(i, i + 10))}`);
      else {
        visible++;
        i += m[0].length;
        continue;
      }
    }
    // Telegram counts UTF-16 code units, as JavaScript strings do.
    visible++;
    i++;
  }
  for (const t of open) problems.push(`<${t}> is never closed`);
  if (visible > 4096) problems.push(`text is ${visible} characters after parsing; Telegram's limit is 4096`);
  if (html.replace(/<[^>]*>/g, "").trim() === "") problems.push("text is empty after parsing");
  return problems;
}

function entityProblems(s: string, where: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/&/g)) {
    if (!/^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.test(s.slice(m.index))) out.push(`bare "&" in ${where}`);
  }
  return out;
}

/** Every text the bot sent: HTML ones must pass; plain ones must not look like HTML. */
export function outgoingTextProblems(calls: Array<{ method: string; payload: Record<string, unknown> }>): string[] {
  const problems: string[] = [];
  for (const c of calls) {
    const text = c.payload.text ?? c.payload.caption;
    if (typeof text !== "string" || c.method === "answerCallbackQuery") continue;
    if (c.payload.parse_mode === "HTML") {
      for (const p of telegramHtmlProblems(text)) problems.push(`${c.method}: ${p} in ${JSON.stringify(text.slice(0, 120))}`);
    } else problems.push(`${c.method} without parse_mode HTML: ${JSON.stringify(text.slice(0, 120))}`);
  }
  return problems;
}
