import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LOCAL_BOT_INFO } from "../../src/cli/local-chat.js";

export interface FakeCall {
  method: string;
  payload: Record<string, unknown>;
  /** Set when the fake has answered the call. */
  answeredAt?: number;
}

/** How the fake answers a method: Telegram's error, or never (the request is held open until close). */
export type FakeAnswer = { error_code: number; description: string } | "never";

/**
 * The few Bot API methods webhook mode uses, over real HTTP: every call is recorded, and a method
 * can be made slow to play a Telegram that takes its time, fail, or never answer.
 */
export async function startFakeBotApi(opts: { delayMs?: Partial<Record<string, number>>; answers?: Partial<Record<string, FakeAnswer>> } = {}) {
  const calls: FakeCall[] = [];
  let messageId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const method = /^\/bot[^/]+\/(\w+)/.exec(req.url ?? "")?.[1] ?? "?";
      const raw = Buffer.concat(chunks).toString("utf8");
      const payload = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      const call: FakeCall = { method, payload };
      calls.push(call);
      const answer = opts.answers?.[method];
      if (answer === "never") return;
      if (answer) {
        call.answeredAt = Date.now();
        res.writeHead(answer.error_code, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, ...answer }));
        return;
      }
      const result =
        method === "getMe"
          ? LOCAL_BOT_INFO
          : method === "sendMessage"
            ? { message_id: messageId++, date: 0, chat: { id: payload.chat_id, type: "private" }, text: payload.text }
            : true;
      setTimeout(() => {
        call.answeredAt = Date.now();
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
      }, opts.delayMs?.[method] ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    of: (method: string) => calls.filter((c) => c.method === method),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
