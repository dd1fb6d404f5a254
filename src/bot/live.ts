import { nextAndLast } from "../case/hearings.js";
import type { LiveFacts } from "../render/topic.js";
import type { BotDeps } from "./context.js";

/** The live facts an answer is filled with, read at answer time. */
export async function liveFacts(deps: Pick<BotDeps, "hearings" | "clock" | "config">): Promise<LiveFacts> {
  const now = deps.clock.now();
  return { hearings: nextAndLast(await deps.hearings.all(), now, deps.config.timeZone), now, timeZone: deps.config.timeZone };
}
