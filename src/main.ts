import { createApp, prepareDatabase } from "./app.js";
import { LOCAL_BOT_INFO, runLocalChat } from "./cli/local-chat.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createLogger } from "./logger.js";
import { startPolling } from "./modes/polling.js";
import { systemClock } from "./time.js";

export async function main(config: Config): Promise<void> {
  const logger = createLogger(config.mode === "local" ? (process.env.LOG_LEVEL ?? "warn") : config.logLevel);
  const database = await prepareDatabase(config, logger);
  const app = await createApp({
    config,
    logger,
    clock: systemClock,
    database,
    botInfo: config.mode === "local" ? LOCAL_BOT_INFO : undefined,
    client: config.apiRoot ? { apiRoot: config.apiRoot } : undefined,
  });
  const refresh = setInterval(() => void app.deps.content.refresh().catch((err) => logger.warn({ err }, "content refresh failed")), 30_000);
  refresh.unref();

  if (config.mode === "local") {
    await runLocalChat(app.bot, { languageCode: process.env.CASEBOT_LANG ?? process.env.LANG?.slice(0, 2) });
    await app.close();
    return;
  }

  const handle = await startPolling(app, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "stopping");
    if (handle.isRunning()) await handle.stop();
    clearInterval(refresh);
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", (s) => void stop(s));
  process.on("SIGTERM", (s) => void stop(s));
  await handle.task();
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/").split("/").pop()!);
if (isEntry) {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`casebot: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  main(config).catch((err: unknown) => {
    process.stderr.write(`casebot: could not start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
