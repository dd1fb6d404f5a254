/**
 * One unknown subject asked twice in one message ("а прокурор кто, как зовут?", "прокурор кім,
 * аты-жөні қандай?"): a piece read as another unknown ("the 19 names") that, read with the subject
 * of the piece before it, reads first as that piece's topic asks the same thing again, so it is answered once.
 * See docs/answers.md, "Several questions".
 */
import type { TopicKind } from "../db/schema.js";
import type { Lang } from "../shared/lang.js";
import type { MatchResult } from "./decide.js";

interface Hit {
  p: { text: string };
  topic: string;
}

export function createAskedTwice(topics: readonly { id: string; kind?: TopicKind }[], subjectOf: (text: string) => string, match: (text: string, lang: Lang) => MatchResult) {
  const unknown = new Set(topics.filter((t) => t.kind === "unknown").map((t) => t.id));
  return <H extends Hit>(hits: readonly H[], lang: Lang): H[] => {
    const kept: H[] = [];
    for (const h of hits) {
      const before = kept[kept.length - 1];
      const subject = before && unknown.has(h.topic) && unknown.has(before.topic) ? subjectOf(before.p.text) : "";
      const again = subject !== "" ? match(`${h.p.text} ${subject}`, lang) : undefined;
      if (again === undefined || again.kind === "none" || again.topic !== before?.topic) kept.push(h);
    }
    return kept;
  };
}
