import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import type { Profile } from '../../profile/index.ts';
import { createRound } from '../../coding/round.ts';
import { importSheets } from '../../coding/sheet-import.ts';
import { createStoredSample } from '../../sampling/index.ts';
import { writeSimulatedSheets } from '../../synth/coders.ts';
import { syntheticStore } from '../../sampling/testing/synthetic-store.ts';
import { runCli, type CliRun } from '../testing/run-cli.ts';
import { sampleHeader } from './profile.ts';

let t: TempStore;
let last: CliRun; // the latest run of the CLI
beforeAll(async () => {
  t = await syntheticStore({ series: 200, seed: 2 });
  await createStoredSample(t.store, { frame: {}, strataBy: ['series.identified'], design: 'proportional', size: 60, seed: 4, actor: 'tester' });
  // A round coded by simulated coders who err now and then: some overlap values disagree.
  await createRound(t.store, { sampleId: 's1', coders: ['ann', 'ben'], overlap: 0.5, seed: 2, variables: ['series.selfGenerated', 'victim.gender', 'victim.ageBand'], actor: 'lead' });
  const sheets = await writeSimulatedSheets(t.store, 'r1', join(t.dir, 'sheets'), { errorRate: 0.15, seed: 3, format: 'csv', force: true });
  await importSheets(t.store, sheets.map((f) => f.file), { actor: 'lead' });
  await t.closeStore(); // the CLI opens the store itself
}, 60_000);
afterAll(async () => t?.cleanup());
const vindex = async (...args: string[]): Promise<number> => (last = await runCli(args)).code;

describe('vindex profile --sample', () => {
  it('prints design-based estimates with SE and design effect under a header naming the sample and design', async () => {
    expect(await vindex('profile', '--db', t.dbArg, '--sample', 's1')).toBe(0);
    const text = last.out;
    expect(text).toMatch(/^Study profile — \d+ sampled victims, 60 sampled series, \d+ sampled offenders/);
    expect(text).toContain('Design-based estimates from sample s1: stratified random sampling without replacement, proportional allocation, n = 60 of N = 200 series, 2 strata by series.identified; seed 4 (mt19937)');
    expect(text).toContain('count  share [interval]      SE  deff');
    expect(text).toContain('estimated total (Σ weights)');
    expect(text).toMatch(/UNWEIGHTED sample counts/);
    // Σ of the series' weights is N.
    const line = text.split('\n').filter((l) => l.startsWith('  estimated total'))[4]!; // the first series table
    expect(line.trim().split(/\s+/).at(-1)).toBe('200.0');
  });

  it('warns in the header when data were imported after the sample was drawn', async () => {
    expect(await vindex('profile', '--db', t.dbArg, '--sample', 's1', '--json')).toBe(0);
    const p = JSON.parse(last.out) as Profile;
    expect(sampleHeader(p).some((l) => l.startsWith('Warning'))).toBe(false);
    const moved: Profile = { ...p, manifest: { ...p.manifest, sample: { ...p.manifest.sample!, drawnFromSnapshot: '0'.repeat(64) } } };
    expect(sampleHeader(moved)).toContain('Warning: data were imported after sample s1 was drawn (snapshot 0000000000000000 then); the frame may have changed — see vindex sample show s1');
  });

  it('--json gives the design-based tables and the sample in the manifest', async () => {
    expect(await vindex('profile', '--db', t.dbArg, '--sample', 's1', '--json')).toBe(0);
    const p = JSON.parse(last.out) as Profile;
    expect(p.manifest.sample).toMatchObject({ id: 's1', frame: 'all series', frameSize: 200, sampleSize: 60, seed: 4, prng: 'mt19937', strataBy: ['series.identified'] });
    const t0 = p.tables.find((x) => x.id === 'series-self-generated-all')!;
    expect(t0).toMatchObject({ estimator: 'design', total: 60 });
    expect(t0.weightedTotal).toBeCloseTo(200, 9);
    expect(t0.rows.every((r) => typeof r.standardError === 'number')).toBe(true);
  });

  it('without --sample keeps the census profile', async () => {
    expect(await vindex('profile', '--db', t.dbArg, '--json')).toBe(0);
    const p = JSON.parse(last.out) as Profile;
    expect(p.manifest.sample).toBeUndefined();
    expect(p.tables.every((x) => x.estimator === undefined)).toBe(true);
    expect(p.tables.find((x) => x.id === 'series-self-generated-all')!.total).toBe(200);
  });

  it('refuses --round without --sample, an unknown sample and an unknown round, writing nothing to stdout', async () => {
    const refusals: [string[], RegExp][] = [
      [['--round', 'r1'], /VDX_USAGE: --round needs --sample/],
      [['--sample', 's1', '--allow-incomplete'], /VDX_USAGE: --allow-incomplete needs --round/],
      [['--sample', 's7'], /VDX_SAMPLE_NOT_FOUND: there is no sample s7/],
      [['--sample', 's1', '--round', 'r9'], /VDX_ROUND_NOT_FOUND/],
    ];
    for (const [args, message] of refusals) {
      expect(await vindex('profile', '--db', t.dbArg, ...args)).not.toBe(0);
      expect(last.err).toMatch(message);
      expect(last.out).toBe('');
    }
  });
});

