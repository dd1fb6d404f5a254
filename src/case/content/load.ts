import { readFileSync } from "node:fs";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { counted } from "../../shared/text.js";
import { caseFileSchema, type CaseFile } from "./schema.js";

export class ContentError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: string[],
  ) {
    super(`${file}: the content file has ${counted(problems.length, "problem")}; nothing was changed:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ContentError";
  }
}

type Path = ReadonlyArray<PropertyKey>;

/** "topics[3] (penalty) › answer.kk" — the entry by its id, then the field. */
function describe(path: Path, data: unknown): string {
  const parts: string[] = [];
  let cur: unknown = data;
  let field: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const next = cur && typeof cur === "object" ? (cur as Record<PropertyKey, unknown>)[key as string] : undefined;
    if (typeof key === "number" && parts.length === 0 && field.length === 1) {
      const id = next && typeof next === "object" ? (next as { id?: unknown }).id : undefined;
      parts.push(`${field[0]}[${key}]${typeof id === "string" ? ` (${id})` : ""}`);
      field = [];
    } else if (typeof key === "number") {
      field.push(`[${key}]`);
    } else {
      field.push(String(key));
    }
    cur = next;
  }
  const f = field.join(".").replace(/\.\[/g, "[");
  return parts.length ? (f ? `${parts[0]} › ${f}` : parts[0]!) : f || "(file)";
}

function lineOf(doc: ReturnType<typeof parseDocument>, lines: LineCounter, path: Path): number | undefined {
  // Walk down as far as the path exists: a missing field is reported at its entry.
  let node: unknown = doc.contents;
  let found: Node | undefined = node as Node;
  for (const key of path) {
    if (isMap(node)) node = node.get(key as string, true);
    else if (isSeq(node)) node = node.get(key as number, true);
    else break;
    if (!node) break;
    found = node as Node;
  }
  const start = found?.range?.[0];
  return start === undefined ? undefined : lines.linePos(start).line;
}

/** Cross-references the schema cannot see: ids unique, sources and related topics exist. */
function crossCheck(data: CaseFile): Array<{ path: Path; message: string }> {
  const out: Array<{ path: Path; message: string }> = [];
  const sourceIds = new Set(data.sources.map((s) => s.id));
  const topicIds = new Set(data.topics.map((t) => t.id));
  for (const list of ["sources", "events", "hearings", "topics"] as const) {
    const seen = new Set<string>();
    data[list].forEach((e, i) => {
      if (seen.has(e.id)) out.push({ path: [list, i, "id"], message: `duplicate id "${e.id}"` });
      seen.add(e.id);
    });
  }
  const checkSources = (path: Path, ids: string[]) =>
    ids.forEach((s, j) => {
      if (!sourceIds.has(s)) out.push({ path: [...path, "sources", j], message: `unknown source "${s}"` });
    });
  checkSources(["case"], data.case.sources);
  for (const list of ["events", "hearings", "topics"] as const) data[list].forEach((e, i) => checkSources([list, i], e.sources));
  data.topics.forEach((t, i) =>
    t.related.forEach((r, j) => {
      if (!topicIds.has(r)) out.push({ path: ["topics", i, "related", j], message: `unknown topic "${r}"` });
    }),
  );
  out.push(...checkEventOrder(data.events));
  return out;
}

/**
 * The file's order is the timeline's: an event dated `after` another comes later in the file, and
 * dated events do not go back in time (a month sorts with every day in it).
 */
function checkEventOrder(events: CaseFile["events"]): Array<{ path: Path; message: string }> {
  const out: Array<{ path: Path; message: string }> = [];
  const index = new Map(events.map((e, i) => [e.id, i]));
  let latest: { date: string; id: string } | undefined;
  events.forEach((e, i) => {
    if (e.precision === "after" && e.after !== undefined) {
      const j = index.get(e.after);
      if (j === undefined) out.push({ path: ["events", i, "after"], message: `unknown event "${e.after}"` });
      else if (j >= i) out.push({ path: ["events", i, "after"], message: `"${e.after}" must come before this event in the file: the timeline lists events in the order they happened` });
    }
    if (e.date === undefined || (e.precision !== "day" && e.precision !== "month")) return;
    if (latest) {
      const width = Math.min(e.date.length, latest.date.length);
      if (e.date.slice(0, width) < latest.date.slice(0, width))
        out.push({ path: ["events", i, "date"], message: `${e.date} is before ${latest.date} (${latest.id}), listed above it: list events in the order they happened` });
    }
    latest = { date: e.date, id: e.id };
  });
  return out;
}

/** Parses and validates a content file's text; every problem names its entry, field and line. */
export function parseCaseFile(textContent: string, file = "content"): CaseFile {
  const lines = new LineCounter();
  const doc = parseDocument(textContent, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length) {
    throw new ContentError(
      file,
      doc.errors.map((e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split("\n")[0]}`),
    );
  }
  const raw: unknown = doc.toJS();
  const parsed = caseFileSchema.safeParse(raw);
  const issues = parsed.success ? crossCheck(parsed.data) : parsed.error.issues;
  if (issues.length) {
    throw new ContentError(
      file,
      issues.map((i) => {
        const line = lineOf(doc, lines, i.path);
        const message = i.message === "Invalid input: expected string, received undefined" ? "is missing" : i.message;
        return `${describe(i.path, raw)}: ${message}${line ? ` (line ${line})` : ""}`;
      }),
    );
  }
  return (parsed as { data: CaseFile }).data;
}

export function loadCaseFile(path: string): CaseFile {
  return parseCaseFile(readFileSync(path, "utf8"), path);
}

export const DEFAULT_CASE_FILE = new URL("../../../content/case.yaml", import.meta.url);
