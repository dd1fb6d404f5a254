import { eq, sql } from "drizzle-orm";
import { CASE_ID, type Tx } from "../../content/import.js";
import type { Lang, QuestionKey } from "../../content/schema.js";
import { audit } from "../../db/audit.js";
import type { Db } from "../../db/client.js";
import { caseMeta, topics } from "../../db/schema.js";

export type EditResult = { status: "saved"; revision: number } | { status: "missing" } | { status: "changed" } | { status: "duplicate"; topicId: string };

/** Every instance rebuilds its answer index when this moves: bump it with the change, in its transaction. */
export async function bumpRevision(tx: Tx, at: Date): Promise<number> {
  const [m] = await tx
    .update(caseMeta)
    .set({ revision: sql`${caseMeta.revision} + 1`, updatedAt: at })
    .where(eq(caseMeta.id, CASE_ID))
    .returning({ revision: caseMeta.revision });
  return m?.revision ?? 0;
}

/**
 * Replaces one language of a topic's answer. `expected` is the text the editor saw: if someone
 * else changed it meanwhile, nothing is written and the editor is told.
 */
export async function saveTopicAnswer(
  db: Db,
  edit: { topicId: string; lang: Lang; expected: string; text: string; actorId: number; at: Date },
): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(topics).where(eq(topics.id, edit.topicId)).for("update");
    if (!row) return { status: "missing" } as const;
    if (row.answer[edit.lang] !== edit.expected) return { status: "changed" } as const;
    await tx
      .update(topics)
      .set({ answer: { ...row.answer, [edit.lang]: edit.text } })
      .where(eq(topics.id, edit.topicId));
    const revision = await bumpRevision(tx, edit.at);
    await audit(tx, {
      actorId: edit.actorId,
      action: "topic.answer",
      subject: `${edit.topicId}/${edit.lang}`,
      before: { text: edit.expected },
      after: { text: edit.text },
      at: edit.at,
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
  db: Db,
  edit: { topicId: string; key: QuestionKey; text: string; actorId: number; at: Date },
): Promise<EditResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(topics).where(eq(topics.id, edit.topicId)).for("update");
    if (!row) return { status: "missing" } as const;
    const all = await tx.select({ id: topics.id, questions: topics.questions }).from(topics);
    for (const t of all) {
      const listed = Object.values(t.questions).flat();
      if (listed.some((q) => sameQuestion(q, edit.text))) return { status: "duplicate", topicId: t.id } as const;
    }
    const before = row.questions[edit.key] ?? [];
    await tx
      .update(topics)
      .set({ questions: { ...row.questions, [edit.key]: [...before, edit.text] } })
      .where(eq(topics.id, edit.topicId));
    const revision = await bumpRevision(tx, edit.at);
    await audit(tx, {
      actorId: edit.actorId,
      action: "topic.paraphrase",
      subject: `${edit.topicId}/${edit.key}`,
      after: { text: edit.text },
      at: edit.at,
    });
    return { status: "saved", revision } as const;
  });
}
