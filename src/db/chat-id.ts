/**
 * Telegram ids at rest (issue 12): an authenticated ciphertext of each id, and a keyed blind
 * index to find and join rows by without the id. Both come from CHAT_KEY (32 random bytes), by
 * HKDF into two keys, so one secret serves both and neither use can stand in for the other.
 *
 * - `seal` is AES-256-GCM with a fresh 12-byte nonce each time: the same id sealed twice gives
 *   two different texts, so ciphertexts can be neither compared nor joined on.
 * - `blindIndex` is HMAC-SHA-256 of the id, truncated to 16 bytes (128 bits: no collision among
 *   any number of chats this bot will have), hex: equal ids give equal indexes under one key.
 * - A keyring holds the current key and, while `npm run keys:rotate` runs, the previous one:
 *   sealed texts name their key, so both open; lookups try the index under each key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

/** The blind index of a chat or user id: what every table stores and joins on in its place. */
export type ChatRef = string & { readonly __chatRef: unique symbol };

/** The sealed id, as stored: `v1.<key id>.<base64url of nonce, ciphertext and tag>`. */
export type SealedId = string & { readonly __sealedId: unique symbol };

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const INDEX_BYTES = 16;
const VERSION = "v1";
/** Bound into every ciphertext: a sealed id cannot be passed off as some other sealed value. */
const AAD = Buffer.from("casebot chat id v1");

export interface ChatKey {
  /** 8 hex characters naming the key (a hash of it, not the key): which key sealed a text. */
  id: string;
  enc: Buffer;
  mac: Buffer;
}

export interface ChatKeyring {
  current: ChatKey;
  /** The key being rotated away from: still opens its texts, still finds its indexes. */
  previous?: ChatKey;
}

/** Why a key is refused, or undefined: what CHAT_KEY's validation says. */
export function chatKeyProblem(base64: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64) && !/^[A-Za-z0-9_-]+$/.test(base64)) return "must be base64 (e.g. the output of `openssl rand -base64 32`)";
  const n = Buffer.from(base64, "base64").length;
  return n === KEY_BYTES ? undefined : `must be ${KEY_BYTES} random bytes in base64 (got ${n} bytes; \`openssl rand -base64 32\` makes one)`;
}

/** A key from its base64 text (CHAT_KEY); throws what chatKeyProblem says. */
export function chatKey(base64: string): ChatKey {
  const problem = chatKeyProblem(base64);
  if (problem) throw new Error(`CHAT_KEY ${problem}`);
  const raw = Buffer.from(base64, "base64");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", raw, Buffer.alloc(0), info, KEY_BYTES));
  return { id: createHash("sha256").update(raw).digest("hex").slice(0, 8), enc: derive("casebot chat id seal"), mac: derive("casebot chat id index") };
}

/** A fresh random key, base64: what `keys:rotate` and the local chat's key file start from. */
export const newChatKeyText = (): string => randomBytes(KEY_BYTES).toString("base64");

export function keyring(current: string, previous?: string): ChatKeyring {
  return previous ? { current: chatKey(current), previous: chatKey(previous) } : { current: chatKey(current) };
}

/** Only safe integers: a Telegram id is at most 52 bits, and its text form is what is sealed and indexed. */
function idText(id: number): string {
  if (!Number.isSafeInteger(id)) throw new Error("a chat id must be a safe integer");
  return String(id);
}

export function blindIndex(key: ChatKey, id: number): ChatRef {
  return createHmac("sha256", key.mac).update(idText(id)).digest().subarray(0, INDEX_BYTES).toString("hex") as ChatRef;
}

/** The index under every key of the ring, current first: what a lookup matches during a rotation. */
export function blindIndexes(ring: ChatKeyring, id: number): ChatRef[] {
  return ring.previous ? [blindIndex(ring.current, id), blindIndex(ring.previous, id)] : [blindIndex(ring.current, id)];
}

export function seal(key: ChatKey, id: number): SealedId {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key.enc, nonce).setAAD(AAD);
  const body = Buffer.concat([cipher.update(idText(id), "utf8"), cipher.final()]);
  return `${VERSION}.${key.id}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString("base64url")}` as SealedId;
}

/** The key of the ring that sealed `sealed`, or undefined (a text of some other key). */
export function sealedBy(ring: ChatKeyring, sealed: string): ChatKey | undefined {
  // Key ids are hashes, not secrets: a plain comparison.
  const keyId = sealed.split(".")[1];
  return [ring.current, ring.previous].find((k) => k !== undefined && k.id === keyId);
}

/** The id back; throws on a text not sealed by a key of the ring, or altered in any way. */
export function open(ring: ChatKeyring, sealed: string): number {
  const [version, , data] = sealed.split(".");
  const key = sealedBy(ring, sealed);
  if (version !== VERSION || !key || !data) throw new Error("a sealed id of an unknown version or key");
  const raw = Buffer.from(data, "base64url");
  if (raw.length < NONCE_BYTES + TAG_BYTES + 1) throw new Error("a sealed id too short to open");
  const decipher = createDecipheriv("aes-256-gcm", key.enc, raw.subarray(0, NONCE_BYTES)).setAAD(AAD);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  const text = Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  if (!/^-?\d{1,16}$/.test(text)) throw new Error("a sealed id that is not an id");
  return Number(text);
}

/** A sealed text needs re-sealing when the current key did not seal it: what keys:rotate looks for. */
export const needsReseal = (ring: ChatKeyring, sealed: string): boolean => sealed.split(".")[1] !== ring.current.id;
