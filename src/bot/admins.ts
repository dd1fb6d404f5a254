import type { Api } from "grammy";
import type { Clock } from "../shared/time.js";

export interface AdminCheck {
  /** True when the user is the chat's creator or an administrator; answers are kept briefly. */
  isAdmin(api: Api, chatId: number, userId: number): Promise<boolean>;
  /** Forgets a chat's answers (its admins changed, or it migrated). */
  forget(chatId: number): void;
}

/**
 * getChatMember answers, cached for a minute: a group admin tapping through the settings menu
 * costs one call, and a demoted admin loses the right within a minute.
 */
export function createAdminCheck(clock: Clock, ttlMs = 60_000): AdminCheck {
  const cache = new Map<string, { ok: boolean; at: number }>();
  return {
    async isAdmin(api, chatId, userId) {
      const key = `${chatId}:${userId}`;
      const now = clock.now().getTime();
      const hit = cache.get(key);
      if (hit && now - hit.at < ttlMs) return hit.ok;
      const member = await api.getChatMember(chatId, userId);
      const ok = member.status === "creator" || member.status === "administrator";
      if (cache.size > 5_000) for (const [k, v] of cache) if (now - v.at >= ttlMs) cache.delete(k);
      cache.set(key, { ok, at: now });
      return ok;
    },
    forget(chatId) {
      for (const k of cache.keys()) if (k.startsWith(`${chatId}:`)) cache.delete(k);
    },
  };
}
