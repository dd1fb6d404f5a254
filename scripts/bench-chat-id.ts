/**
 * What sealing ids at rest costs (src/db/chat-id.ts), per operation, on 100k ids:
 *
 *   npx tsx scripts/bench-chat-id.ts [n]      (default 100000)
 *
 * Prints one JSON line: microseconds per seal, open (the sender's decrypt per send) and blind
 * index (every lookup), and the time to re-seal n ids under a new key (keys:rotate's CPU part).
 */
import { fileURLToPath } from "node:url";
import { blindIndex, keyring, newChatKeyText, open, seal } from "../src/db/chat-id.js";

export function benchChatIds(n = 100_000) {
  const ring = keyring(newChatKeyText());
  const next = keyring(newChatKeyText(), undefined);
  const ids = Array.from({ length: n }, (_, i) => 5_000_000_000 + i * 7919);
  const time = (f: () => void) => {
    const t0 = process.hrtime.bigint();
    f();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  let sealed: string[] = [];
  const sealMs = time(() => (sealed = ids.map((id) => seal(ring.current, id))));
  const openMs = time(() => sealed.forEach((s) => open(ring, s)));
  const indexMs = time(() => ids.forEach((id) => blindIndex(ring.current, id)));
  const both = { current: next.current, previous: ring.current };
  const resealMs = time(() => sealed.forEach((s) => {
    const id = open(both, s);
    seal(both.current, id);
    blindIndex(both.current, id);
  }));
  const us = (ms: number) => Math.round((ms * 1000 * 100) / n) / 100;
  return { n, sealUs: us(sealMs), openUs: us(openMs), indexUs: us(indexMs), resealAllMs: Math.round(resealMs) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify({ bench: "chat-id", ...benchChatIds(Number(process.argv[2] ?? 100_000)) }));
}
