import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ConfigError, type Config } from "../config.js";
import { chatKeyProblem, keyring, newChatKeyText, type ChatKeyring } from "./chat-id.js";

export interface ResolvedKeys {
  ring: ChatKeyring;
  /** Where the key came from: the environment, the local chat's key file, or made for this run. */
  source: "env" | "file" | "memory";
  path?: string;
}

/** The local chat's key file: beside the embedded database (./data/chat.key for ./data/pglite), never committed (data/ is ignored). */
export const localKeyPath = (pgliteDir: string) => join(dirname(pgliteDir), "chat.key");

/**
 * The keys ids are sealed and indexed with. CHAT_KEY when set. Without a token (the local chat) a
 * key is made once and kept beside the embedded database, so `npm start` still just works and
 * the same key opens the same data next time; an in-memory database gets a key for the run.
 * With a token and no CHAT_KEY start-up stops: a bot that talks to Telegram must have a key
 * someone keeps, or its data could be read by no one, or by anyone.
 */
export async function resolveChatKeys(config: Pick<Config, "chatKey" | "chatKeyPrevious" | "botToken" | "pgliteDir">): Promise<ResolvedKeys> {
  if (config.chatKey) return { ring: keyring(config.chatKey, config.chatKeyPrevious), source: "env" };
  if (config.botToken) {
    throw new ConfigError([
      "CHAT_KEY is required when BOT_TOKEN is set: it encrypts chat ids at rest. Make one with `openssl rand -base64 32`, keep it as a secret, and never lose it (docs/privacy.md)",
    ]);
  }
  if (config.pgliteDir.startsWith("memory://")) return { ring: keyring(newChatKeyText()), source: "memory" };
  const path = localKeyPath(config.pgliteDir);
  let text = await readFile(path, "utf8").then((s) => s.trim(), (err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? undefined : Promise.reject(err)));
  if (text === undefined) {
    text = newChatKeyText();
    await mkdir(dirname(path), { recursive: true });
    // wx: two processes starting at once never overwrite each other's key; the loser reads the winner's.
    await writeFile(path, `${text}\n`, { flag: "wx", mode: 0o600 }).catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== "EEXIST") throw err;
      text = (await readFile(path, "utf8")).trim();
    });
    await chmod(path, 0o600);
  }
  const problem = chatKeyProblem(text);
  if (problem) throw new ConfigError([`the key file ${path} ${problem}`]);
  return { ring: keyring(text), source: "file", path };
}
