import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VindexError } from '../errors.ts';
import { importFiles } from '../ingest/import.ts';
import { seriesRecord, toCsv } from '../ingest/testing/records.ts';
import { storeDump } from '../ingest/testing/temp-store.ts';
import { columnOf, initStore, openStore, readSecret, resolveDbPath, secretPath } from './index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vindex-store-test-'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

function thrown(f: () => unknown): VindexError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(VindexError);
    return e as VindexError;
  }
  throw new Error('expected an error');
}

async function rejected(p: Promise<unknown>): Promise<VindexError> {
  const e = await p.then(() => new Error('expected an error'), (x: unknown) => x);
  expect(e).toBeInstanceOf(VindexError);
  return e as VindexError;
}

const mode = (f: string): number => statSync(f).mode & 0o777;

describe('initStore', () => {
  it('creates the database and a 64-hex-character secret with mode 600 beside it', async () => {
    const db = join(dir, 'a.db');
    const store = await initStore(db);
    expect(store.location).toBe(db);
    expect(store.secretFile).toBe(`${db}.secret`);
    expect(mode(`${db}.secret`)).toBe(0o600);
    expect(readFileSync(`${db}.secret`, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(store.secret()).toEqual(Buffer.from(readFileSync(`${db}.secret`, 'utf8').trim(), 'hex'));
    expect(await store.db.selectFrom('meta').select(['key', 'value']).where('key', '=', 'codebook_version').execute()).toEqual([{ key: 'codebook_version', value: '1.0.0' }]);
    await store.close();
  });

  it('makes the secret mode 600 whatever the umask', async () => {
    const old = process.umask(0o000);
    try {
      const store = await initStore(join(dir, 'u.db'));
      expect(mode(join(dir, 'u.db.secret'))).toBe(0o600);
      await store.close();
    } finally {
      process.umask(old);
    }
  });

  it('refuses to replace an existing store unless forced; forced, it makes a new secret', async () => {
    const db = join(dir, 'a.db');
    await (await initStore(db)).close();
    const first = readFileSync(`${db}.secret`, 'utf8');
    const err = await rejected(initStore(db));
    expect(err.code).toBe('VDX_STORE_EXISTS');
    expect(err.message).toBe(`${db} already exists`);
    await (await initStore(db, { force: true })).close();
    expect(readFileSync(`${db}.secret`, 'utf8')).not.toBe(first);
    expect(mode(`${db}.secret`)).toBe(0o600);
  });

  it('puts the secret at VINDEX_SECRET_FILE when set', async () => {
    const elsewhere = join(dir, 'keys', 'vindex.secret');
    mkdirSync(join(dir, 'keys'));
    vi.stubEnv('VINDEX_SECRET_FILE', elsewhere);
    const store = await initStore(join(dir, 'b.db'));
    expect(store.secretFile).toBe(elsewhere);
    expect(existsSync(elsewhere)).toBe(true);
    expect(existsSync(join(dir, 'b.db.secret'))).toBe(false);
    expect(mode(elsewhere)).toBe(0o600);
    await store.close();
  });
});

describe('openStore and paths', () => {
  it('refuses a store that does not exist', async () => {
    const err = await rejected(openStore(join(dir, 'none.db')));
    expect(err.code).toBe('VDX_STORE_NOT_INITIALISED');
    expect(err.message).toBe(`there is no store at ${join(dir, 'none.db')}`);
    expect(err.exitCode).toBe(3);
  });

  it('resolves --db, then VINDEX_DB, then ./vindex.db; the secret beside it unless VINDEX_SECRET_FILE', () => {
    expect(resolveDbPath('/x/a.db', { VINDEX_DB: '/y/b.db' })).toBe('/x/a.db');
    expect(resolveDbPath(undefined, { VINDEX_DB: '/y/b.db' })).toBe('/y/b.db');
    expect(resolveDbPath(undefined, {})).toBe(resolve('vindex.db'));
    expect(secretPath('/x/a.db', {})).toBe('/x/a.db.secret');
    expect(secretPath('/x/a.db', { VINDEX_SECRET_FILE: '/k/s' })).toBe('/k/s');
  });

  it('maps codebook variables to columns', () => {
    expect(columnOf('series.firstSeen')).toBe('first_seen');
    expect(columnOf('victim.severityAmbiguous')).toBe('severity_ambiguous');
    expect(columnOf('series.abuseCountryConfirmed')).toBe('abuse_country_confirmed');
    expect(columnOf('offender.gender')).toBe('gender');
  });
});

describe('readSecret', () => {
  const secretFile = (): string => join(dir, 's.secret');
  const write = (text: string, m: number): string => {
    writeFileSync(secretFile(), text, { mode: m });
    chmodSync(secretFile(), m);
    return secretFile();
  };

  it('reads a mode-600 secret', () => {
    expect(readSecret(write('ab'.repeat(32) + '\n', 0o600))).toEqual(Buffer.alloc(32, 0xab));
    expect(readSecret(write('cd'.repeat(32), 0o400))).toEqual(Buffer.alloc(32, 0xcd));
  });

  it('refuses a secret readable by others or by the group', () => {
    for (const m of [0o644, 0o604, 0o640, 0o666, 0o660]) {
      const f = write('ab'.repeat(32) + '\n', m);
      const err = thrown(() => readSecret(f));
      expect(err.code).toBe('VDX_SECRET_INVALID');
      expect(err.message).toBe(`the installation secret ${f} is readable by others (mode ${m.toString(8)}); run chmod 600 ${f}`);
    }
  });

  it('refuses a secret that is not 64 hex characters, and a missing one', () => {
    for (const text of ['', 'ab'.repeat(31), 'ab'.repeat(33), 'zz'.repeat(32)]) {
      const f = write(text, 0o600);
      const err = thrown(() => readSecret(f));
      expect(err.code).toBe('VDX_SECRET_INVALID');
      expect(err.message).toBe(`the installation secret ${f} is not 64 hex characters`);
    }
    const missing = join(dir, 'missing.secret');
    const err = thrown(() => readSecret(missing));
    expect(err.code).toBe('VDX_STORE_NOT_INITIALISED');
    expect(err.message).toBe(`the installation secret ${missing} does not exist`);
  });

  it('an import with a world-readable secret is refused with VDX_SECRET_INVALID and writes nothing', async () => {
    const db = join(dir, 'c.db');
    await (await initStore(db)).close();
    chmodSync(`${db}.secret`, 0o644);
    const store = await openStore(db);
    try {
      const before = await storeDump(store);
      const file = join(dir, 'a.csv');
      writeFileSync(file, toCsv([seriesRecord('S-1')]));
      const err = await rejected(importFiles({ store, files: [file], today: '2024-06-30' }));
      expect(err.code).toBe('VDX_SECRET_INVALID');
      expect(err.exitCode).toBe(3);
      expect(await storeDump(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });
});
