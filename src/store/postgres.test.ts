import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VindexError } from '../errors.ts';
import { verifyAudit } from '../audit/index.ts';
import { importFiles } from '../ingest/import.ts';
import { seriesRecord, toCsv, victimRecord } from '../ingest/testing/records.ts';
import { isPostgresRun, tempPostgresDatabase, tempStore } from '../ingest/testing/temp-store.ts';
import { initStore, openStore, resolveDbPath, secretPath, type Store } from './index.ts';

// The PostgreSQL side of the store (project `postgres`, VINDEX_TEST_PG); the SQLite side is store.test.ts.
async function rejected(p: Promise<unknown>): Promise<VindexError> {
  const e = await p.then(() => new Error('expected an error'), (x: unknown) => x);
  expect(e).toBeInstanceOf(VindexError);
  return e as VindexError;
}

describe('PostgreSQL URLs', () => {
  it('are kept as they are by resolveDbPath; the default secret is named by user, host, port and database, never the password', () => {
    const url = 'postgres://vindex:s3cret@db.example:6543/study';
    expect(resolveDbPath(url, {})).toBe(url);
    expect(resolveDbPath(undefined, { VINDEX_DB: 'postgresql://h/db' })).toBe('postgresql://h/db');
    const a = secretPath(url, { XDG_CONFIG_HOME: '/cfg' });
    expect(a).toMatch(/^\/cfg\/vindex\/pg-[0-9a-f]{16}\.secret$/);
    expect(secretPath('postgres://vindex:other@db.example:6543/study?sslmode=require', { XDG_CONFIG_HOME: '/cfg' })).toBe(a);
    expect(secretPath('postgres://vindex@db.example:6543/other', { XDG_CONFIG_HOME: '/cfg' })).not.toBe(a);
    expect(secretPath(url, { VINDEX_SECRET_FILE: '/k/s', XDG_CONFIG_HOME: '/cfg' })).toBe('/k/s');
  });
});

