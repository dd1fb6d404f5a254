/**
 * The part of TOML fly.toml uses: tables, arrays of tables, and keys with a string, number,
 * boolean or array value. Anything else is an error, so the test never reads a file it misparses.
 */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable | TomlTable[];
export interface TomlTable {
  [key: string]: TomlValue;
}

function parseValue(raw: string, line: number): TomlValue {
  const v = raw.trim();
  if (/^"(?:[^"\\]|\\.)*"$/.test(v)) return JSON.parse(v) as string;
  if (/^'[^']*'$/.test(v)) return v.slice(1, -1);
  if (v === "true" || v === "false") return v === "true";
  if (/^[+-]?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (v.startsWith("[") && v.endsWith("]")) {
    const inner = v.slice(1, -1).trim();
    return inner ? inner.split(",").filter((x) => x.trim()).map((x) => parseValue(x, line)) : [];
  }
  throw new Error(`line ${line}: value not understood: ${v}`);
}

function stripComment(s: string): string {
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"' && s[i - 1] !== "\\") inString = !inString;
    if (s[i] === "#" && !inString) return s.slice(0, i);
  }
  return s;
}

export function parseToml(text: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  const walk = (path: string[]): TomlTable => {
    let t = root;
    for (const key of path) {
      let next = t[key];
      if (Array.isArray(next)) next = next.at(-1) as TomlTable;
      if (next === undefined) next = t[key] = {};
      t = next as TomlTable;
    }
    return t;
  };
  text.split("\n").forEach((rawLine, i) => {
    const line = stripComment(rawLine).trim();
    if (!line) return;
    let m: RegExpExecArray | null;
    if ((m = /^\[\[([\w.-]+)\]\]$/.exec(line))) {
      const path = m[1]!.split(".");
      const parent = walk(path.slice(0, -1));
      const key = path.at(-1)!;
      const list = (parent[key] ??= []) as TomlTable[];
      if (!Array.isArray(list)) throw new Error(`line ${i + 1}: ${key} is not an array of tables`);
      current = {};
      list.push(current);
    } else if ((m = /^\[([\w.-]+)\]$/.exec(line))) {
      current = walk(m[1]!.split("."));
    } else if ((m = /^([\w-]+)\s*=\s*(.+)$/.exec(line))) {
      if (m[1]! in current) throw new Error(`line ${i + 1}: ${m[1]} set twice`);
      current[m[1]!] = parseValue(m[2]!, i + 1);
    } else throw new Error(`line ${i + 1}: not understood: ${line}`);
  });
  return root;
}
