import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleDesignProfile, type DesignSample, type DesignUnits } from '../profile/design.ts';
import type { Profile, ProfileManifest, ProfileTable } from '../profile/types.ts';
import { escapeHtml } from './html.ts';
import { writeReport } from './index.ts';

// A design-based profile from the samples of src/profile/fixtures/profile-design.json (stratified
// cluster samples), with a stored sample and a coding round in its manifest.
interface RefSample { codes: Record<string, string[]>; weights: number[]; strata?: string[]; clusters?: (string | number)[]; fpc?: number[] }
const REF = JSON.parse(readFileSync(new URL('../profile/fixtures/profile-design.json', import.meta.url), 'utf8')) as { cases: { units: Record<'victims' | 'series' | 'offenders', RefSample> }[] };
const sampleOf = (s: RefSample): DesignSample => ({ codes: s.codes, weights: s.weights, ...(s.strata ? { strata: s.strata } : {}), ...(s.clusters ? { clusters: s.clusters } : {}), ...(s.fpc ? { fpc: s.fpc } : {}) });
const units: DesignUnits = { victims: sampleOf(REF.cases[0]!.units.victims), series: sampleOf(REF.cases[0]!.units.series), offenders: sampleOf(REF.cases[0]!.units.offenders) };
const manifest: ProfileManifest = {
  synthetic: true,
  snapshotHash: 'a'.repeat(64),
  codebookVersion: '1.0.0',
  softwareVersion: '0.1.0',
  generatedAt: '2026-06-01T00:00:00.000Z',
  counts: { sources: 3, series: 150, victims: 400, offenders: 90 },
  method: 'replaced',
  level: 0.95,
  sample: {
    id: 's1',
    frame: 'all series',
    design: { kind: 'stratified', n: 150, allocation: 'proportional' },
    frameHash: 'b'.repeat(64),
    drawnFromSnapshot: 'a'.repeat(64),
    frameSize: 1800,
    sampleSize: 150,
    seed: 42,
    prng: 'mt19937',
    strataBy: ['region'],
    allocation: [
      { stratum: 'S1', populationSize: 900, sampleSize: 60 },
      { stratum: 'S2', populationSize: 600, sampleSize: 50 },
      { stratum: 'S3', populationSize: 300, sampleSize: 40 },
    ],
  },
  round: { id: 'r1', coders: ['ann', 'ben'], variables: ['victim.gender', 'series.selfGenerated'], unresolvedUsedStoreValue: 3, adjudicated: 7 },
};
const PROFILE: Profile = assembleDesignProfile(units, manifest);

