/**
 * Telegram's limits, kept on this side so they are never hit: a global rate (a sliding count), one
 * message per second per chat, and a number per minute per group. Times are monotonic
 * milliseconds (performance.now), not the injected clock: these are real waits.
 */

/** How a request still unanswered is counted against the global window (SendWindow). */
export interface HangAccounting {
  /** Unanswered this long after its start, a request is taken as never arrived (at most). */
  graceMs: number;
  /** While requests are being abandoned at their deadline, the grace shrinks to this at least… */
  hungGraceMinMs: number;
  /** …or this many times the time in which 9 in 10 requests were answered lately, if longer. */
  hungGraceFactor: number;
  /** How long after the last request abandoned at its deadline hangs are taken as going on. */
  hangMemoryMs: number;
  /**
   * A request to a chat whose last one was abandoned at its deadline (a retry to a chat that
   * hangs) is taken for lost after this at least, or the factor times the 9-in-10 answer time.
   */
  suspectGraceMinMs: number;
}

export const DEFAULT_HANG_ACCOUNTING: HangAccounting = { graceMs: 1_000, hungGraceMinMs: 200, hungGraceFactor: 3, hangMemoryMs: 10_000, suspectGraceMinMs: 50 };

/** Answer times kept for the estimate, and how often it is worked out again. */
const RECENT_ANSWERS = 256;
const ESTIMATE_EVERY = 64;

/**
 * The global limit as a count of the messages that may be on Telegram's side within one window:
 * the sends in flight plus the sends answered less than a window ago. Telegram counts a message
 * when it arrives, which is after it was sent and before it was answered; so if a send starts only
 * while fewer than `rate` are counted, no window on Telegram's side ever holds more than `rate`
 * arrivals, however the requests bunch on the way. The cost is one answer time per window (a few
 * milliseconds), not a fixed margin.
 *
 * A request unanswered after the grace is taken as never arrived: it stops counting (if it is
 * answered later after all, it counts from its answer). Normally the grace is a second, so a
 * request is never taken as lost only because the machine or the network was slow for a moment
 * (requests are answered out of order by 100 ms and more even on a quiet machine: a shorter
 * grace in normal running let 429s through, docs/delivery.md). Only while requests are being abandoned at their deadline
 * (chats that never answer, seen in the last `hangMemoryMs`) does the grace shrink, to a few
 * times the time in which 9 in 10 requests were answered lately (at least `hungGraceMinMs`):
 * then a hanging request costs the others a fifth of a second of one place, not a whole one, and
 * its place in the even spreading is given back as soon as it is taken for lost. A retry to a chat
 * that hung before (a suspect) counts for less still (`suspectGraceMinMs`). A machine or an API
 * slow for every request raises that estimate, so the grace grows back towards the second by itself.
 *
 * Sends are also spread evenly (one every 1/rate s, a burst of a fiftieth of the rate, two at
 * least, on a schedule that makes up to a twentieth of a window of lateness), so a fresh window is not
 * spent in one burst that would queue up at Telegram and on this side.
 */
export class SendWindow {
  /** Counted sends in flight: ticket → start, in start order (a Map keeps insertion order). */
  private readonly inflight = new Map<number, number>();
  /** The same for sends to chats that hung before (their own, shorter grace). */
  private readonly suspects = new Map<number, number>();
  /** Sends past their grace, still open: taken as never arrived until answered. */
  private readonly stuck = new Map<number, number>();
  /** Answer times within the last window, oldest first (from `head`). */
  private answers: number[] = [];
  private head = 0;
  private seq = 0;
  /** Even spreading (GCRA): the theoretical time of the next send, and how far ahead of it one may go. */
  private tat = 0;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  /** How far behind the even schedule sends may fall and still be made up (a late timer, a busy loop). */
  private readonly catchUpMs: number;
  /**
   * Places in the spreading given back by requests taken as never arrived, not used yet: sends
   * beyond the even schedule, for one window after the last came back, so a run of hanging chats
   * costs the others no time (a message that never arrived takes no place), and a later burst none.
   */
  private credit = 0;
  private lastTake = -Infinity;
  private creditUntil = -Infinity;
  private readonly limit: number;
  private readonly hang: HangAccounting;
  /** Recent answer times (answer − start), a ring, and the grace worked out from them. */
  private readonly recent = new Float64Array(RECENT_ANSWERS);
  private recentCount = 0;
  private hungGraceMs: number;
  private suspectGrace: number;
  private hangsUntil = -Infinity;

  constructor(
    readonly rate: number,
    readonly windowMs = 1_000,
    hang: Partial<HangAccounting> = {},
  ) {
    this.hang = { ...DEFAULT_HANG_ACCOUNTING, ...hang };
    this.limit = Math.max(1, Math.floor(rate));
    this.intervalMs = 1_000 / rate;
    // A burst of two at least: with none, every timer that fires late (a millisecond or two, more
    // on a busy machine) pushed every later send back, and 30/s gave 28.3/s.
    this.toleranceMs = (Math.max(2, Math.floor(rate / 50)) - 1) * this.intervalMs;
    // The schedule is absolute within a twentieth of a window: a send that starts late (a timer
    // fired late, the loop was busy for a claim) leaves its time to the next ones instead of losing
    // it. Not more: on a machine short of CPU the loop is late by hundreds of milliseconds, and
    // making that up in bursts (half a window, tried on 2026-12-04) only queued requests, answers
    // took seconds and fewer went out. After a whole window with no send, nothing is made up.
    this.catchUpMs = Math.max(this.intervalMs, windowMs / 20);
    this.hungGraceMs = this.hang.graceMs;
    this.suspectGrace = this.hang.suspectGraceMinMs;
  }

