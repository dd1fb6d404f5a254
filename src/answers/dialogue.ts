/**
 * A chat's dialogue state as stored (kv_state, src/db/chats.ts's dialogueKey): what it asked
 * last, read back from JSON. Anything else (an older shape, a hand edit) reads as no state: a
 * follow-up then stands alone, which is what the bot did before it had any memory.
 */
import { z } from "zod";
import { LANGS } from "../shared/lang.js";
import type { DialogueState } from "./reader.js";

const stateSchema = z.object({
  topics: z.array(z.string()).max(10),
  lang: z.enum(LANGS),
  script: z.enum(["cyrl", "latn", "arab"]),
  at: z.number(),
});

export function parseDialogueState(value: unknown): DialogueState | undefined {
  const r = stateSchema.safeParse(value);
  return r.success ? r.data : undefined;
}
