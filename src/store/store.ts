import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { CODEBOOK } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import type { BulkWriter } from './bulk.ts';
import { connectionError, isPostgresUrl, openPostgres, postgresBulkWriter, redactUrl } from './dialects/postgres.ts';
import { openSqlite, sqliteBulkWriter } from './dialects/sqlite.ts';
import { migrateToLatest, migrateToNone } from './migrate.ts';
import type { Database } from './schema.ts';
import { resolveStoreKey } from './key.ts';
import { createSecret, readSecret, secretPath } from './secret.ts';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite' | 'postgres';
  /** The database file (or connection string, without its password) the store was opened from. */
  readonly location: string;
  readonly secretFile: string;
  bulkWriter(): BulkWriter;
  /** The installation secret that keys identifier hashes. */
  secret(): Buffer;
  close(): Promise<void>;
}

/** --db, else VINDEX_DB, else ./vindex.db; a postgres:// (postgresql://) URL is kept as it is. */
export function resolveDbPath(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  const location = option || env.VINDEX_DB || 'vindex.db';
  return isPostgresUrl(location) ? location : resolve(location);
}

/** A Store over an open connection: the secret is read on first use, close() ends the connection. */
function storeOf(fields: Pick<Store, 'db' | 'dialect' | 'location' | 'secretFile' | 'bulkWriter'>): Store {
  let secret: Buffer | undefined;
  return { ...fields, secret: () => (secret ??= readSecret(fields.secretFile)), close: () => fields.db.destroy() };
}

function wrap(location: string, key: string | undefined): Store {
  const { db, raw } = openSqlite(location, key);
  return storeOf({ db, dialect: 'sqlite', location, secretFile: secretPath(location), bulkWriter: () => sqliteBulkWriter(raw) });
}

/** A PostgreSQL store, connected (a server that cannot be reached fails here); `exists`: whether its schema has Vindex tables. */
async function wrapPostgres(url: string, key: string | undefined): Promise<{ store: Store; exists: boolean }> {
  // As with a plain SQLite file, a key that cannot apply is refused rather than silently ignored.
  if (key !== undefined) throw new VindexError('VDX_STORE_KEY', `${redactUrl(url)} is a PostgreSQL store: VINDEX_DB_KEYFILE / VINDEX_DB_KEY encrypt SQLite files only (encrypt PostgreSQL's storage on the server); unset them`);
  const { db, pool } = openPostgres(url);
  const location = redactUrl(url);
  const store = storeOf({ db, dialect: 'postgres', location, secretFile: secretPath(url), bulkWriter: () => postgresBulkWriter(pool) });
  try {
    const { rows } = await sql<{ n: number }>`select count(*) as n from information_schema.tables where table_schema = current_schema() and table_name in ('meta', 'kysely_migration')`.execute(db);
    return { store, exists: Number(rows[0]!.n) > 0 };
  } catch (e) {
    await db.destroy();
    throw connectionError(e, location);
  }
}

export interface StoreOptions {
  /** Encryption key of the file; default from VINDEX_DB_KEYFILE / VINDEX_DB_KEY (resolveStoreKey), none = plain SQLite. */
  readonly key?: string;
}

/** `vindex init`: a new store with its schema and a new installation secret (encrypted when a key is set). */
export async function initStore(location: string, options: { force?: boolean } & StoreOptions = {}): Promise<Store> {
  const secretFile = secretPath(location);
  let store: Store;
  if (isPostgresUrl(location)) {
    const pg = await wrapPostgres(location, options.key ?? resolveStoreKey());
    store = pg.store;
    if (pg.exists) {
      if (!options.force) {
        await store.close();
        throw new VindexError('VDX_STORE_EXISTS', `${store.location} already holds a Vindex store`);
      }
      await migrateToNone(store.db as Kysely<unknown>);
      rmSync(secretFile, { force: true });
    }
  } else {
    const key = options.key ?? resolveStoreKey();
    if (existsSync(location)) {
      if (!options.force) throw new VindexError('VDX_STORE_EXISTS', `${location} already exists`);
      for (const f of [location, `${location}-wal`, `${location}-shm`, secretFile]) rmSync(f, { force: true });
    }
    store = wrap(location, key);
  }
  await migrateToLatest(store.db as Kysely<unknown>);
  await store.db.insertInto('meta').values([
    { key: 'codebook_version', value: CODEBOOK.version },
    { key: 'created_at', value: new Date().toISOString() },
  ]).execute();
  if (!existsSync(secretFile) || options.force) createSecret(secretFile);
  return store;
}

/** Opens an initialised store; migrates it forward if the software is newer. */
export async function openStore(location: string, options: StoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { store, exists } = await wrapPostgres(location, options.key ?? resolveStoreKey());
    if (!exists) {
      await store.close();
      throw new VindexError('VDX_STORE_NOT_INITIALISED', `there is no Vindex store in ${store.location}`);
    }
    await migrateToLatest(store.db as Kysely<unknown>);
    return store;
  }
  if (!existsSync(location)) throw new VindexError('VDX_STORE_NOT_INITIALISED', `there is no store at ${location}`);
  const store = wrap(location, options.key ?? resolveStoreKey());
  await migrateToLatest(store.db as Kysely<unknown>);
  return store;
}
