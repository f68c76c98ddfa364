import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { CODEBOOK } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import type { BulkWriter } from './bulk.ts';
import { openSqlite, sqliteBulkWriter } from './dialects/sqlite.ts';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';
import { resolveStoreKey } from './key.ts';
import { createSecret, readSecret, secretPath } from './secret.ts';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: 'sqlite';
  /** The database file (or connection string) the store was opened from. */
  readonly location: string;
  readonly secretFile: string;
  bulkWriter(): BulkWriter;
  /** The installation secret that keys identifier hashes. */
  secret(): Buffer;
  close(): Promise<void>;
}

/** --db, else VINDEX_DB, else ./vindex.db. */
export function resolveDbPath(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(option || env.VINDEX_DB || 'vindex.db');
}

function wrap(location: string, key: string | undefined): Store {
  const { db, raw } = openSqlite(location, key);
  const secretFile = secretPath(location);
  let secret: Buffer | undefined;
  return {
    db,
    dialect: 'sqlite',
    location,
    secretFile,
    bulkWriter: () => sqliteBulkWriter(raw),
    secret: () => (secret ??= readSecret(secretFile)),
    close: () => db.destroy(),
  };
}

export interface StoreOptions {
  /** Encryption key of the file; default from VINDEX_DB_KEYFILE / VINDEX_DB_KEY (resolveStoreKey), none = plain SQLite. */
  readonly key?: string;
}

/** `vindex init`: a new store with its schema and a new installation secret (encrypted when a key is set). */
export async function initStore(location: string, options: { force?: boolean } & StoreOptions = {}): Promise<Store> {
  const key = options.key ?? resolveStoreKey();
  const secretFile = secretPath(location);
  if (existsSync(location)) {
    if (!options.force) throw new VindexError('VDX_STORE_EXISTS', `${location} already exists`);
    for (const f of [location, `${location}-wal`, `${location}-shm`, secretFile]) rmSync(f, { force: true });
  }
  const store = wrap(location, key);
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
  if (!existsSync(location)) throw new VindexError('VDX_STORE_NOT_INITIALISED', `there is no store at ${location}`);
  const store = wrap(location, options.key ?? resolveStoreKey());
  await migrateToLatest(store.db as Kysely<unknown>);
  return store;
}
