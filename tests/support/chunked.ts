import { connect } from "node:net";

/**
 * Streams a chunked body of up to `total` bytes, as fast as the socket takes it, and returns what
 * the server answered and how much had been sent when it closed the connection.
 */
export function streamChunked(port: number, path: string, headers: Record<string, string>, total: number, host = "127.0.0.1"): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let answer = "";
    let sent = 0;
    let closed = false;
    socket.on("data", (d: Buffer) => (answer += d.toString()));
    socket.on("error", () => {});
    socket.on("close", () => {
      closed = true;
      resolve({ answer, sent });
    });
    const chunk = Buffer.alloc(64 * 1024, "x");
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    socket.once("connect", async () => {
      const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${host}\r\n${head}Transfer-Encoding: chunked\r\n\r\n`);
      while (!closed && sent < total) {
        sent += chunk.length;
        if (!socket.write(frame)) await new Promise((r) => socket.once("drain", r).once("close", r));
      }
      if (!closed) socket.end("0\r\n\r\n");
    });
  });
}
