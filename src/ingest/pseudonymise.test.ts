import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from './import.ts';
import { Pseudonymiser } from './pseudonymise.ts';
import { offenderRecord, seriesRecord, toCsv, toJsonl, victimRecord } from './testing/records.ts';
import { isPostgresRun, tempStore, type TempStore } from './testing/temp-store.ts';

const SECRET_A = Buffer.alloc(32, 0xa1);
const SECRET_B = Buffer.alloc(32, 0xb2);

describe('Pseudonymiser', () => {
  it('the same id under the same secret gives the same key; a different secret, entity, source or id a different one', () => {
    const a = new Pseudonymiser(SECRET_A);
    const key = a.key('series', 'SRC-T', 'SER-ALPHA-000123');
    expect(new Pseudonymiser(Buffer.from(SECRET_A)).key('series', 'SRC-T', 'SER-ALPHA-000123')).toBe(key);
    expect(a.key('series', 'SRC-T', 'SER-ALPHA-000123')).toBe(key);
    const others = [
      new Pseudonymiser(SECRET_B).key('series', 'SRC-T', 'SER-ALPHA-000123'),
      a.key('victim', 'SRC-T', 'SER-ALPHA-000123'),
      a.key('series', 'SRC-U', 'SER-ALPHA-000123'),
      a.key('series', 'SRC-T', 'SER-ALPHA-000124'),
      // The separator keeps (source, id) pairs apart that would concatenate to the same text.
      a.key('series', 'SRC-TS', 'ER-ALPHA-000123'),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('keys are base64url text that does not contain the id', () => {
    const key = new Pseudonymiser(SECRET_A).key('victim', 'SRC-T', 'VIC-BRAVO-000456');
    expect(key).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(key).not.toContain('VIC-BRAVO');
  });
});

describe('pseudonymisation on import', () => {
  let t: TempStore;
  beforeEach(async () => {
    t = await tempStore();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  // Distinctive identifiers that would be easy to find if any of them were stored.
  const IDS = ['SER-ALPHA-000123', 'SER-ALPHA-000999', 'VIC-BRAVO-000456', 'VIC-BRAVO-000457', 'OFF-CHARLIE-000789', 'VIC-DELTA-JSONL-1'];
  const records = [
    seriesRecord('SER-ALPHA-000123'),
    victimRecord('SER-ALPHA-000123', 'VIC-BRAVO-000456'),
    victimRecord('SER-ALPHA-000123', 'VIC-BRAVO-000457'),
    offenderRecord('SER-ALPHA-000123', 'OFF-CHARLIE-000789'),
    seriesRecord('SER-ALPHA-000999'),
  ];

  // SQLite only: it scans the bytes of the store's files; a PostgreSQL store has none of its own.
  it.skipIf(isPostgresRun)('no external identifier appears anywhere in the database files', async () => {
    await importFiles({ store: t.store, files: [t.file('ids.csv', toCsv(records)), t.file('more.jsonl', toJsonl([victimRecord('SER-ALPHA-000999', 'VIC-DELTA-JSONL-1')]))], today: '2024-06-30' });
    const p = new Pseudonymiser(t.store.secret());
    const stored = await t.store.db.selectFrom('victim').select(['key', 'series_key']).orderBy('key').execute();
    expect(stored).toEqual(
      [
        { key: p.key('victim', 'SRC-T', 'VIC-BRAVO-000456'), series_key: p.key('series', 'SRC-T', 'SER-ALPHA-000123') },
        { key: p.key('victim', 'SRC-T', 'VIC-BRAVO-000457'), series_key: p.key('series', 'SRC-T', 'SER-ALPHA-000123') },
        { key: p.key('victim', 'SRC-T', 'VIC-DELTA-JSONL-1'), series_key: p.key('series', 'SRC-T', 'SER-ALPHA-000999') },
      ].sort((x, y) => (x.key < y.key ? -1 : 1)),
    );
    await t.closeStore();

    const files = [t.dbPath, `${t.dbPath}-wal`, `${t.dbPath}-shm`].filter((f) => existsSync(f));
    expect(files).toContain(t.dbPath);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const id of IDS) {
        expect(bytes.includes(Buffer.from(id, 'utf8')), `${id} in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(id, 'utf16le')), `${id} (UTF-16) in ${f}`).toBe(false);
      }
      // Sanity: the scan does find what is stored (the source code and a key).
      if (f === t.dbPath) expect(bytes.includes(Buffer.from('SRC-T'))).toBe(true);
    }
  });

  it('the same ids imported into two stores with different secrets get different keys; with the same secret, the same keys', async () => {
    const other = await tempStore();
    const same = await tempStore();
    try {
      writeFileSync(same.store.secretFile, readFileSync(t.store.secretFile)); // overwrite keeps the file's mode 600
      for (const s of [t, other, same]) await importFiles({ store: s.store, files: [s.file('ids.csv', toCsv(records))], today: '2024-06-30' });
      const keys = async (s: TempStore) => (await s.store.db.selectFrom('series').select('key').orderBy('key').execute()).map((r) => r.key);
      const [kt, ko, ks] = [await keys(t), await keys(other), await keys(same)];
      expect(kt).toHaveLength(2);
      expect(ks).toEqual(kt);
      expect(ko.filter((k) => kt.includes(k))).toEqual([]);
    } finally {
      await other.cleanup();
      await same.cleanup();
    }
  });
});
