import type { TopicRow } from "../case/content/store.js";
import { nextAndLast } from "../case/hearings.js";
import { HEARING_SLOT, type LiveFacts } from "../render/topic.js";
import type { BotDeps } from "./context.js";

type Deps = Pick<BotDeps, "hearings" | "clock" | "config">;

/** The live facts an answer is filled with, read at answer time. */
export async function liveFacts(deps: Deps): Promise<LiveFacts> {
  const now = deps.clock.now();
  return { hearings: nextAndLast(await deps.hearings.all(), now, deps.config.timeZone), now, timeZone: deps.config.timeZone };
}

/** The same for one topic: the hearings are read only when its answer shows them (the answer path's one query). */
export async function liveFactsFor(deps: Deps, topic: TopicRow, answer?: string): Promise<LiveFacts> {
  const shows = (answer ?? Object.values(topic.answer).join(" ")).includes(HEARING_SLOT);
  if (shows) return liveFacts(deps);
  return { hearings: {}, now: deps.clock.now(), timeZone: deps.config.timeZone };
}