describe('vindex profile|report --sample --round', () => {
  it('refuses a round with unresolved disagreements, naming the commands that settle them', async () => {
    expect(await vindex('profile', '--db', t.dbArg, '--sample', 's1', '--round', 'r1')).not.toBe(0);
    expect(last.err).toMatch(/VDX_ROUND_INVALID: coding round r1 has no final value yet for \d+ unit × variable values? \(\d+ unresolved disagreements, 0 not yet coded\).*vindex coding disagreements r1.*vindex coding adjudicate/s);
  });

  it('with --allow-incomplete says so in the header, and the report carries the reliability section and the adjudication count', async () => {
    expect(await vindex('profile', '--db', t.dbArg, '--sample', 's1', '--round', 'r1', '--allow-incomplete')).toBe(0);
    expect(last.out).toMatch(/Coding round r1 \(coders ann, ben\): final values replace the store's for series\.selfGenerated, victim\.gender, victim\.ageBand; 0 adjudicated; \d+ unit × variable values without a final value took the store's value \(--allow-incomplete\)/);
    const dir = join(t.dir, 'report-r1');
    expect(await vindex('report', '--db', t.dbArg, '--sample', 's1', '--round', 'r1', '--allow-incomplete', '--out', dir, '--json')).toBe(0);
    const page = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(page).toContain('<section id="reliability"');
    expect(page).toContain('Coded values come from coding round <strong>r1</strong>');
    expect(page).toMatch(/0 values were decided by adjudication\. <strong>\d+ unit × variable values? had no final value yet<\/strong>/);
    expect(readFileSync(join(dir, 'manifest.csv'), 'utf8')).toMatch(/^round_id,r1\r?$/m);
  });
});

describe('vindex report --sample', () => {
  it('writes a design-based report: sampling design section, design effects, the sample id, weighted-estimate methods', async () => {
    const dir = join(t.dir, 'report-s1');
    expect(await vindex('report', '--db', t.dbArg, '--sample', 's1', '--out', dir, '--json')).toBe(0);
    const { indexPath, csvPaths } = JSON.parse(last.out) as { indexPath: string; csvPaths: string[] };
    const page = readFileSync(indexPath, 'utf8');
    expect(page).toContain('<section id="sampling-design"');
    expect(page).toContain('design-based estimates from sample s1 (60 of 200 series)');
    expect(page).toContain('title="design effect">Deff</abbr>');
    expect(page).toContain('Weighted estimates from a sample');
    expect(page).toMatch(/<strong>unweighted<\/strong> sample counts/);
    expect(page).toContain('svydesign(ids = ~series, strata = ~stratum, weights = ~weight, fpc = ~N_h)');
    expect(csvPaths).toContain(join(dir, 'sampling', 'allocation.csv'));
    const allocation = readFileSync(join(dir, 'sampling', 'allocation.csv'), 'utf8').trim().split(/\r?\n/);
    expect(allocation[0]).toBe('sample_id,stratum,population_size,sample_size,weight');
    expect(allocation.slice(1).reduce((n, l) => n + Number(l.split(',')[3]), 0)).toBe(60);
    expect(readFileSync(join(dir, 'tables', 'victim-gender-all.csv'), 'utf8').split(/\r?\n/)[0]).toMatch(/,standard_error,design_effect,weighted_total,df$/);
    expect(readFileSync(join(dir, 'manifest.csv'), 'utf8')).toMatch(/^sample_id,s1\r?$/m);
  });

  it('refuses an unknown sample before writing anything', async () => {
    const dir = join(t.dir, 'report-none');
    expect(await vindex('report', '--db', t.dbArg, '--sample', 's7', '--out', dir)).not.toBe(0);
    expect(last.err).toMatch(/VDX_SAMPLE_NOT_FOUND/);
    expect(existsSync(dir)).toBe(false);
  });
});
