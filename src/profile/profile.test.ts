import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDataset, type ExportDataset } from '../export/index.ts';
import { importFiles } from '../ingest/index.ts';
import { expectClose } from '../stats/testing/close.ts';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import type { Store } from '../store/index.ts';
import { assembleProfile, computeProfile, cubesFromRows, type PlainRow, type Profile } from './index.ts';

// Expected values: scripts/reference/profile.R (R prop.test(correct = FALSE), chisq.test(correct = FALSE)) on the same file.
const FIXTURE = new URL('./fixtures/profile-reference.csv', import.meta.url).pathname;
interface RefRow { category: string; count: number; share: number; lower: number; upper: number }
interface RefAssoc { rowCategories: string[]; columnCategories: string[]; table: number[][]; chiSquare: number; df: number; pValue: number; cramersV: number }
const REF = JSON.parse(readFileSync(new URL('./fixtures/profile-reference.json', import.meta.url), 'utf8')) as {
  tables: Record<string, RefRow[]>;
  associations: Record<string, RefAssoc>;
  counts: { series: number; victims: number };
};
const TOL = 1e-9;

let dir: string;
let t: TempStore;
let store: Store;
let profile: Profile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vindex-profile-'));
  t = await tempStore();
  store = t.store;
  await importFiles({ store, files: [FIXTURE], today: '2026-01-01' });
  profile = await computeProfile(store, { generatedAt: '2026-01-01T00:00:00.000Z' });
});

afterAll(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('study profile against R', () => {
  it('counts what was imported', () => {
    expect(profile.manifest.counts).toEqual({ sources: 1, series: REF.counts.series, victims: REF.counts.victims, offenders: 0 });
  });

  for (const id of Object.keys(REF.tables)) {
    it(`table ${id}: counts, shares and Wilson intervals equal R's`, () => {
      const table = profile.tables.find((t) => t.id === id);
      expect(table, id).toBeDefined();
      expect(table!.rows.map((r) => r.category)).toEqual(REF.tables[id]!.map((r) => r.category));
      table!.rows.forEach((row, i) => {
        const ref = REF.tables[id]![i]!;
        expect(row.count, `${id} ${row.category} count`).toBe(ref.count);
        expectClose(row.share, ref.share, TOL, `${id} ${row.category} share`);
        expectClose(row.lower, ref.lower, TOL, `${id} ${row.category} lower`);
        expectClose(row.upper, ref.upper, TOL, `${id} ${row.category} upper`);
      });
    });
  }

  for (const id of Object.keys(REF.associations)) {
    it(`association ${id}: table, χ², df, p and Cramér's V equal R's`, () => {
      const a = profile.associations.find((x) => x.id === id);
      const ref = REF.associations[id]!;
      expect(a, id).toBeDefined();
      expect(a!.rowCategories).toEqual(ref.rowCategories);
      expect(a!.columnCategories).toEqual(ref.columnCategories);
      expect(a!.table).toEqual(ref.table);
      expect(a!.df).toBe(ref.df);
      expectClose(a!.chiSquare, ref.chiSquare, TOL, `${id} chi-square`);
      expectClose(a!.pValue, ref.pValue, TOL, `${id} p`);
      expectClose(a!.cramersV, ref.cramersV, TOL, `${id} V`);
    });
  }

  it('finds the association the reference data were built with (boys more often at the most severe level)', () => {
    const a = profile.associations.find((x) => x.id === 'gender-by-severity-all')!;
    expect(a.pValue).toBeLessThan(0.05);
  });
});

async function exported(dataset: ExportDataset): Promise<PlainRow[]> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportDataset({ store, dataset, format: 'jsonl', out });
  return Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as PlainRow);
}

describe('the SQL path equals the plain-rows reference path', () => {
  it('gives the same profile from exported rows as from the store', async () => {
    const series = await exported('series');
    const identified = new Map(series.map((s) => [String(s['series.key']), String(s['series.identified'])]));
    const reference = assembleProfile(cubesFromRows(await exported('victims'), series, await exported('offenders'), identified), profile.manifest);
    expect(reference).toEqual(profile);
  });
});
