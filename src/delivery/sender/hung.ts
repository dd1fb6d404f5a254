/**
 * Chats whose last request was abandoned at its deadline (they did not answer), remembered for a
 * while so that the next request to one of them counts against the global window only briefly
 * (rate.ts: a suspect send): a retry to a chat that hangs most likely hangs too. Bounded: the
 * oldest are forgotten first, and a chat that answers is forgotten at once.
 */
export class HungChats {
  /** Chat id → when it was last abandoned (monotonic ms), oldest first (a Map keeps insertion order). */
  private readonly chats = new Map<number, number>();

  constructor(
    private readonly max = 10_000,
    private readonly forgetAfterMs = 60 * 60_000,
  ) {}

  /** The chat's request was abandoned at its deadline. */
  hung(chatId: number, now: number): void {
    this.chats.delete(chatId);
    this.chats.set(chatId, now);
    for (const [id, at] of this.chats) {
      if (this.chats.size <= this.max && now - at < this.forgetAfterMs) break;
      this.chats.delete(id);
    }
  }

  /** The chat answered: it is not hanging. */
  answered(chatId: number): void {
    this.chats.delete(chatId);
  }

  /** Whether the chat's last request was abandoned lately. */
  has(chatId: number, now: number): boolean {
    const at = this.chats.get(chatId);
    return at !== undefined && now - at < this.forgetAfterMs;
  }

  get size(): number {
    return this.chats.size;
  }
}
