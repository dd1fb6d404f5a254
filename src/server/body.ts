import type { IncomingMessage, ServerResponse } from "node:http";

/** The body was larger than the limit: the caller answers 413 and closes the connection. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLarge";
  }
}

/**
 * Reads a request body, counting bytes as they arrive, whatever the transfer encoding: a
 * Content-Length over the limit is refused before a byte is read, and a chunked body is stopped
 * the moment it passes the limit (its socket paused, nothing more buffered), so memory never
 * holds more than `limit` bytes of one request.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) {
    req.pause();
    return Promise.reject(new BodyTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      req.off("data", onData).off("end", onEnd).off("error", finish).off("aborted", onAborted);
      if (err) reject(err);
      else resolve(Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish(new BodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onAborted = () => finish(new Error("request aborted"));
    req.on("data", onData).on("end", onEnd).on("error", finish).on("aborted", onAborted);
  });
}

/**
 * Answers `status` and closes the connection without reading what the client still sends. The
 * socket is half-closed first and destroyed a moment later: closing it at once, with unread bytes
 * in its buffer, resets the connection, and the client might never read the answer.
 */
export function refuseAndClose(res: ServerResponse, status: number, lingerMs = 500): void {
  const socket = res.req.socket;
  res.req.pause();
  // Node would destroy the socket as soon as the answer is flushed (destroySoon): end it, then wait.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), lingerMs).unref();
  };
  res.writeHead(status, { connection: "close", "content-length": "0" }).end();
}
