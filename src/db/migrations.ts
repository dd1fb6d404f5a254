/**
 * Applying drizzle/'s migrations, all of them or only up to one: issue 12's conversion
 * (src/db/convert.ts) runs between 0009, which adds the ref and sealed columns, and 0010, which
 * drops the clear ones it empties (src/app.ts, migrateDatabase).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";

/** The migration after which the conversion runs: the next one drops the columns it reads. */
export const CONVERT_AFTER = "0009_sealed_ids";

interface Migrator {
  dialect: { migrate(migrations: unknown[], session: unknown, config: { migrationsFolder: string }): Promise<void> };
  session: unknown;
}

/**
 * What drizzle's `migrate` does (those after the store's last applied, in one transaction), on
 * the migrations up to `through` when given. The same hashes and instants as drizzle's own, so
 * either can go on from the other.
 */
export async function applyMigrations(db: object, dir: string, through?: string): Promise<void> {
  const all = readMigrationFiles({ migrationsFolder: dir });
  let list = all;
  if (through !== undefined) {
    const journal = JSON.parse(readFileSync(join(dir, "meta", "_journal.json"), "utf8")) as { entries: Array<{ tag: string }> };
    const i = journal.entries.findIndex((e) => e.tag === through);
    if (i < 0) throw new Error(`no migration ${through} in ${dir}`);
    list = all.slice(0, i + 1);
  }
  const m = db as unknown as Migrator;
  await m.dialect.migrate(list, m.session, { migrationsFolder: dir });
}
