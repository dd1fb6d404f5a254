/**
 * A lean HTTP/1.1 load generator for `npm run bench:web`: keep-alive sockets sending one request
 * at a time each, requests written from bytes made once, responses read by finding the header's
 * end and counting Content-Length bytes. It allocates next to nothing per request, so on a
 * machine shared with the server its CPU does not become the latency it measures (the bench
 * reports it beside the figures). The site always sends Content-Length; anything else fails.
 */
import { connect, type Socket } from "node:net";

export interface Sample {
  /** Round trip: from writing the request to the response's last byte. */
  ms: number;
  /** Body bytes as sent (compressed when the response is). */
  bytes: number;
  status: number;
  encoding: string;
}

const HEADER_END = Buffer.from("\r\n\r\n");
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CONTENT_ENCODING = /\r\ncontent-encoding:[ \t]*([^\r]+)/i;
const CHUNKED = /\r\ntransfer-encoding:/i;

/** The request a browser sends for `path`, as bytes: the headers that matter to the site, and the ones every browser adds. */
export function requestBytes(host: string, path: string, encoding = "br, gzip", language = "en"): Buffer {
  return Buffer.from(
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) casebot-bench\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\n` +
      `Accept-Encoding: ${encoding}\r\nAccept-Language: ${language}\r\nConnection: keep-alive\r\n\r\n`,
    "latin1",
  );
}

/** One keep-alive connection, one request in flight. */
export class Connection {
  private readonly socket: Socket;
  private t0 = 0;
  private head: Buffer | undefined;
  /** Body bytes still to come; -1 while the header is read. */
  private need = -1;
  private sample: Sample = { ms: 0, bytes: 0, status: 0, encoding: "" };
  private waiting: { resolve(s: Sample): void; reject(e: Error): void } | undefined;

  constructor(port: number, host = "127.0.0.1") {
    this.socket = connect({ port, host, noDelay: true });
    this.socket.on("data", (chunk: Buffer) => this.read(chunk));
    this.socket.on("error", (err) => this.fail(err));
    this.socket.on("close", () => this.fail(new Error("the server closed the connection")));
  }

  request(bytes: Buffer): Promise<Sample> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.t0 = performance.now();
      this.socket.write(bytes);
    });
  }

  close(): void {
    this.waiting = undefined;
    this.socket.destroy();
  }

  private fail(err: Error): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(err);
  }

  private read(chunk: Buffer): void {
    let body = chunk;
    if (this.need < 0) {
      const data = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = data.indexOf(HEADER_END);
      if (end < 0) {
        this.head = data;
        return;
      }
      this.head = undefined;
      const header = data.toString("latin1", 0, end);
      if (CHUNKED.test(header)) return this.fail(new Error("a response without Content-Length"));
      const status = Number(header.slice(9, 12));
      const length = status === 304 ? 0 : Number(CONTENT_LENGTH.exec(header)?.[1] ?? 0);
      this.sample = { ms: 0, bytes: length, status, encoding: CONTENT_ENCODING.exec(header)?.[1] ?? "identity" };
      this.need = length;
      body = data.subarray(end + HEADER_END.length);
    }
    this.need -= body.length;
    if (this.need < 0) return this.fail(new Error("more bytes than Content-Length"));
    if (this.need > 0) return;
    this.need = -1;
    this.sample.ms = performance.now() - this.t0;
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve(this.sample);
  }
}

/** `n` requests over `requests` (in turn), on every connection at once: as many in flight as there are connections. */
export async function load(connections: readonly Connection[], requests: readonly Buffer[], n: number): Promise<Sample[]> {
  const out: Sample[] = [];
  let next = 0;
  await Promise.all(
    connections.map(async (c) => {
      while (next < n) {
        const i = next++;
        out.push(await c.request(requests[i % requests.length]!));
      }
    }),
  );
  return out;
}
