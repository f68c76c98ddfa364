import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { syntheticStore } from '../../sampling/testing/synthetic-store.ts';
import { openStore } from '../../store/index.ts';
import { runCli, type CliRun } from '../testing/run-cli.ts';

let t: TempStore;
let last: CliRun; // the latest run of the CLI
beforeAll(async () => {
  t = await syntheticStore({ series: 300 });
  await t.closeStore(); // the CLI opens the store itself
});
afterAll(async () => {
  await t.cleanup();
});
const vindexBare = async (...args: string[]): Promise<number> => (last = await runCli(args)).code;
const vindex = (...args: string[]) => vindexBare(...args, '--db', t.dbArg, '--by', 'tester');
const vindexRead = (...args: string[]) => vindexBare(...args, '--db', t.dbArg);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI's JSON output, checked field by field below
const json = (): any => JSON.parse(last.out);

async function rows() {
  const store = await openStore(t.dbArg);
  try {
    return {
      samples: (await store.db.selectFrom('sample').select('id').orderBy('id').execute()).map((r) => r.id),
      units: Number((await store.db.selectFrom('sample_unit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      audit: Number((await store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    };
  } finally {
    await store.close();
  }
}

// The tests of this file run in order against one store: create, then list and show what was created.
describe('vindex sample', () => {
  it('create: stratified proportional sample, printed with its allocation table and frame hash', async () => {
    expect(await vindex('sample', 'create', '--frame', 'identified=no', '--strata', 'series.selfGenerated', '--design', 'proportional', '--size', '30', '--seed', '7')).toBe(0);
    const text = last.out;
    expect(text).toMatch(/^sample s1: 30 of \d+ series, stratified, proportional allocation, seed 7 \(mt19937\)\nframe: identified=no {2}\(frame hash [0-9a-f]{64}\)\nstrata: series\.selfGenerated\n\nstratum +N_h +n_h +weight\n/);
    expect(text).toMatch(/\nyes +\d+ +\d+ +\d+\.\d{4}\n/);
    expect(text).toMatch(/\ntotal +\d+ +30\n/);
    expect(text).toContain('stored as s1;');
    expect(last.err).toBe('');
    // Neyman with S_h = 0 in all strata but one and no minimum leaves strata empty: the table says so.
    expect(await vindex('sample', 'create', '--strata', 'series.selfGenerated', '--design', 'neyman', '--size', '5', '--seed', '3', '--neyman-sd', 'yes=0.5,no=0,notDeterminable=0', '--id', 'lopsided')).toBe(0);
    expect(last.out).toContain('\nnote: 2 strata got n_h = 0 and are not represented in the sample; set --min-per-stratum to cover every stratum\n');
  });

  it('create --json: the stored record without units; a Neyman sample from the pilot s1', async () => {
    expect(await vindex('sample', 'create', '--strata', 'series.selfGenerated', '--design', 'neyman', '--size', '40', '--seed', '8', '--pilot', 's1', '--pilot-share', 'series.victimGender=female', '--id', 'ney', '--json')).toBe(0);
    const r = json();
    expect(Object.keys(r).sort()).toEqual(['allocation', 'codebookVersion', 'createdAt', 'createdBy', 'design', 'frame', 'frameHash', 'frameSize', 'id', 'prng', 'sampleSize', 'seed', 'snapshotHash', 'softwareVersion', 'strataBy', 'unit']);
    expect(r).toMatchObject({ id: 'ney', createdBy: 'tester', unit: 'series', frame: {}, frameSize: 300, strataBy: ['series.selfGenerated'], seed: 8, prng: 'mt19937', sampleSize: 40 });
    expect(r.design).toMatchObject({ kind: 'stratified', n: 40, allocation: 'neyman' });
    expect(Object.keys(r.design.standardDeviations).sort()).toEqual(['no', 'notDeterminable', 'yes']);
  });

  it('create refuses bad input with exit 2, a message naming the option, and writes nothing', async () => {
    const before = await rows();
    const cases: [string[], string][] = [
      [['--size', '301', '--seed', '1'], 'vindex: error VDX_SAMPLE_INVALID: --size 301 is larger than the frame (300 series; frame: all series); lower --size to at most 300 or widen --frame\n'],
      [['--frame', 'colour=red', '--size', '5', '--seed', '1'], 'vindex: error VDX_SAMPLE_INVALID: --frame part "colour=red": unknown key "colour" (keys: source, country, region, years, identified)\n'],
      [['--strata', 'region', '--design', 'neyman', '--size', '5', '--seed', '1'], 'vindex: error VDX_SAMPLE_INVALID: --design neyman needs the stratum standard deviations: give either --neyman-sd "label=0.3,…" or --pilot ID --pilot-share VARIABLE=CODE\n'],
      [['--design', 'cluster', '--size', '5', '--seed', '1'], 'vindex: error VDX_SAMPLE_INVALID: --design "cluster" is not a design (allowed: srs, proportional, equal, neyman)\n'],
      [['--size', '5'], 'vindex: error VDX_USAGE: give a seed with --seed S (any whole number 0 … 4294967295; it makes the sample reproducible)\n'],
      [['--size', 'ten', '--seed', '1'], 'vindex: error VDX_USAGE: --size must be a whole number from 1 to 9007199254740991; got ten\n'],
      [['--size', '5', '--seed', '1', '--id', 's1'], 'vindex: error VDX_SAMPLE_INVALID: a sample with id s1 already exists in this store; choose another --id (or leave it out for s2)\n'],
    ];
    for (const [args, message] of cases) {
      expect(await vindex('sample', 'create', ...args)).toBe(2);
      expect(last.err.split('\n')[0] + '\n').toBe(message);
      expect(last.out).toBe('');
    }
    expect(await rows()).toEqual(before);
  });

  it('list: one line per sample; --json the records with their sizes', async () => {
    expect(await vindexRead('sample', 'list')).toBe(0);
    const lines = last.out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^s1 {2}n=30 of N=\d+ {2}proportional by series\.selfGenerated {2}seed 7 {2}frame identified=no {2}\S+ tester$/);
    expect(lines[1]).toMatch(/^lopsided {2}n=5 of N=300 {2}neyman by series\.selfGenerated {2}seed 3 /);
    expect(lines[2]).toMatch(/^ney {2}n=40 of N=300 {2}neyman by series\.selfGenerated {2}seed 8 {2}frame all series/);
    expect(await vindexRead('sample', 'list', '--json')).toBe(0);
    expect(json().map((s: { id: string; sampleSize: number }) => [s.id, s.sampleSize])).toEqual([['s1', 30], ['lopsided', 5], ['ney', 40]]);
  });

  it('show: what was recorded and the check against the store; --units lists the series', async () => {
    expect(await vindexRead('sample', 'show', 's1')).toBe(0);
    const text = last.out;
    expect(text).toMatch(/\ndrawn \S+ by tester; store snapshot [0-9a-f]{64}; codebook 1\.0\.0; vindex \S+\n/);
    expect(text).toContain('check: the frame still matches the store (same series, same strata); redrawing with the recorded design and seed gives the same units; no import since it was drawn\n');
    expect(await vindexRead('sample', 'show', 'ney', '--units')).toBe(0);
    const shown = last.out;
    expect(shown).toMatch(/\nstratum +N_h +n_h +weight +S_h\n/);
    const unitLines = shown.slice(shown.indexOf('\nseries key')).trim().split('\n');
    expect(unitLines[0]).toMatch(/^series key +stratum +π +weight$/);
    expect(unitLines).toHaveLength(41);
    for (const line of unitLines.slice(1)) expect(line).toMatch(/^[A-Za-z0-9_-]+ +(no|notDeterminable|yes) +0\.\d{6} +\d+\.\d{4}$/);
    expect(await vindexRead('sample', 'show', 's1', '--units', '--json')).toBe(0);
    const r = json();
    expect(r.check).toEqual({ id: 's1', currentFrameHash: r.frameHash, currentFrameSize: r.frameSize, frameMatches: true, unitsMatch: true, snapshotMatches: true });
    expect(r.units).toHaveLength(30);
    expect(Object.keys(r.units[0]).sort()).toEqual(['inclusionProbability', 'seriesId', 'seriesKey', 'stratum', 'stratumSize', 'weight']);
    const byStratum = new Map<string, number>();
    for (const u of r.units) byStratum.set(u.stratum, (byStratum.get(u.stratum) ?? 0) + u.weight);
    for (const a of r.allocation) if (a.sampleSize > 0) expect(byStratum.get(a.stratum)).toBeCloseTo(a.populationSize, 9);
    expect(await vindexRead('sample', 'show', 's9')).toBe(2);
    expect(last.err).toContain('vindex: error VDX_SAMPLE_NOT_FOUND: there is no sample s9 in ');
  });

  it('plan: Cochran sizes with the formula inputs; --frame takes N from the store', async () => {
    expect(await vindexBare('sample', 'plan', '--margin', '0.05')).toBe(0);
    expect(last.out).toBe(
      'sample size n = 385\n\n  margin of error e   0.05\n  confidence level    0.95 (z = 1.959964)\n  expected share p    0.5\n  design effect deff  1\n' +
        '  population N        infinite\n  n₀ = z²·p(1 − p)·deff / e² = 384.1459\n  n = ⌈n₀⌉ = 385\n',
    );
    expect(await vindexBare('sample', 'plan', '--margin', '0.05', '--population', '10000', '--json')).toBe(0);
    expect(json()).toMatchObject({ n: 370, populationSize: 10000, designEffect: 1, proportion: 0.5, level: 0.95 });
    expect(await vindexBare('sample', 'plan', '--margin', '0.05', '--deff', '2', '--population', '10000', '--json')).toBe(0);
    expect(json().n).toBe(714);
    expect(await vindexRead('sample', 'plan', '--margin', '0.05', '--frame', 'identified=yes,no,notDeterminable', '--json')).toBe(0);
    expect(json()).toMatchObject({ populationSize: 300, frame: 'identified=no,notDeterminable,yes', n: Math.ceil(384.14588206941244 / (1 + 383.14588206941244 / 300)) });
    expect(await vindexBare('sample', 'plan', '--margin', '5')).toBe(2);
    expect(last.err).toContain('VDX_USAGE: --margin must be strictly between 0 and 1');
    expect(await vindexBare('sample', 'plan', '--margin', '0.05', '--population', '10', '--frame', 'identified=no')).toBe(2);
    expect(last.err).toContain('VDX_USAGE: give --population or --frame, not both');
  });

  it('--help of each subcommand shows examples', async () => {
    for (const sub of ['create', 'show', 'list', 'plan']) {
      expect(await vindexBare('sample', sub, '--help')).toBe(0);
      expect(last.out).toContain('Example');
    }
  });
});
