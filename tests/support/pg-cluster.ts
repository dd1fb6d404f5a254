/**
 * A private Postgres server for the tests that stop, restart or cut the database under a running
 * bot (issue 11, items 3 and 6): initdb and pg_ctl from Debian's `/usr/lib/postgresql/<v>/bin`, in
 * a temporary directory, on a free port. Absent binaries: `findPgBin` says so and the test skips.
 * As root (CI containers), the server runs as the `postgres` user, since Postgres refuses root.
 */
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { freePort } from "./net.js";

const run = promisify(execFile);

/** The newest installed server's bin directory, or undefined (the caller skips, naming why). */
export function findPgBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "pg_ctl")) && existsSync(join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], "bin");
}

export const PG_SKIP_REASON = "no Postgres server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql): private-cluster tests skipped";

export interface PgCluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  start(): Promise<void>;
  /** pg_ctl stop in fast mode: every connection is cut, as in a restart. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

export async function startPgCluster(bin = findPgBin()): Promise<PgCluster> {
  if (!bin) throw new Error(PG_SKIP_REASON);
  const dir = mkdtempSync(join(tmpdir(), "casebot-pg-"));
  const data = join(dir, "data");
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, tool), ...args]) : run(join(bin, tool), args);
  await pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  const cluster: PgCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await pg("pg_ctl", ["-D", data, "-o", opts, "-l", join(dir, "log"), "-w", "-t", "60", "start"]);
    },
    async stop() {
      await pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
    },
    async restart() {
      await cluster.stop();
      await cluster.start();
    },
    async destroy() {
      await cluster.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

/** A database of its own on the cluster. */
export async function createClusterDatabase(cluster: PgCluster, name: string): Promise<string> {
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}
