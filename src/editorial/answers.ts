import { audit } from "../db/audit.js";
import { createContentRepo } from "../db/content.js";
import type { Lang, QuestionKey } from "../shared/lang.js";
import type { EditorialDeps } from "./deps.js";

export type EditResult = { status: "saved"; revision: number } | { status: "missing" } | { status: "changed" } | { status: "duplicate"; topicId: string };

/**
 * Replaces one language of a topic's answer. `expected` is the text the editor saw: if someone
 * else changed it meanwhile, nothing is written and the editor is told.
 */
export async function saveTopicAnswer(
  deps: EditorialDeps,
  edit: { topicId: string; lang: Lang; expected: string; text: string; actorId: number },
): Promise<EditResult> {
  const at = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const content = createContentRepo(tx);
    const row = await content.lockTopic(edit.topicId);
    if (!row) return { status: "missing" } as const;
    if (row.answer[edit.lang] !== edit.expected) return { status: "changed" } as const;
    await content.updateTopic(edit.topicId, { answer: { ...row.answer, [edit.lang]: edit.text } });
    const revision = await content.bumpRevision(at);
    await audit(tx, {
      actorId: edit.actorId,
      action: "topic.answer",
      subject: `${edit.topicId}/${edit.lang}`,
      before: { text: edit.expected },
      after: { text: edit.text },
      at,
    });
    return { status: "saved", revision } as const;
  });
}

/** Case, spaces and punctuation aside, two questions that read the same are the same question. */
export function sameQuestion(a: string, b: string): boolean {
  const fold = (s: string) => s.toLowerCase().replace(/[\s\p{P}]+/gu, " ").trim();
  return fold(a) === fold(b);
}

/**
 * Adds a sample question to a topic under one language/script key. A question already listed
 * anywhere is refused: the same words under two topics would make the matcher guess.
 */
export async function addTopicQuestion(
  deps: EditorialDeps,
  edit: { topicId: string; key: QuestionKey; text: string; actorId: number },
): Promise<EditResult> {
  const at = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const content = createContentRepo(tx);
    const row = await content.lockTopic(edit.topicId);
    if (!row) return { status: "missing" } as const;
    for (const t of await content.topicQuestions()) {
      if (Object.values(t.questions).flat().some((q) => sameQuestion(q, edit.text))) return { status: "duplicate", topicId: t.id } as const;
    }
    const before = row.questions[edit.key] ?? [];
    await content.updateTopic(edit.topicId, { questions: { ...row.questions, [edit.key]: [...before, edit.text] } });
    const revision = await content.bumpRevision(at);
    await audit(tx, { actorId: edit.actorId, action: "topic.paraphrase", subject: `${edit.topicId}/${edit.key}`, after: { text: edit.text }, at });
    return { status: "saved", revision } as const;
  });
}
