/**
 * The keyring travels with the database handle: `openDatabase` binds it to the handle and to
 * every transaction opened on it, so a repository that is given a handle (or a transaction) can
 * turn the Telegram ids its callers pass into blind indexes and sealed texts. Callers above
 * src/db keep handling ids as numbers; refs and sealed texts never leave src/db.
 */
import { sql } from "drizzle-orm";
import { blindIndex, blindIndexes, keyring, newChatKeyText, open, seal, type ChatKeyring, type ChatRef, type SealedId } from "./chat-id.js";

const RING = Symbol("casebot chat keyring");

type Bindable = { transaction?: (fn: (tx: never) => Promise<unknown>, config?: unknown) => Promise<unknown> };

/** Binds `ring` to a handle and, through its `transaction`, to every transaction (and savepoint) opened on it. */
export function bindRing<T extends object>(ex: T, ring: ChatKeyring): T {
  const target = ex as T & Bindable & { [RING]?: ChatKeyring };
  target[RING] = ring;
  const begin = target.transaction;
  if (typeof begin === "function") {
    target.transaction = ((fn: (tx: object) => Promise<unknown>, config?: unknown) =>
      begin.call(target, ((tx: object) => fn(bindRing(tx, ring))) as never, config)) as Bindable["transaction"];
  }
  return ex;
}

export function ringOf(ex: object): ChatKeyring {
  const ring = (ex as { [RING]?: ChatKeyring })[RING];
  if (!ring) throw new Error("a database handle without its chat keyring (open it with openDatabase)");
  return ring;
}

/** A keyring for a store that lives one run (an in-memory database, a test, a bench). */
export const runKeyring = (): ChatKeyring => keyring(newChatKeyText());

/** The id's ref under the current key: what is written. */
export const refOf = (ex: object, id: number): ChatRef => blindIndex(ringOf(ex).current, id);

/** Its ref under every key of the ring, current first: what a lookup or /forget matches while a rotation runs. */
export const refsOf = (ex: object, id: number): ChatRef[] => blindIndexes(ringOf(ex), id);

export const sealFor = (ex: object, id: number): SealedId => seal(ringOf(ex).current, id);

export const openId = (ex: object, sealed: string): number => open(ringOf(ex), sealed);

/** A person column pair, as written: their ref and their id sealed. */
export const person = (ex: object, id: number) => ({ ref: refOf(ex, id), sealed: sealFor(ex, id) });

/**
 * The sealed id back as a number, or null: a forgotten person, an empty column, or a text sealed
 * by a key the ring no longer holds (a loose column a rotation did not re-seal: docs/privacy.md),
 * which is shown as unknown rather than failing the whole read.
 */
export function openOrNull(ex: object, sealed: string | null | undefined): number | null {
  if (!sealed) return null;
  try {
    return openId(ex, sealed);
  } catch {
    return null;
  }
}

/**
 * A Postgres text[] of refs or sealed texts, as one parameter. Safe as an array literal: refs are
 * hex and sealed texts base64url with dots, so neither holds a comma, a quote or a brace.
 */
export const textArray = (xs: readonly string[]) => sql`${`{${xs.join(",")}}`}::text[]`;