describe.skipIf(!isPostgresRun)('a store on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof tempPostgresDatabase>>;
  let store: Store | undefined;
  beforeEach(async () => {
    database = await tempPostgresDatabase();
  });
  afterEach(async () => {
    if (store) {
      await store.close();
      for (const f of [store.secretFile]) if (existsSync(f)) await import('node:fs').then((fs) => fs.rmSync(f));
    }
    store = undefined;
    await database.drop();
  });
  const withPassword = (): string => {
    const u = new URL(database.url);
    u.password = 'pw-not-shown';
    return u.toString();
  };

  it('init creates the schema and a mode-600 secret outside the database; location never shows the password', async () => {
    store = await initStore(withPassword());
    expect(store.dialect).toBe('postgres');
    expect(store.location).toBe(database.url);
    expect(store.location).not.toContain('pw-not-shown');
    expect(store.secretFile).toBe(join(process.env.XDG_CONFIG_HOME!, 'vindex', `${store.secretFile.split('/').pop()}`));
    expect(statSync(store.secretFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(store.secretFile, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(await store.db.selectFrom('meta').select('value').where('key', '=', 'codebook_version').execute()).toEqual([{ value: '1.0.0' }]);
  });

  it('refuses to init over a Vindex schema unless forced; forced, the data and the secret are new', async () => {
    store = await initStore(database.url);
    await store.db.insertInto('meta').values({ key: 'marker', value: 'x' }).execute();
    const first = readFileSync(store.secretFile, 'utf8');
    await store.close();
    store = undefined;
    const err = await rejected(initStore(database.url));
    expect(err.code).toBe('VDX_STORE_EXISTS');
    expect(err.message).toBe(`${database.url} already holds a Vindex store`);
    store = await initStore(database.url, { force: true });
    expect(await store.db.selectFrom('meta').select('key').where('key', '=', 'marker').execute()).toEqual([]);
    expect(readFileSync(store.secretFile, 'utf8')).not.toBe(first);
  });

  it('open: an empty database is not initialised; a missing database and a closed port say so', async () => {
    expect((await rejected(openStore(database.url))).message).toBe(`there is no Vindex store in ${database.url}`);
    const missing = new URL(database.url);
    missing.pathname = '/vindex_no_such_database';
    const err = await rejected(openStore(missing.toString()));
    expect(err.code).toBe('VDX_STORE_NOT_INITIALISED');
    expect(err.message).toMatch(/does not exist: create it first/);
    const closed = new URL(database.url);
    closed.port = '1';
    expect((await rejected(openStore(closed.toString()))).code).toBe('VDX_STORE_UNREACHABLE');
  });

  it('refuses an encryption key: it applies to SQLite files only', async () => {
    expect((await rejected(initStore(database.url, { key: 'k'.repeat(20) }))).code).toBe('VDX_STORE_KEY');
  });

  it('text compares bytewise (collation "C", as SQLite): ORDER BY gives the same order on every server', async () => {
    store = await initStore(database.url);
    const { rows } = await sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns where table_schema = current_schema() and data_type = 'text' and table_name not like 'kysely%' and collation_name is distinct from 'C'`.execute(store.db);
    expect(rows).toEqual([]);
    const keys = ['b', 'B', 'a', '_x', 'A', 'a-b', 'aB', 'ab', 'Z9', '9Z'];
    await store.db.insertInto('meta').values(keys.map((key) => ({ key, value: '' }))).execute();
    const ordered = (await store.db.selectFrom('meta').select('key').where('key', 'in', keys).orderBy('key').execute()).map((r) => r.key);
    expect(ordered).toEqual([...keys].sort());
  });

  it('counts and sums come back as numbers, as on SQLite', async () => {
    store = await initStore(database.url);
    const row = await store.db.selectFrom('meta').select((eb) => [eb.fn.countAll().as('n'), sql<number>`sum(length(value))`.as('s'), sql<number>`avg(length(key))`.as('a')]).executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 2, s: 29, a: expect.any(Number) });
  });

  it('bulk writer: duplicates in one statement and against stored rows are reported, not thrown; rollback undoes rows and what its db wrote', async () => {
    store = await initStore(database.url);
    const w = store.bulkWriter();
    const columns = ['code', 'kind'];
    await w.begin();
    expect(await w.insert('source', columns, [['A', null], ['B', 'x'], ['A', 'y']])).toEqual([2]);
    expect(await w.insert('source', columns, [['C', null], ['B', null]])).toEqual([1]);
    await w.commit();
    expect((await store.db.selectFrom('source').selectAll().orderBy('code').execute()).map((r) => [r.code, r.kind])).toEqual([['A', null], ['B', 'x'], ['C', null]]);

    const again = store.bulkWriter();
    await again.begin();
    expect(await again.insert('source', columns, [['D', null]])).toEqual([]);
    await again.db.insertInto('meta').values({ key: 'in-transaction', value: '1' }).execute();
    expect(await again.maxSeriesId()).toBe(0);
    await again.rollback();
    expect(await store.db.selectFrom('source').select('code').where('code', '=', 'D').execute()).toEqual([]);
    expect(await store.db.selectFrom('meta').select('key').where('key', '=', 'in-transaction').execute()).toEqual([]);
  });

  it('two imports at once both land, with distinct series ids and one audit chain (PostgreSQL runs them concurrently)', async () => {
    const t = await tempStore();
    try {
      const a = t.file('a.csv', toCsv([seriesRecord('A-1'), seriesRecord('A-2'), victimRecord('A-1', 'VA-1')]));
      const b = t.file('b.csv', toCsv([seriesRecord('B-1'), seriesRecord('B-2'), seriesRecord('B-3'), victimRecord('B-3', 'VB-1')]));
      await Promise.all([importFiles({ store: t.store, files: [a], today: '2024-06-30' }), importFiles({ store: t.store, files: [b], today: '2024-06-30' })]);
      expect((await t.store.db.selectFrom('series').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
      expect(await t.store.db.selectFrom('victim').select('series_id').execute()).toHaveLength(2);
      expect(await verifyAudit(t.store.db)).toEqual({ ok: true, entries: 2 });
    } finally {
      await t.cleanup();
    }
  });

  it('a second import waits for the first (advisory lock), then reads the series ids it committed', async () => {
    store = await initStore(database.url);
    const first = store.bulkWriter();
    const second = store.bulkWriter();
    await first.begin();
    await first.insert('import_batch', ['content_hash', 'file_name', 'format', 'imported_at', 'codebook_version', 'sources', 'series', 'victims', 'offenders'], [['h1', 'a.csv', 'csv', '2024-01-01T00:00:00Z', '1.0.0', 1, 1, 0, 0]]);
    await first.insert('source', ['code', 'kind'], [['SRC', null]]);
    await first.insert('series', ['id', 'key', 'source', 'country', 'first_seen', 'identified', 'batch'], [[1, 'k1', 'SRC', 'FR', '2020-01-01', 'no', 'h1']]);
    const began = second.begin();
    let waiting = false;
    for (let i = 0; i < 500 && !waiting; i++) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`.execute(store.db);
      waiting = rows[0]!.n > 0;
      if (!waiting) await new Promise((r) => setTimeout(r, 20));
    }
    expect(waiting).toBe(true);
    await first.commit();
    await began;
    expect(await second.maxSeriesId()).toBe(1);
    await second.rollback();
  });
});
