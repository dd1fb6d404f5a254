import { loadConfig, ConfigError } from "../config.js";
import { connectDatabase, migrateDatabase } from "../app.js";
import { resolveChatKeys } from "../db/chat-key.js";
import { PERSON_PAIRS, resealAll } from "../db/reseal.js";
import { createLogger } from "../logger.js";
import { runCli } from "./run.js";

/**
 * `npm run keys:rotate`: re-seals every sealed id, and computes every ref again, under CHAT_KEY,
 * CHAT_KEY_PREVIOUS being the key rotated away from (src/db/reseal.ts). Every running instance must already have both (they accept both);
 * run it while the bot runs, again after a crash (it resumes), then remove CHAT_KEY_PREVIOUS.
 * Prints one JSON line per 10,000 rows and one at the end.
 */
await runCli(async () => {
  const config = loadConfig();
  if (!config.chatKey || !config.chatKeyPrevious) {
    throw new ConfigError(["keys:rotate needs CHAT_KEY (the new key) and CHAT_KEY_PREVIOUS (the key in use until now)"]);
  }
  const { ring } = await resolveChatKeys(config);
  const logger = createLogger("warn", { pretty: true });
  const database = await connectDatabase(config, logger);
  try {
    // A store at the current schema with no clear id left: rotation re-seals what conversion sealed.
    await migrateDatabase(config, logger, database);
    const t0 = performance.now();
    let shown = 0;
    // Every (ref, sealed) pair the schema declares: chats, editors, and every loose person column.
    const done = await resealAll(database.db, ring, PERSON_PAIRS, {
      onProgress: (p) => {
        if (p.done - shown < 10_000) return;
        shown = p.done;
        process.stdout.write(`${JSON.stringify(p)}\n`);
      },
    });
    process.stdout.write(`${JSON.stringify({ resealed: done, pairs: PERSON_PAIRS.length, ms: Math.round(performance.now() - t0) })}\n`);
  } finally {
    await database.close();
  }
});