  /** Whether requests were abandoned at their deadline lately (hangs are going on). */
  hangsSeen(now: number): boolean {
    return now < this.hangsUntil;
  }

  /** How long an unanswered request counts now. */
  graceMs(now: number): number {
    if (!this.hangsSeen(now)) return this.hang.graceMs;
    return Math.min(this.hang.graceMs, this.hungGraceMs);
  }

  /** How long an unanswered request to a chat that hung before counts. */
  suspectGraceMs(): number {
    return Math.min(this.hang.graceMs, this.suspectGrace);
  }

  /** The median and 9-in-10 of the recent answer times (ms): each costs its share of a window. */
  answerTimes(): { p50: number; p90: number } {
    const n = Math.min(this.recentCount, RECENT_ANSWERS);
    if (!n) return { p50: 0, p90: 0 };
    const sorted = this.recent.slice(0, n).sort();
    return { p50: sorted[Math.floor(n * 0.5)]!, p90: sorted[Math.min(n - 1, Math.floor(n * 0.9))]! };
  }

  /** Sends in flight taken as never arrived (past their grace, not answered). */
  get stuckCount(): number {
    return this.stuck.size;
  }

  /** Milliseconds until a send may start (0: now). */
  waitMs(now: number): number {
    const grace = this.graceMs(now);
    const suspectGrace = this.suspectGraceMs();
    this.expire(now, grace, suspectGrace);
    if (now >= this.creditUntil) this.credit = 0;
    const spread = this.credit > 0 ? 0 : this.tat - this.toleranceMs - now;
    const counted = this.inflight.size + this.suspects.size + this.answers.length - this.head;
    if (counted < this.limit) return Math.max(0, spread);
    const firstAnswer = this.head < this.answers.length ? this.answers[this.head]! + this.windowMs : Infinity;
    const firstStart = this.inflight.size ? this.inflight.values().next().value! + grace : Infinity;
    const firstSuspect = this.suspects.size ? this.suspects.values().next().value! + suspectGrace : Infinity;
    return Math.max(0, spread, Math.min(firstAnswer, firstStart, firstSuspect) - now);
  }

  /**
   * Takes a place for a send about to start; returns its ticket. A send to a chat that hung before
   * (`suspect`) has the shorter grace, and means hangs are going on.
   */
  take(now: number, suspect = false): number {
    const ticket = this.seq++;
    if (this.credit > 0 && this.tat - this.toleranceMs > now) this.credit--;
    else this.tat = Math.max(this.tat, now - (now - this.lastTake > this.windowMs ? 0 : this.catchUpMs)) + this.intervalMs;
    this.lastTake = now;
    if (suspect) {
      this.suspects.set(ticket, now);
      this.hangsUntil = Math.max(this.hangsUntil, now + this.hang.hangMemoryMs);
    } else this.inflight.set(ticket, now);
    return ticket;
  }

  /** The send was answered (accepted or refused) at `now`: it counts for one window from now. */
  answered(ticket: number, now: number): void {
    const started = this.inflight.get(ticket) ?? this.suspects.get(ticket) ?? this.stuck.get(ticket);
    if (started === undefined) return;
    this.inflight.delete(ticket);
    this.suspects.delete(ticket);
    this.stuck.delete(ticket);
    this.answers.push(now);
    this.noteAnswerTime(now - started);
  }

  /** The send was abandoned unanswered at its deadline: never arrived, and hangs are going on. */
  abandoned(ticket: number, now: number): void {
    const wasCounted = this.inflight.delete(ticket) || this.suspects.delete(ticket);
    if (!wasCounted && !this.stuck.delete(ticket)) return;
    this.hangsUntil = Math.max(this.hangsUntil, now + this.hang.hangMemoryMs);
    // Its place in the spreading goes back (if it has not already, taken for lost).
    if (wasCounted) this.giveBack(now);
  }

  private expire(now: number, grace: number, suspectGrace: number): void {
    const from = now - this.windowMs;
    while (this.head < this.answers.length && this.answers[this.head]! <= from) this.head++;
    if (this.head > 1024 && this.head * 2 > this.answers.length) {
      this.answers = this.answers.slice(this.head);
      this.head = 0;
    }
    this.loseOverdue(this.inflight, now, now - grace);
    this.loseOverdue(this.suspects, now, now - suspectGrace);
  }

