/**
 * Addresses that accept a connection and never answer: the database or Bot API a start-up must
 * not wait on for ever. Every socket is held open until `close`, as a silent firewall would.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface BlackHole {
  port: number;
  /** Connections accepted so far: proof that something tried. */
  accepted(): number;
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

function closer(server: Server, sockets: Set<Socket>) {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

export async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  let n = 0;
  const server = createServer((s) => {
    n++;
    sockets.add(s);
    s.on("error", () => {});
    s.on("close", () => sockets.delete(s));
  });
  return { port: await listen(server), accepted: () => n, close: closer(server, sockets) };
}

/**
 * A TCP proxy to `target` that, once `stall()` is called, stops passing bytes either way while
 * keeping every connection open: a database that answered at first and then went silent.
 */
export async function startStallingProxy(target: { host: string; port: number }): Promise<BlackHole & { stall(): void }> {
  const sockets = new Set<Socket>();
  let stalled = false;
  let n = 0;
  const server = createServer((client) => {
    n++;
    const upstream = createConnection(target);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (d) => !stalled && upstream.write(d));
    upstream.on("data", (d) => !stalled && client.write(d));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  return {
    port: await listen(server),
    accepted: () => n,
    stall: () => {
      stalled = true;
    },
    close: closer(server, sockets),
  };
}
