import { type Kysely, type Migration, Migrator, NO_MIGRATIONS } from 'kysely';
import * as initial from './migrations/0001-initial.ts';
import * as samplingCoding from './migrations/0002-sampling-coding.ts';
import * as release from './migrations/0003-release.ts';
import * as users from './migrations/0004-users.ts';

/** Every migration, in order; the same set runs on SQLite and PostgreSQL. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-sampling-coding': samplingCoding,
  '0003-release': release,
  '0004-users': users,
};

const migrator = (db: Kysely<unknown>): Migrator => new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });

function check({ error, results }: Awaited<ReturnType<Migrator['migrateToLatest']>>): void {
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

/**
 * Undoes every migration, then drops Kysely's own bookkeeping tables: `vindex init --force` on a
 * PostgreSQL database, where there is no file to delete. Only Vindex's tables go.
 */
export async function migrateToNone(db: Kysely<unknown>): Promise<void> {
  check(await migrator(db).migrateTo(NO_MIGRATIONS));
  for (const t of ['kysely_migration', 'kysely_migration_lock']) await db.schema.dropTable(t).ifExists().execute();
}
