/**
 * The places in a topic's answer where the bot writes what the record says at answer time, so
 * that no stored text has to state a live fact an editor's change could make false.
 */
export const SLOTS = {
  /** The next hearing (or the last on record): date, time, place, status; cited by its own sources. */
  hearing: "{{hearing}}",
  /** What the bot stores, the one text `/privacy` also sends. */
  privacy: "{{privacy}}",
} as const;

export type Slot = (typeof SLOTS)[keyof typeof SLOTS];

const KNOWN = new Set<string>(Object.values(SLOTS));

/** Every `{{…}}` in a text, known or not, in order. */
export const placeholdersIn = (text: string): string[] => text.match(/\{\{[^}]*\}\}/g) ?? [];

export const isSlot = (p: string): p is Slot => KNOWN.has(p);

/** True when a text is nothing but slots: it states nothing of its own, the record speaks. */
export const onlySlots = (text: string): boolean => placeholdersIn(text).length > 0 && text.replace(/\{\{[^}]*\}\}/g, "").trim() === "";
