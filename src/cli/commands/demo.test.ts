import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../release/files.ts';
import { openStore } from '../../store/index.ts';
import { runCli } from '../testing/run-cli.ts';

// End to end: `vindex demo` on a small synthetic world (ending in a release), then `vindex profile --json` on its store.
let dir: string;
let code: number;
let result: { indexPath: string; release: string; releaseId: string; audit: { pass: boolean; suppressedCells: number }; store: string; data: string };
let stderr = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vindex-demo-'));
  const run = await runCli(['demo', '--dir', dir, '--series', '600', '--seed', '3', '--json']);
  code = run.code;
  stderr = run.err;
  result = JSON.parse(run.out);
}, 600_000); // disclosure control of about 2,300 linked counts: a minute on 2 cores

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vindex demo', () => {
  it('exits 0 and reports where it wrote the report, store and data', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(result.indexPath).toBe(join(dir, 'release', 'report', 'index.html'));
    expect(result.releaseId).toBe('rel1');
    expect(result.store).toBe(join(dir, 'vindex.db'));
    expect(existsSync(result.data)).toBe(true);
  });

  it('writes a self-contained report with the indicator section, a world map and trend charts, saying the data are synthetic', () => {
    const page = readFileSync(result.indexPath, 'utf8');
    expect(page).toMatch(/synthetic/i);
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/<img|<script[^>]+src=|<link[^>]+href=/i);
    for (const id of ['id="indicators"', 'id="indicator-victims-unidentified"', 'id="indicator-time-to-identification"', 'id="disclosure-control"', 'id="provenance"']) expect(page).toContain(id);
    // A world map and a trend chart for each of the 13 shipped indicators.
    expect((page.match(/<figure class="chart map" id="indicator-map-/g) ?? []).length).toBe(13);
    expect((page.match(/class="choropleth"/g) ?? []).length).toBe(13);
    expect((page.match(/<figure class="chart" id="indicator-trend-[a-z0-9-]+">\s*<div class="chart-body"><svg/g) ?? []).length).toBe(13);
    expect(page).toMatch(/Audit: passed/);
  });

  it('passes the disclosure audit and verifies against its manifest', async () => {
    expect(result.audit.pass).toBe(true);
    expect(result.audit.suppressedCells).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(result.release, 'manifest.json'), 'utf8')) as { disclosure: { audit: { pass: boolean } }; files: { path: string }[] };
    expect(manifest.disclosure.audit.pass).toBe(true);
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['indicators.csv', 'sdmx/indicators.sdmx.csv', 'sdmx/indicators.sdmx.json', 'sdmx/structure.sdmx.json', 'sdmx/structure.sdmx.xml', 'report/index.html']));
    const verify = await runCli(['release', 'verify', result.release, '--db', result.store]);
    expect(verify.err).toBe('');
    expect(verify.code).toBe(0);
  });

  it('publishes no count from 1 to 9 in any CSV or SDMX file of the release', async () => {
    let counts = 0;
    for (const path of (await listFiles(result.release)).filter((p) => p.endsWith('.csv'))) {
      const rows = Papa.parse<Record<string, string>>(readFileSync(join(result.release, path), 'utf8'), { header: true, skipEmptyLines: true }).data;
      for (const row of rows) {
        const values = [row.numerator, row.denominator, row.UNIT_MEASURE === 'NUMBER' ? row.OBS_VALUE : undefined, row.unit === 'count' ? row.value : undefined];
        for (const v of values) {
          if (v === undefined || v === '') continue;
          counts += 1;
          const x = Number(v);
          expect(x === 0 || x >= 10, `${path}: count ${v}`).toBe(true);
        }
      }
    }
    expect(counts).toBeGreaterThan(100);
    const json = JSON.parse(readFileSync(join(result.release, 'sdmx', 'indicators.sdmx.json'), 'utf8')) as object;
    expect(JSON.stringify(json)).toContain('CONF_STATUS');
  });

  it('leaves the tables of the report as CSV beside it', () => {
    const tables = readdirSync(join(result.release, 'report', 'indicators'));
    expect(tables).toContain('victims-unidentified-by-country.csv');
    expect(tables).toContain('victims-unidentified-by-year.csv');
  });

  it('leaves a store with the 600 synthetic series, marked synthetic', async () => {
    const store = await openStore(result.store);
    try {
      const n = await store.db.selectFrom('series').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(600);
      const meta = await store.db.selectFrom('meta').select('value').where('key', '=', 'synthetic').executeTakeFirst();
      expect(meta?.value).toBe('yes');
    } finally {
      await store.close();
    }
  });

  it('gives a profile whose victim tables add up to the victims imported', async () => {
    const run = await runCli(['profile', '--db', result.store, '--json']);
    expect(run.code).toBe(0);
    const profile = JSON.parse(run.out) as { manifest: { counts: { victims: number }; synthetic?: boolean }; tables: Array<{ id: string; total: number; rows: Array<{ count: number }> }> };
    expect(profile.manifest.synthetic).toBe(true);
    const all = profile.tables.find((t) => t.id === 'victim-gender-all')!;
    expect(all.total).toBe(profile.manifest.counts.victims);
    expect(all.rows.reduce((a, r) => a + r.count, 0)).toBe(all.total);
  });
});
