import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";
import type { Update, UserFromGetMe } from "grammy/types";
import { PerSecond, TELEGRAM_LIMITS, Window, type FakeLimits } from "./fake-limits.js";

/**
 * A fake Bot API HTTP server that behaves like Telegram where it matters for a bot's sending side:
 * it counts messages in sliding windows globally, per chat and per group and answers 429 with
 * retry_after when they are exceeded (fake-limits.ts); it can be told to answer 403 (blocked), 400
 * with migrate_to_chat_id, 5xx, to drop the connection, or to hang (never answer) for given chats; it answers getMe, getChat and getChatMember from what
 * it is told; it serves getUpdates (long polling) and posts to a webhook set with setWebhook.
 *
 * Point a bot at it with `client: { apiRoot: fake.url }` (or TELEGRAM_API_ROOT). Any token works.
 * Run it alone with `tsx tests/support/fake-telegram.ts '{"port":8081}'` (control at /__fake/*).
 */

export interface FakeTelegramOptions {
  port?: number;
  limits?: Partial<FakeLimits>;
  /** Answer every request after this many milliseconds. */
  latencyMs?: number;
  botInfo?: Partial<UserFromGetMe>;
  /** Keep every accepted message (default); false keeps only counts, for large benchmarks. */
  keepMessages?: boolean;
  /**
   * This share of chats hangs (for benchmarks): chats whose id modulo 1000 is below
   * `hangShare * 1000`. Their requests are never answered, as with `hang()`.
   */
  hangShare?: number;
}

export interface FakeCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
}

export interface FakeMessage {
  chatId: number;
  messageId: number;
  text: string;
  payload: Record<string, unknown>;
  at: number;
}

type Reply = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };
type Handler = (payload: Record<string, unknown>, call: FakeCall) => Reply | undefined | Promise<Reply | undefined>;

interface ChatFault {
  kind: "forbidden" | "migrate" | "error" | "drop" | "hang";
  description?: string;
  to?: number;
  code?: number;
  /** How many more times; undefined = always. */
  times?: number;
}

const SEND_METHODS = new Set([
  "sendMessage",
  "sendPhoto",
  "sendDocument",
  "sendVideo",
  "sendAudio",
  "sendVoice",
  "sendAnimation",
  "sendSticker",
  "sendLocation",
  "sendContact",
  "sendPoll",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
]);

export class FakeTelegram {
  readonly calls: FakeCall[] = [];
  readonly messages: FakeMessage[] = [];
  /** Accepted messages per chat id, kept even when messages are not. */
  readonly perChat = new Map<number, number>();
  tooManyRequests = 0;
  accepted = 0;
  firstAcceptAt = 0;
  lastAcceptAt = 0;
  /** The largest number of accepted messages seen in any one global window. */
  peakWindow = 0;