  /**
   * Requests started before `before` and still unanswered are taken as never arrived. Their
   * places in the even spreading go back at once, not at their deadline: a message that never
   * arrived takes none, and its time goes to the next sends (the schedule's catch-up).
   */
  private loseOverdue(open: Map<number, number>, now: number, before: number): void {
    for (const [ticket, started] of open) {
      if (started > before) break;
      open.delete(ticket);
      this.stuck.set(ticket, started);
      this.giveBack(now);
    }
  }

  /**
   * Only while hangs go on: a request merely slow (a busy machine) that is taken for lost gives
   * nothing back, or sending more would make every answer slower still.
   */
  private giveBack(now: number): void {
    if (!this.hangsSeen(now)) return;
    this.credit = Math.min(this.limit, this.credit + 1);
    this.creditUntil = now + this.windowMs;
  }

  private noteAnswerTime(ms: number): void {
    this.recent[this.recentCount++ % RECENT_ANSWERS] = ms;
    if (this.recentCount % ESTIMATE_EVERY !== 0) return;
    const { p90 } = this.answerTimes();
    this.hungGraceMs = Math.max(this.hang.hungGraceMinMs, this.hang.hungGraceFactor * p90);
    this.suspectGrace = Math.max(this.hang.suspectGraceMinMs, this.hang.hungGraceFactor * p90);
  }
}

/**
 * Tells a 429 for one chat from one for the whole bot. Telegram does not say which limit was hit;
 * since the global rate is kept on this side, a 429 for one chat is taken as that chat's, and
 * only 429s for several chats close together mean the bot as a whole must wait.
 */
export class TooManyRequests {
  private readonly recent: Array<{ chatId: number; at: number }> = [];

  constructor(
    private readonly chats = 3,
    private readonly withinMs = 1_000,
  ) {}

  /** Records a 429 for a chat; true when it means every send should pause. */
  global(chatId: number, now: number): boolean {
    while (this.recent.length && this.recent[0]!.at <= now - this.withinMs) this.recent.shift();
    this.recent.push({ chatId, at: now });
    return new Set(this.recent.map((r) => r.chatId)).size >= this.chats;
  }
}

export interface ChatLimits {
  /** Least time between two messages to one chat (Telegram: about one per second). */
  perChatMs: number;
  /** At most this many messages per group (or channel) in any window of `groupWindowMs`. */
  groupLimit: number;
  groupWindowMs: number;
}

export const TELEGRAM_CHAT_LIMITS: ChatLimits = { perChatMs: 1_100, groupLimit: 20, groupWindowMs: 61_000 };

/**
 * Per-chat spacing and per-group windows; entries of chats not written to lately are dropped.
 * Like the global window, a chat's spacing counts from the answer to its last message (it arrived
 * before then), and a chat with a message in flight gets no other until that one is answered.
 */
export class ChatPacer {
  private readonly lastSent = new Map<number, number>();
  private readonly inFlight = new Set<number>();
  private readonly groupSends = new Map<number, number[]>();
  private lastPrune = 0;

  constructor(private readonly limits: ChatLimits) {}

  /** The earliest moment a message may go to this chat. */
  availableAt(chatId: number, isGroup: boolean, now: number): number {
    let at = now;
    if (this.inFlight.has(chatId)) at = now + this.limits.perChatMs;
    const last = this.lastSent.get(chatId);
    if (last !== undefined) at = Math.max(at, last + this.limits.perChatMs);
    if (isGroup) {
      const sends = this.recent(chatId, now);
      if (sends.length >= this.limits.groupLimit) at = Math.max(at, sends[sends.length - this.limits.groupLimit]! + this.limits.groupWindowMs);
    }
    return at;
  }

  record(chatId: number, isGroup: boolean, now: number): void {
    this.lastSent.set(chatId, now);
    this.inFlight.add(chatId);
    if (isGroup) {
      const sends = this.recent(chatId, now);
      sends.push(now);
      this.groupSends.set(chatId, sends);
    }
    if (now - this.lastPrune > 10_000) this.prune(now);
  }

  /** The chat's message was answered (or given up on): the spacing runs from now. */
  settled(chatId: number, now: number): void {
    this.inFlight.delete(chatId);
    this.lastSent.set(chatId, Math.max(this.lastSent.get(chatId) ?? 0, now));
  }

  /** A chat that must wait (its own 429): nothing goes to it before `until`. */
  holdUntil(chatId: number, until: number): void {
    this.lastSent.set(chatId, Math.max(this.lastSent.get(chatId) ?? 0, until - this.limits.perChatMs));
  }

  private recent(chatId: number, now: number): number[] {
    const sends = this.groupSends.get(chatId) ?? [];
    const from = now - this.limits.groupWindowMs;
    let i = 0;
    while (i < sends.length && sends[i]! <= from) i++;
    return i ? sends.slice(i) : sends;
  }

  private prune(now: number): void {
    this.lastPrune = now;
    for (const [id, at] of this.lastSent) if (now - at > this.limits.perChatMs && !this.inFlight.has(id)) this.lastSent.delete(id);
    for (const [id, sends] of this.groupSends) if (!sends.length || now - sends[sends.length - 1]! > this.limits.groupWindowMs) this.groupSends.delete(id);
  }
}

export const isGroupChat = (type: string) => type !== "private";
