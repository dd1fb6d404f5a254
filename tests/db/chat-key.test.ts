import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { blindIndex, newChatKeyText } from "../../src/db/chat-id.js";
import { localKeyPath, resolveChatKeys } from "../../src/db/chat-key.js";

const TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

describe("the chat key at start-up", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "casebot-key-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("takes CHAT_KEY (and CHAT_KEY_PREVIOUS while rotating) from the environment", async () => {
    const [a, b] = [newChatKeyText(), newChatKeyText()];
    const r = await resolveChatKeys(loadConfig({ BOT_TOKEN: TOKEN, CHAT_KEY: b, CHAT_KEY_PREVIOUS: a }));
    expect(r.source).toBe("env");
    expect(r.ring.previous).toBeDefined();
  });

  it("stops a bot with a token and no key, saying what to do", async () => {
    const err = await resolveChatKeys(loadConfig({ BOT_TOKEN: TOKEN })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/CHAT_KEY is required when BOT_TOKEN is set.*openssl rand -base64 32/);
  });

  it("without a token, makes a key once beside the embedded database, readable by its owner only, and reuses it", async () => {
    const config = loadConfig({ PGLITE_DIR: join(dir, "pglite") });
    const first = await resolveChatKeys(config);
    expect(first).toMatchObject({ source: "file", path: join(dir, "chat.key") });
    expect(localKeyPath(config.pgliteDir)).toBe(join(dir, "chat.key"));
    expect((await stat(first.path!)).mode & 0o777).toBe(0o600);
    const again = await resolveChatKeys(config);
    expect(blindIndex(again.ring.current, 42)).toBe(blindIndex(first.ring.current, 42));
    expect((await readFile(first.path!, "utf8")).trim()).toHaveLength(44);
  });

  it("two local processes starting at once end up with the same key", async () => {
    const config = loadConfig({ PGLITE_DIR: join(dir, "pglite") });
    const [a, b] = await Promise.all([resolveChatKeys(config), resolveChatKeys(config)]);
    expect(a.ring.current.id).toBe(b.ring.current.id);
  });

  it("refuses a damaged key file rather than making a new key (the old data would be lost)", async () => {
    await writeFile(join(dir, "chat.key"), "too short\n");
    await expect(resolveChatKeys(loadConfig({ PGLITE_DIR: join(dir, "pglite") }))).rejects.toThrow(/chat\.key must be base64/);
  });

  it("an in-memory database gets a key for the run", async () => {
    expect((await resolveChatKeys(loadConfig({ PGLITE_DIR: "memory://" }))).source).toBe("memory");
  });

  it("validates the keys like every setting, naming the variable and never showing its value", () => {
    expect(() => loadConfig({ CHAT_KEY: "abc" })).toThrow(/CHAT_KEY must be 32 random bytes in base64/);
    expect(() => loadConfig({ CHAT_KEY: "abc" })).not.toThrow(/got "abc"/);
    expect(() => loadConfig({ CHAT_KEY: "not base64!" })).toThrow(/CHAT_KEY must be base64/);
    expect(() => loadConfig({ CHAT_KEY_PREVIOUS: newChatKeyText() })).toThrow(/CHAT_KEY_PREVIOUS is only used with CHAT_KEY/);
    const k = newChatKeyText();
    expect(() => loadConfig({ CHAT_KEY: k, CHAT_KEY_PREVIOUS: k })).toThrow(/must differ/);
  });
});