  private limits: FakeLimits;
  private global: Window;
  private paid: Window;
  private chatWindows = new Map<number, Window>();
  private groupWindows = new Map<number, Window>();
  private faults = new Map<number, ChatFault>();
  /** Requests held unanswered by hanging chats, until their connection closes or the chat heals. */
  private hung = new Map<number, Set<() => void>>();
  /** Requests that hung, and those of them the client gave up on (closed the connection). */
  hangs = 0;
  abandoned = 0;
  private perSecond = new PerSecond();
  private handlers = new Map<string, Handler>();
  private admins = new Map<number, { users: Set<number>; bot: boolean }>();
  private chats = new Map<string, Record<string, unknown>>();
  private updates: Update[] = [];
  private updateWaiters: Array<() => void> = [];
  private nextMessageId = 1;
  private nextUpdateId = 1;
  private sockets = new Set<Socket>();
  webhook: { url: string; secret?: string } | undefined;
  readonly botInfo: UserFromGetMe;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly opts: FakeTelegramOptions,
  ) {
    this.limits = { ...TELEGRAM_LIMITS, ...opts.limits };
    this.global = new Window(this.limits.globalWindowMs);
    this.paid = new Window(this.limits.globalWindowMs);
    this.botInfo = {
      id: 424242,
      is_bot: true,
      first_name: "casebot",
      username: "casebot_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: true,
      can_connect_to_business: false,
      has_main_web_app: false,
      ...opts.botInfo,
    } as UserFromGetMe;
  }

  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const holder: { fake?: FakeTelegram } = {};
    const server = createServer((req, res) => void holder.fake!.handle(req, res));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTelegram(server, `http://127.0.0.1:${port}`, opts);
    holder.fake = fake;
    server.on("connection", (s) => {
      fake.sockets.add(s);
      s.on("close", () => fake.sockets.delete(s));
    });
    return fake;
  }

  // ---- Telling it how to behave ----

  /** The chat answers 403 (blocked by the user, kicked, deactivated…). */
  block(chatId: number, description = "Forbidden: bot was blocked by the user"): this {
    this.faults.set(chatId, { kind: "forbidden", description });
    return this;
  }
  /** The group answers 400 with migrate_to_chat_id; messages to `to` are accepted. */
  migrate(chatId: number, to: number): this {
    this.faults.set(chatId, { kind: "migrate", to });
    return this;
  }
  /** The chat answers `code` (5xx by default), `times` times or always. */
  fail(chatId: number, opts: { code?: number; times?: number; description?: string } = {}): this {
    this.faults.set(chatId, { kind: "error", code: opts.code ?? 502, times: opts.times, description: opts.description });
    return this;
  }
  /** Requests for the chat have their connection dropped (a network error), `times` times or always. */
  drop(chatId: number, times?: number): this {
    this.faults.set(chatId, { kind: "drop", times });
    return this;
  }
  /**
   * Requests for the chat are never answered, nor processed: like a request stuck on the way, it
   * counts for nothing until the chat heals; one the client aborts (closes) is gone for good.
   */
  hang(chatId: number): this {
    this.faults.set(chatId, { kind: "hang" });
    return this;
  }
  /** Requests for the chat hanging now (connection still open). */
  hanging(chatId: number): number {
    return this.hung.get(chatId)?.size ?? 0;
  }
  /** Back to normal; requests still hanging with their connection open are processed now. */
  heal(chatId: number): this {
    this.faults.delete(chatId);
    const held = this.hung.get(chatId);
    this.hung.delete(chatId);
    for (const go of held ?? []) go();
    return this;
  }
  /** Who getChatMember says is an administrator of a chat, and whether the bot is. */
  setAdmins(chatId: number, userIds: number[], opts: { bot?: boolean } = {}): this {
    this.admins.set(chatId, { users: new Set(userIds), bot: opts.bot ?? false });
    return this;
  }
  /** What getChat answers for an id or an @username. */
  setChat(chat: { id: number; type: string; title?: string; username?: string }): this {
    this.chats.set(String(chat.id), chat);
    if (chat.username) this.chats.set(`@${chat.username}`.toLowerCase(), chat);
    return this;
  }
  /** Overrides a method: return a reply, or undefined to fall through to the default. */
  on(method: string, handler: Handler): this {
    this.handlers.set(method, handler);
    return this;
  }
  setLimits(limits: Partial<FakeLimits>): this {
    this.limits = { ...this.limits, ...limits };
    this.global = new Window(this.limits.globalWindowMs);
    this.paid = new Window(this.limits.globalWindowMs);
    this.chatWindows.clear();
    this.groupWindows.clear();
    return this;
  }

  // ---- Updates: getUpdates for polling, a POST for a webhook ----

  /** Queues an update for getUpdates (an update_id is given if missing). */
  pushUpdate(update: Omit<Update, "update_id"> & { update_id?: number }): Update {
    const u = { ...update, update_id: update.update_id ?? this.nextUpdateId++ } as Update;
    this.updates.push(u);
    for (const w of this.updateWaiters.splice(0)) w();
    return u;
  }

  /** Posts an update to the webhook set with setWebhook, with its secret header; returns the HTTP status. */
  async deliverUpdate(update: Omit<Update, "update_id"> & { update_id?: number }, opts: { secret?: string | null } = {}): Promise<{ status: number; body: string }> {
    if (!this.webhook) throw new Error("no webhook set");
    const u = { ...update, update_id: update.update_id ?? this.nextUpdateId++ };
    const secret = opts.secret === undefined ? this.webhook.secret : opts.secret;
    const body = JSON.stringify(u);
    const url = new URL(this.webhook.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
        },
        (res) => {
          let data = "";
          res.on("data", (c: Buffer) => (data += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  // ---- What it saw ----

  messagesTo(chatId: number): FakeMessage[] {
    return this.messages.filter((m) => m.chatId === chatId);
  }
  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }
  /** Chats that received more than one message, with how many. */
  duplicates(): Map<number, number> {
    return new Map([...this.perChat].filter(([, n]) => n > 1));
  }
  summary() {
    const dup = [...this.perChat.values()].reduce((s, n) => s + Math.max(0, n - 1), 0);
    const span = this.lastAcceptAt - this.firstAcceptAt;
    return {
      accepted: this.accepted,
      chats: this.perChat.size,
      duplicates: dup,
      tooManyRequests: this.tooManyRequests,
      firstAcceptAt: this.firstAcceptAt,
      lastAcceptAt: this.lastAcceptAt,
      ratePerSecond: span > 0 ? ((this.accepted - 1) * 1000) / span : 0,
      peakWindow: this.peakWindow,
      perSecond: this.perSecond.summary(),
      hangs: this.hangs,
      abandoned: this.abandoned,
    };
  }
  /** Forgets what it saw and what it was told (faults, limits, handlers); keeps admins, chats and the webhook. */
  reset(): void {
    this.handlers.clear();
    this.calls.length = 0;
    this.messages.length = 0;
    this.perChat.clear();
    this.faults.clear();
    this.tooManyRequests = 0;
    this.accepted = 0;
    this.firstAcceptAt = 0;
    this.lastAcceptAt = 0;
    this.peakWindow = 0;
    this.perSecond = new PerSecond();
    this.hangs = 0;
    this.abandoned = 0;
    this.limits = { ...TELEGRAM_LIMITS, ...this.opts.limits };
    this.setLimits({});
  }

  async stop(): Promise<void> {
    for (const w of this.updateWaiters.splice(0)) w();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- The server ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith("/__fake/")) return this.control(path.slice("/__fake/".length), raw, res);
    const m = /^\/bot[^/]+\/(\w+)$/.exec(path);
    if (!m) return this.json(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    let payload: Record<string, unknown> = {};
    if (raw && (req.headers["content-type"] ?? "").includes("json")) payload = JSON.parse(raw) as Record<string, unknown>;
    else if (raw) payload = Object.fromEntries(new URLSearchParams(raw));
    const call: FakeCall = { method: m[1]!, payload, at: Date.now() };
    if (this.opts.keepMessages !== false || !SEND_METHODS.has(call.method)) this.calls.push(call);
    if (this.opts.latencyMs) await new Promise((r) => setTimeout(r, this.opts.latencyMs));
    const chatId = Number(payload.chat_id);
    const fault = Number.isFinite(chatId) ? this.faults.get(chatId) : undefined;
    if (fault?.kind === "drop" && this.consume(chatId, fault)) {
      req.socket.destroy();
      return;
    }
    if ((fault?.kind === "hang" || this.hangsByShare(chatId)) && (SEND_METHODS.has(call.method) || call.method === "editMessageText")) {
      if (await this.holdHung(chatId, res)) return;
      call.at = Date.now();
    }
    const reply =
      (await this.handlers.get(call.method)?.(payload, call)) ??
      (call.method === "getUpdates" ? await this.takeUpdates(payload) : this.answer(call, chatId, fault));
    this.json(res, reply.ok ? 200 : reply.error_code, reply);
  }

  private hangsByShare(chatId: number): boolean {
    const share = this.opts.hangShare;
    return share !== undefined && Number.isFinite(chatId) && Math.abs(chatId % 1000) < share * 1000;
  }

  /** Holds a hanging chat's request: true if the client gave up on it, false once the chat healed. */
  private holdHung(chatId: number, res: ServerResponse): Promise<boolean> {
    this.hangs++;
    return new Promise((resolve) => {
      const set = this.hung.get(chatId) ?? new Set();
      this.hung.set(chatId, set);
      const go = () => {
        res.off("close", gone);
        resolve(false);
      };
      const gone = () => {
        set.delete(go);
        if (!set.size && this.hung.get(chatId) === set) this.hung.delete(chatId);
        this.abandoned++;
        resolve(true);
      };
      set.add(go);
      res.once("close", gone);
    });
  }

  private consume(chatId: number, f: ChatFault): boolean {
    if (f.times === undefined) return true;
    if (f.times <= 0) {
      this.faults.delete(chatId);
      return false;
    }
    f.times--;
    return true;
  }

  private answer(call: FakeCall, chatId: number, fault: ChatFault | undefined): Reply {
    const p = call.payload;
    if (SEND_METHODS.has(call.method) || call.method === "editMessageText") {
      if (fault?.kind === "forbidden") return { ok: false, error_code: 403, description: fault.description! };
      if (fault?.kind === "migrate")
        return { ok: false, error_code: 400, description: "Bad Request: group chat was upgraded to a supergroup chat", parameters: { migrate_to_chat_id: fault.to } };
      if (fault?.kind === "error" && this.consume(chatId, fault))
        return { ok: false, error_code: fault.code!, description: fault.description ?? (fault.code! >= 500 ? "Internal Server Error" : "Bad Request") };
    }
    if (SEND_METHODS.has(call.method)) return this.send(call, chatId);
    switch (call.method) {
      case "getMe":
        return { ok: true, result: this.botInfo };
      case "getChat": {
        const chat = this.chats.get(String(p.chat_id).toLowerCase());
        return chat ? { ok: true, result: chat } : { ok: false, error_code: 400, description: "Bad Request: chat not found" };
      }
      case "getChatMember": {
        const userId = Number(p.user_id);
        const a = this.admins.get(chatId);
        const user = { id: userId, is_bot: userId === this.botInfo.id, first_name: "U" };
        const admin = a && (userId === this.botInfo.id ? a.bot : a.users.has(userId));
        return {
          ok: true,
          result: admin ? { status: "administrator", user, can_post_messages: true, can_be_edited: false } : { status: "member", user },
        };
      }
      case "setWebhook":
        this.webhook = { url: String(p.url), secret: p.secret_token ? String(p.secret_token) : undefined };
        return { ok: true, result: true };
      case "deleteWebhook":
        this.webhook = undefined;
        return { ok: true, result: true };
      case "getWebhookInfo":
        return { ok: true, result: { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.updates.length } };
      case "editMessageText":
        return { ok: true, result: { message_id: Number(p.message_id), date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, text: p.text } };
      default:
        return { ok: true, result: true };
    }
  }

  private send(call: FakeCall, chatId: number): Reply {
    const now = call.at;
    const paid = call.payload.allow_paid_broadcast === true || call.payload.allow_paid_broadcast === "true";
    const l = this.limits;
    const globalWindow = paid ? this.paid : this.global;
    const limit = paid ? l.paidGlobal : l.global;
    const tooMany = (retryAfter: number): Reply => {
      this.tooManyRequests++;
      return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } };
    };
    // Paid and free messages share the free limit's count: paid ones may go beyond it.
    if (globalWindow.count(now) >= limit) return tooMany(globalWindow.retryAfter(now, limit));
    const chat = this.chatWindows.get(chatId) ?? new Window(l.perChatWindowMs);
    if (chat.count(now) >= l.perChat) return tooMany(chat.retryAfter(now, l.perChat));
    const isGroup = chatId < 0;
    const group = isGroup ? (this.groupWindows.get(chatId) ?? new Window(l.perGroupWindowMs)) : undefined;
    if (group && group.count(now) >= l.perGroup) return tooMany(group.retryAfter(now, l.perGroup));
    globalWindow.add(now);
    if (!paid) this.paid.add(now);
    chat.add(now);
    this.chatWindows.set(chatId, chat);
    if (group) {
      group.add(now);
      this.groupWindows.set(chatId, group);
    }
    this.peakWindow = Math.max(this.peakWindow, globalWindow.count(now));
    this.perSecond.add(now);
    this.accepted++;
    if (!this.firstAcceptAt) this.firstAcceptAt = now;
    this.lastAcceptAt = now;
    this.perChat.set(chatId, (this.perChat.get(chatId) ?? 0) + 1);
    const messageId = this.nextMessageId++;
    const text = String(call.payload.text ?? call.payload.caption ?? "");
    if (this.opts.keepMessages !== false) this.messages.push({ chatId, messageId, text, payload: call.payload, at: now });
    return {
      ok: true,
      result: { message_id: messageId, date: Math.floor(now / 1000), chat: { id: chatId, type: isGroup ? "supergroup" : "private" }, text },
    };
  }

  /** Long polling: updates after `offset`, waiting up to `timeout` seconds for one. */
  private async takeUpdates(p: Record<string, unknown>): Promise<Reply> {
    const offset = Number(p.offset ?? 0);
    const timeoutMs = Math.min(Number(p.timeout ?? 0), 30) * 1000;
    this.updates = this.updates.filter((u) => u.update_id >= offset);
    if (!this.updates.length && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, timeoutMs);
        this.updateWaiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    const limit = Number(p.limit ?? 100);
    return { ok: true, result: this.updates.slice(0, limit) };
  }

  private control(what: string, raw: string, res: ServerResponse): void {
    if (what === "summary") return this.json(res, 200, this.summary());
    if (what === "reset") {
      this.reset();
      return this.json(res, 200, { ok: true });
    }
    if (what === "limits") {
      this.setLimits(JSON.parse(raw || "{}") as Partial<FakeLimits>);
      return this.json(res, 200, { ok: true });
    }
    this.json(res, 404, { ok: false });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const data = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(data) });
    res.end(data);
  }
}

/** Standalone: `tsx tests/support/fake-telegram.ts '{"port":0,"limits":{…}}'` prints its URL on the first line. */
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = JSON.parse(process.argv[2] ?? "{}") as FakeTelegramOptions;
  const fake = await FakeTelegram.start(opts);
  process.stdout.write(`${fake.url}\n`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
