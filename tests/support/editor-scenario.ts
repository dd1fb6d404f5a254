/**
 * An editor in every table that can hold a person, for the privacy and rotation tests: `me`
 * subscribed (seedEverythingAbout), was added by `owner`, added `other` and `removed` (who was
 * later removed), created an update, added a feed, wrote a review and approved `other`'s, and
 * edited an answer. `other` is seeded alike, to show what must stay.
 */
import { audit } from "../../src/db/audit.js";
import type { Database } from "../../src/db/client.js";
import { createFeedsRepo } from "../../src/db/feeds.js";
import { createReviewsRepo } from "../../src/db/reviews.js";
import { createEditorDirectory } from "../../src/editorial/editors.js";
import { fixedClock } from "../../src/shared/time.js";
import { seedEverythingAbout, seedUpdate } from "./seed.js";

export interface EditorScenarioIds {
  me: number;
  other: number;
  owner: number;
  removed: number;
}

export async function seedEditorScenario(database: Database, { me, other, owner, removed }: EditorScenarioIds) {
  const clock = fixedClock("2026-11-20T09:00:00Z");
  const editors = createEditorDirectory({ database, clock });
  await seedEverythingAbout(database, me);
  await seedEverythingAbout(database, other);
  await editors.add(me, owner);
  await editors.add(other, me);
  await editors.add(removed, me);
  await editors.remove(removed, owner); // its `before` no longer names who added them: the editor.add row's actor does
  await seedUpdate(database, { createdBy: me });
  await createFeedsRepo(database.db).add("https://example.org/feed.xml", me, clock.now());
  const reviews = createReviewsRepo(database.db);
  await reviews.insert({ kind: "publish", authorId: me, payload: { kind: "publish" }, now: clock.now() });
  const theirs = await reviews.insert({ kind: "publish", authorId: other, payload: { kind: "publish" }, now: clock.now() });
  await reviews.decide(theirs.id, { status: "approved", reviewerId: me, reason: null, now: clock.now() });
  await audit(database.db, { actorId: me, action: "topic.answer", subject: "verdict/en", after: { text: "A text" }, at: clock.now() });
  return { editors, clock };
}
