import type { TopicRow } from "../case/content/store.js";
import { nextAndLast } from "../case/hearings.js";
import { HEARING_SLOT, type LiveFacts } from "../render/topic.js";
import type { BotDeps } from "./context.js";

type Deps = Pick<BotDeps, "liveHearings" | "clock" | "config">;

/** The live facts an answer is filled with, as of answer time (`digest`: the update's, see hearings-cache.ts). */
export async function liveFacts(deps: Deps, digest?: string): Promise<LiveFacts> {
  const now = deps.clock.now();
  return { hearings: nextAndLast(await deps.liveHearings.all(digest), now, deps.config.timeZone), now, timeZone: deps.config.timeZone };
}

/** The same for one topic: the hearings are looked at only when its answer shows them. */
export async function liveFactsFor(deps: Deps, topic: TopicRow, answer?: string, digest?: string): Promise<LiveFacts> {
  const shows = answer === undefined ? showsHearing(topic) : answer.includes(HEARING_SLOT);
  if (shows) return liveFacts(deps, digest);
  return { hearings: {}, now: deps.clock.now(), timeZone: deps.config.timeZone };
}

const shown = new WeakMap<TopicRow, boolean>();

/** Whether a topic's answer shows the next hearing in some language: kept per row, which a content change replaces. */
export function showsHearing(topic: TopicRow): boolean {
  let shows = shown.get(topic);
  if (shows === undefined) shown.set(topic, (shows = Object.values(topic.answer).some((a) => a.includes(HEARING_SLOT))));
  return shows;
}
