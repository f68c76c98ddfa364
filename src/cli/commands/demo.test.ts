import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runCli } from '../testing/run-cli.ts';

// End to end: `vindex demo` on a small synthetic world, then `vindex profile --json` on its store.
let dir: string;
let code: number;
let result: { indexPath: string; csvPaths: string[]; store: string; data: string };
let stderr = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vindex-demo-'));
  const run = await runCli(['demo', '--dir', dir, '--series', '600', '--seed', '3', '--json']);
  code = run.code;
  stderr = run.err;
  result = JSON.parse(run.out);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vindex demo', () => {
  it('exits 0 and reports where it wrote the report, store and data', () => {
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(result.indexPath).toBe(join(dir, 'report', 'index.html'));
    expect(result.store).toBe(join(dir, 'vindex.db'));
    expect(existsSync(result.data)).toBe(true);
  });

  it('writes a self-contained report that says the data are synthetic', () => {
    const page = readFileSync(result.indexPath, 'utf8');
    expect(page).toContain('<svg');
    expect(page).toMatch(/synthetic/i);
    expect(page).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(page).not.toMatch(/<img|<script[^>]+src=|<link[^>]+href=/i);
    for (const id of ['victim-gender-unidentified', 'victim-severity-identified', 'gender-by-severity-all']) expect(page).toContain(id);
  });

  it('writes a CSV per table', () => {
    expect(result.csvPaths.length).toBeGreaterThanOrEqual(30);
    const tables = readdirSync(join(dir, 'report', 'tables'));
    expect(tables).toContain('victim-gender-unidentified.csv');
    const csv = readFileSync(join(dir, 'report', 'tables', 'victim-gender-unidentified.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/category/);
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
