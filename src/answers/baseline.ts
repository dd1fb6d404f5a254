/**
 * A standard retriever to measure the matcher against: MiniSearch's BM25 over the same sample
 * questions, with prefix and fuzzy search, the best hit's topic as the answer. It answers one
 * topic per message and has no memory; a message whose best hit scores under `reject` is
 * answered "none". Only the evaluation uses it (evaluate-dialogues.ts).
 */
import MiniSearch from "minisearch";
import type { TopicQuestions } from "./matcher.js";

/** BM25 score under which the baseline answers nothing: the best round figure on the tuning split. */
export const BASELINE_REJECT = 6;

export interface Baseline {
  top(text: string): string | undefined;
}

export function createBaseline(topics: readonly TopicQuestions[], reject = BASELINE_REJECT): Baseline {
  const ms = new MiniSearch<{ id: number; topic: string; text: string }>({ fields: ["text"], storeFields: ["topic"] });
  let id = 0;
  for (const t of topics) for (const qs of Object.values(t.questions)) for (const text of qs ?? []) ms.add({ id: id++, topic: t.id, text });
  return {
    top(text) {
      const [hit] = ms.search(text, { prefix: true, fuzzy: 0.2 });
      return hit && hit.score >= reject ? (hit.topic as string) : undefined;
    },
  };
}