// Independent of src/report/format.ts on purpose.
const count = (n: number): string => n.toLocaleString('en-US');
// Negative numbers print with a minus sign (−), and a negative that rounds to zero without one.
const pct = (p: number, d = 1): string => {
  if (!Number.isFinite(p)) return '–';
  const s = (100 * p).toFixed(d);
  return /^-0\.0+$/.test(s) ? s.slice(1) : s.replace('-', '−');
};
const num = (x: number | null | undefined, d: number): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));
const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
const text = (cell: string): string => cell.replace(/<[^>]+>/g, ' ').replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e]!).replace(/\s+/g, ' ').trim();
function sectionOf(page: string, id: string): string {
  const start = page.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  return page.slice(start, page.indexOf('</section>', start));
}
function rowCells(fragment: string, label: string): string[][] {
  const re = new RegExp(`<tr[^>]*><th scope="row">${reEscape(escapeHtml(label))}</th>(.*?)</tr>`, 'gs');
  return [...fragment.matchAll(re)].map((m) => [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((c) => text(c[1]!)));
}
const order = ['unidentified', 'identified', 'all'];

let dir: string;
let page: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vindex-design-report-'));
  page = await readFile((await writeReport(PROFILE, { outDir: dir })).indexPath, 'utf8');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('the report of a design-based profile', () => {
  it('prints, per population, n, weighted share, design-based interval, SE (points) and design effect, and the estimated totals', () => {
    const groups = new Map<string, ProfileTable[]>();
    for (const t of PROFILE.tables) groups.set(t.id.slice(0, -t.population.length - 1), [...(groups.get(t.id.slice(0, -t.population.length - 1)) ?? []), t]);
    for (const [key, tables] of groups) {
      const section = sectionOf(page, `var-${key}`);
      expect(section).toContain('(design-based estimates)');
      const ordered = [...tables].sort((a, b) => order.indexOf(a.population) - order.indexOf(b.population));
      for (const row of ordered[0]!.rows) {
        const expected = ordered.flatMap((t) => {
          const r = t.rows.find((x) => x.category === row.category)!;
          return [count(r.count), pct(r.share), Number.isFinite(r.lower) ? `${pct(r.lower)}–${pct(r.upper)}` : '–', pct(r.standardError!, 2), num(r.designEffect, 2)];
        });
        expect(rowCells(section, row.label)[0], `${key} ${row.label}`).toEqual(expected);
      }
      const foot = rowCells(section, 'Total')[0]!;
      expect(foot.filter((_, i) => i % 3 === 2)).toEqual(ordered.map((t) => (t.total > 0 ? `est. ${count(Math.round(t.weightedTotal!))} ${t.unit}; df ${t.degreesOfFreedom}` : '')));
    }
  });

  it('has a Sampling design section: frame, design, n of N, seed, PRNG, frame hash, allocation with weights, estimator, round and adjudications', () => {
    const s = sectionOf(page, 'sampling-design');
    for (const v of ['all series (N = 1,800 series)', 'stratified random sampling of series without replacement, proportional allocation', '3 strata by region', 'n = 150 of N = 1,800 series (8.3%)', '42, mt19937', 'b'.repeat(64), 'the same snapshot as analysed here']) expect(s).toContain(v);
    expect(rowCells(s, 'S1')[0]).toEqual(['900', '60', '15.000']);
    expect(rowCells(s, 'S3')[0]).toEqual(['300', '40', '7.500']);
    expect(s).toContain('svydesign(ids = ~series, strata = ~stratum, weights = ~weight, fpc = ~N_h)');
    expect(text(s)).toContain('7 values were decided by adjudication. 3 unit × variable values had no final value yet');
    const csv = readFileSync(join(dir, 'sampling', 'allocation.csv'), 'utf8').split(/\r?\n/);
    expect(csv.slice(0, 2)).toEqual(['sample_id,stratum,population_size,sample_size,weight', 's1,S1,900,60,15']);
  });

  it('says in the methods that the shares are weighted estimates and the χ² tests unweighted, and marks the tests so', () => {
    const methods = sectionOf(page, 'methods');
    expect(methods).toContain('Weighted estimates from a sample');
    expect(text(methods)).toContain('The cross-tabulations and identified-vs-unidentified tests are on unweighted sample counts');
    expect(methods).toContain(escapeHtml(PROFILE.manifest.method));
    expect(text(sectionOf(page, 'associations'))).toContain('Unweighted. These counts are the sampled units of sample s1');
    expect(text(sectionOf(page, 'comparisons'))).toContain('Unweighted. These counts are the sampled units of sample s1');
    expect(text(page)).toContain('design-based estimates from sample s1 (150 of 1,800 series)');
  });

  it('stays self-contained and accessible: links only to anchors and files beside it, captions and scoped headers', () => {
    for (const m of page.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(#[a-z0-9-]+|(tables|associations|comparisons|sampling)\/[a-z0-9-]+\.csv|manifest\.csv)$/);
    for (const t of page.match(/<table[\s\S]*?<\/table>/g) ?? []) {
      expect(t).toMatch(/<caption>/);
      for (const th of t.match(/<th\b[^>]*>/g) ?? []) expect(th).toMatch(/scope="(col|row|colgroup)"/);
    }
  });

  it('writes the design columns into the table CSVs and the sample into the manifest CSV', () => {
    const lines = readFileSync(join(dir, 'tables', 'victim-gender-all.csv'), 'utf8').split(/\r?\n/);
    expect(lines[0]).toBe('table_id,variable,unit,population,category,label,count,total,share,lower,upper,level,standard_error,design_effect,weighted_total,df');
    const t = PROFILE.tables.find((x) => x.id === 'victim-gender-all')!;
    const cells = lines[1]!.split(',');
    expect(cells.slice(-4).map(Number)).toEqual([t.rows[0]!.standardError, t.rows[0]!.designEffect, t.weightedTotal, t.degreesOfFreedom]);
    const m = readFileSync(join(dir, 'manifest.csv'), 'utf8');
    expect(m).toMatch(/^sample_size,150\r?$/m);
    expect(m).toMatch(/^round_adjudicated,7\r?$/m);
  });
});
