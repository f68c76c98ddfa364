import { type Kysely, type Migration, Migrator } from 'kysely';
import * as initial from './migrations/0001-initial.ts';
import * as samplingCoding from './migrations/0002-sampling-coding.ts';
import * as release from './migrations/0003-release.ts';

/** Every migration, in order; the same set runs on SQLite and PostgreSQL. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-sampling-coding': samplingCoding,
  '0003-release': release,
};

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}
