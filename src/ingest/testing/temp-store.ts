import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { initStore, openStore, type Store } from '../../store/index.ts';
import { createSecret } from '../../store/secret.ts';

/**
 * The PostgreSQL run of the tests (vitest project `postgres`): VINDEX_TEST_PG names a server (any
 * database on it, e.g. postgres://postgres@127.0.0.1:54329/postgres) on which every tempStore
 * creates a database of its own and drops it on cleanup. Unset (or empty): stores are SQLite files.
 */
export const testPostgres: string | undefined = process.env.VINDEX_TEST_PG || undefined;
export const isPostgresRun = testPostgres !== undefined;

/**
 * Test databases are named vindex_t_<pid of the vitest run>_<random>: the run's global teardown
 * (pg-teardown.ts) drops whatever of its own a crashed or killed worker left behind, and only that.
 */
export const testDatabasePrefix = (runPid: number): string => `vindex_t_${runPid}_`;

/** Runs one statement on the test server's maintenance database (CREATE / DROP DATABASE cannot run in a store's own). */
async function onTestServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgres });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new database on the test server (empty, or a copy of `template`); returns its URL and how to drop it. */
export async function tempPostgresDatabase(template?: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  // Workers are forked by the vitest process: their parent's pid names the run.
  const name = `${testDatabasePrefix(process.ppid)}${randomBytes(6).toString('hex')}`;
  await onTestServer(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const url = new URL(testPostgres!);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => onTestServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

let template: Promise<string> | undefined;

/**
 * A store initialised once per test process (initStore: migrations and meta) and copied for every
 * tempStore: CREATE DATABASE … TEMPLATE costs a file copy, the migrations a few hundred statements.
 */
function storeTemplate(): Promise<string> {
  template ??= (async () => {
    const database = await tempPostgresDatabase();
    const store = await initStore(database.url);
    rmSync(store.secretFile, { force: true });
    await store.close();
    return database.name;
  })();
  return template;
}

/** A fresh store in its own temporary directory, for one test; `cleanup` removes everything. */
export interface TempStore {
  readonly dir: string;
  /** The SQLite file of the store; on the PostgreSQL run a path where no file is (use dbArg for --db). */
  readonly dbPath: string;
  /** What `--db` takes to reach this store: dbPath, or the database URL on the PostgreSQL run. */
  readonly dbArg: string;
  readonly store: Store;
  /** Writes a file into the temporary directory and returns its path. */
  file(name: string, content: string | Buffer): string;
  /** Closes the store early (e.g. to read the database files); cleanup then only removes the directory. */
  closeStore(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function tempStore(): Promise<TempStore> {
  if (process.env.VINDEX_SECRET_FILE) throw new Error('unset VINDEX_SECRET_FILE before running the tests');
  const dir = mkdtempSync(join(tmpdir(), 'vindex-test-'));
  const dbPath = join(dir, 'test.db');
  const database = isPostgresRun ? await tempPostgresDatabase(await storeTemplate()) : undefined;
  const dbArg = database?.url ?? dbPath;
  let store: Store;
  if (database) {
    store = await openStore(dbArg);
    createSecret(store.secretFile);
  } else {
    store = await initStore(dbArg);
  }
  let closed = false;
  const closeStore = async (): Promise<void> => {
    if (!closed) await store.close();
    closed = true;
  };
  return {
    dir,
    dbPath,
    dbArg,
    store,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    closeStore,
    async cleanup() {
      await closeStore();
      rmSync(dir, { recursive: true, force: true });
      if (database) {
        rmSync(store.secretFile, { force: true });
        await database.drop();
      }
    },
  };
}

export interface StoreCounts {
  readonly sources: number;
  readonly series: number;
  readonly victims: number;
  readonly offenders: number;
  readonly batches: number;
}

export async function storeCounts(store: Store): Promise<StoreCounts> {
  const count = async (table: 'source' | 'series' | 'victim' | 'offender' | 'import_batch'): Promise<number> =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { sources: await count('source'), series: await count('series'), victims: await count('victim'), offenders: await count('offender'), batches: await count('import_batch') };
}

/** Every row of every data table, in key order: two equal dumps mean an unchanged store. */
export async function storeDump(store: Store): Promise<Record<string, unknown[]>> {
  return {
    meta: await store.db.selectFrom('meta').selectAll().orderBy('key').execute(),
    source: await store.db.selectFrom('source').selectAll().orderBy('code').execute(),
    import_batch: await store.db.selectFrom('import_batch').selectAll().orderBy('content_hash').execute(),
    series: await store.db.selectFrom('series').selectAll().orderBy('key').execute(),
    victim: await store.db.selectFrom('victim').selectAll().orderBy('key').execute(),
    offender: await store.db.selectFrom('offender').selectAll().orderBy('key').execute(),
    audit_log: await store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute(),
  };
}
