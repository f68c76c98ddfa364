import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStoreKey } from './key.ts';
import { initStore, openStore } from './store.ts';

const KEY = 'correct horse battery staple';
let dir: string;
const saved = { key: process.env.VINDEX_DB_KEY, file: process.env.VINDEX_DB_KEYFILE };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vindex-key-'));
  // Stores opened without an explicit key read these: the tests need them unset.
  delete process.env.VINDEX_DB_KEY;
  delete process.env.VINDEX_DB_KEYFILE;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved.key !== undefined) process.env.VINDEX_DB_KEY = saved.key;
  if (saved.file !== undefined) process.env.VINDEX_DB_KEYFILE = saved.file;
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('encryption at rest (SQLCipher 4 via SQLite3 Multiple Ciphers)', () => {
  it('an encrypted store holds no plaintext, reopens with its key, and refuses a wrong or missing key', async () => {
    const file = join(dir, 'enc.db');
    const store = await initStore(file, { key: KEY });
    await store.db.insertInto('meta').values({ key: 'marker', value: 'plain-text-marker-1234' }).execute();
    await store.close();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\u0000');
    expect(bytes.includes(Buffer.from('plain-text-marker-1234'))).toBe(false);
    expect(bytes.includes(Buffer.from('codebook_version'))).toBe(false);

    const again = await openStore(file, { key: KEY });
    const row = await again.db.selectFrom('meta').select('value').where('key', '=', 'marker').executeTakeFirst();
    expect(row?.value).toBe('plain-text-marker-1234');
    await again.close();

    expect(await codeOf(openStore(file, { key: 'a wrong key of some length' }))).toBe('VDX_STORE_KEY');
    expect(await codeOf(openStore(file))).toBe('VDX_STORE_KEY');
  });

  it('a plain store opened with a key is refused, not silently read', async () => {
    const file = join(dir, 'plain.db');
    const store = await initStore(file);
    await store.close();
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(await codeOf(openStore(file, { key: KEY }))).toBe('VDX_STORE_KEY');
  });

  it('reads the key from VINDEX_DB_KEYFILE (mode 600, first line) before VINDEX_DB_KEY, and checks it', () => {
    const keyfile = join(dir, 'store.key');
    writeFileSync(keyfile, `${KEY}\nignored\n`, { mode: 0o600 });
    expect(resolveStoreKey({ VINDEX_DB_KEYFILE: keyfile, VINDEX_DB_KEY: 'another key, not used here' })).toBe(KEY);
    expect(resolveStoreKey({ VINDEX_DB_KEY: 'sixteen chars ok' })).toBe('sixteen chars ok');
    expect(resolveStoreKey({})).toBeUndefined();
    expect(() => resolveStoreKey({ VINDEX_DB_KEY: 'short' })).toThrow(/shorter than 16/);
    expect(() => resolveStoreKey({ VINDEX_DB_KEYFILE: join(dir, 'missing.key') })).toThrow(/does not exist/);
    chmodSync(keyfile, 0o644);
    expect(() => resolveStoreKey({ VINDEX_DB_KEYFILE: keyfile })).toThrow(/readable by others/);
  });
});
