import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LonelyPsu } from '../stats/index.ts';
import { expectClose } from '../stats/testing/close.ts';
import { assembleProfile } from './assemble.ts';
import { cubeOf } from './cube.ts';
import { assembleDesignProfile, DESIGN_PROFILE_METHOD, designDims, designProfileTables, designSampleCube, type DesignSample, type DesignUnits } from './design.ts';
import { POPULATIONS, TABLE_SPECS, type Unit } from './spec.ts';
import type { ProfileManifest, ProfileTable } from './types.ts';

// Expected values: scripts/reference/profile-design.R (R 4.2, survey 4.1: svymean(~category,
// subset(design, identified == code), deff = TRUE), confint(df = degf(subset)) and
// confint(df = degf(design))) on the samples the fixture carries.
interface RefRow {
  category: string;
  count: number;
  share: number;
  standardError: number;
  lower: number;
  upper: number;
  designEffect: number | null;
  lowerDesignDf: number;
  upperDesignDf: number;
}
interface RefTable { total: number; weightedTotal: number; degreesOfFreedom: number; designDegreesOfFreedom: number; rows: RefRow[] }
interface RefSample { codes: Record<string, string[]>; weights: number[]; strata?: string[]; clusters?: (string | number)[]; fpc?: number[] }
interface RefCase { name: string; lonelyPsu: LonelyPsu; level: number; units: Record<Unit, RefSample>; tables: Record<string, RefTable> }
const REF = JSON.parse(readFileSync(new URL('./fixtures/profile-design.json', import.meta.url), 'utf8')) as { cases: RefCase[] };
const TOL = 1e-9;

const sampleOf = (s: RefSample): DesignSample => ({
  codes: s.codes,
  weights: s.weights,
  ...(s.strata ? { strata: s.strata } : {}),
  ...(s.clusters ? { clusters: s.clusters } : {}),
  ...(s.fpc ? { fpc: s.fpc } : {}),
});
const unitsOf = (c: RefCase): DesignUnits => ({ victims: sampleOf(c.units.victims), series: sampleOf(c.units.series), offenders: sampleOf(c.units.offenders) });

function expectTableMatchesR(table: ProfileTable, ref: RefTable, label: string, interval: 'domain' | 'design' = 'domain'): void {
  expect(table.estimator, label).toBe('design');
  expect(table.total, `${label} total`).toBe(ref.total);
  expectClose(table.weightedTotal!, ref.weightedTotal, TOL, `${label} weightedTotal`);
  expect(table.degreesOfFreedom, `${label} df`).toBe(interval === 'domain' ? ref.degreesOfFreedom : ref.designDegreesOfFreedom);
  expect(table.rows.map((r) => r.category), label).toEqual(ref.rows.map((r) => r.category));
  table.rows.forEach((row, i) => {
    const r = ref.rows[i]!;
    const at = `${label} ${row.category}`;
    expect(row.count, `${at} count`).toBe(r.count);
    expectClose(row.share, r.share, TOL, `${at} share`);
    expectClose(row.standardError!, r.standardError, TOL, `${at} SE`);
    expectClose(row.lower, interval === 'domain' ? r.lower : r.lowerDesignDf, TOL, `${at} lower`);
    expectClose(row.upper, interval === 'domain' ? r.upper : r.upperDesignDf, TOL, `${at} upper`);
    if (r.designEffect === null) expect(row.designEffect, `${at} deff`).toBeNull();
    else expectClose(row.designEffect!, r.designEffect, TOL, `${at} deff`);
  });
}

describe('design-based profile tables against R survey', () => {
  it('has the fixture cases, with every table and population', () => {
    expect(REF.cases.map((c) => c.name)).toEqual(['stratified-clustered', 'lonely-average', 'lonely-adjust']);
    for (const c of REF.cases) expect(Object.keys(c.tables).length).toBe(TABLE_SPECS.length * POPULATIONS.length);
    const v = REF.cases[0]!.units.victims;
    expect(v.weights.length).toBe(400);
    expect(new Set(v.strata!.map((s, i) => `${s}/${v.clusters![i]}`)).size).toBe(120);
  });

  for (const c of REF.cases) {
    it(`${c.name}: every share, SE, interval and design effect equals R's (df = degf(subset))`, () => {
      const tables = designProfileTables(unitsOf(c), { level: c.level, lonelyPsu: c.lonelyPsu });
      expect(tables.map((t) => t.id)).toEqual(TABLE_SPECS.flatMap((s) => POPULATIONS.map((p) => `${s.key}-${p}`)));
      for (const t of tables) expectTableMatchesR(t, c.tables[t.id]!, `${c.name} ${t.id}`);
    });
  }

  it('takes the whole design\'s degrees of freedom on request (df = degf(design))', () => {
    const c = REF.cases[0]!;
    for (const t of designProfileTables(unitsOf(c), { level: c.level, degreesOfFreedom: 'design' })) expectTableMatchesR(t, c.tables[t.id]!, t.id, 'design');
  });

  it('keeps every PSU for a domain\'s variance: the identified domain lies in fewer PSUs than the design', () => {
    const t = REF.cases[0]!.tables['victim-gender-identified']!;
    expect(t.degreesOfFreedom).toBeLessThan(t.designDegreesOfFreedom);
  });

  it('counts for lonelyPsu "average" only the strata a domain occupies, as R\'s subset does', () => {
    // Stratum E (one PSU) holds only unidentified victims: the identified domain is untouched by
    // it, the unidentified domain is scaled by 5/4.
    const [fail, average] = [REF.cases[0]!, REF.cases[1]!];
    expect(average.tables['victim-gender-identified']!.rows[0]!.standardError).toBe(fail.tables['victim-gender-identified']!.rows[0]!.standardError);
    expect(average.tables['victim-gender-unidentified']!.rows[0]!.standardError).not.toBe(fail.tables['victim-gender-unidentified']!.rows[0]!.standardError);
  });

  it('refuses a lonely PSU under the default lonelyPsu "fail", naming the stratum', () => {
    expect(() => designProfileTables(unitsOf(REF.cases[1]!))).toThrow(/"E"/);
  });
});

// A small sample of every kind, built in code.
function simpleUnits(n: number, weight: (i: number) => number, design: Partial<Pick<DesignSample, 'strata' | 'clusters' | 'fpc'>> = {}): DesignUnits {
  const pickFrom = (codes: readonly string[], i: number, salt: number): string => codes[(i * 7 + salt * 3 + ((i * i) % 5)) % codes.length]!;
  const sample = (unit: Unit): DesignSample => {
    const codes: Record<string, string[]> = {};
    for (const dim of designDims(unit)) {
      const cats = dim === 'identified' ? ['yes', 'no', 'no', 'notDeterminable'] : TABLE_SPECS.find((s) => s.unit === unit && s.dim === dim)!.categories.map((c) => c.code);
      codes[dim] = Array.from({ length: n }, (_, i) => pickFrom(cats, i, dim.length));
    }
    return { codes, weights: Array.from({ length: n }, (_, i) => weight(i)), ...design };
  };
  return { victims: sample('victims'), series: sample('series'), offenders: sample('offenders') };
}

describe('design-based profile tables: properties', () => {
  it('with equal weights and no strata, clusters or fpc, shares equal the unweighted shares', () => {
    const n = 97;
    const units = simpleUnits(n, () => 12.5);
    for (const t of designProfileTables(units)) {
      expect(t.total).toBeGreaterThan(0);
      expect(t.weightedTotal).toBeCloseTo(12.5 * t.total, 9);
      for (const r of t.rows) {
        expectClose(r.share, r.count / t.total, 1e-12, `${t.id} ${r.category}`);
        // Sampling with replacement, n_d of the n units in the population (domain):
        // SE² = n/(n − 1) · p(1 − p)/n_d, which for all units is p(1 − p)/(n − 1); t on n_d − 1 df.
        expectClose(r.standardError!, Math.sqrt(((n / (n - 1)) * r.share * (1 - r.share)) / t.total), 1e-12, `${t.id} ${r.category} SE`);
      }
      expect(t.degreesOfFreedom).toBe(t.total - 1);
    }
  });

  it('permuting the units changes nothing', () => {
    const c = REF.cases[0]!;
    const units = unitsOf(c);
    const n = c.units.victims.weights.length;
    const order = Array.from({ length: n }, (_, i) => (i * 263 + 17) % n); // a permutation: gcd(263, 400) = 1
    expect(new Set(order).size).toBe(n);
    const permute = <T>(a: ArrayLike<T> | undefined): T[] | undefined => (a ? order.map((i) => a[i]!) : undefined);
    const v = units.victims;
    const permuted: DesignUnits = {
      ...units,
      victims: {
        codes: Object.fromEntries(Object.entries(v.codes).map(([k, col]) => [k, permute(col)!])),
        weights: permute(v.weights)!,
        strata: permute(v.strata)!,
        clusters: permute(v.clusters)!,
        fpc: permute(v.fpc)!,
      },
    };
    const a = designProfileTables(units);
    const b = designProfileTables(permuted);
    a.forEach((t, k) => {
      const u = b[k]!;
      expect(u.id).toBe(t.id);
      expect(u.total).toBe(t.total);
      expect(u.degreesOfFreedom).toBe(t.degreesOfFreedom);
      t.rows.forEach((r, i) => {
        const s = u.rows[i]!;
        expect(s.count).toBe(r.count);
        for (const key of ['share', 'standardError', 'lower', 'upper'] as const) expectClose(s[key]!, r[key]!, 1e-12, `${t.id} ${r.category} ${key}`);
        if (r.designEffect === null) expect(s.designEffect).toBeNull();
        else expectClose(s.designEffect!, r.designEffect!, 1e-12, `${t.id} ${r.category} deff`);
      });
    });
  });

  it('reads null codes as not determinable, and refuses codes outside the categories', () => {
    const units = simpleUnits(40, (i) => 5 + (i % 3));
    const gender = [...(units.victims.codes.gender as string[])];
    const withNull: (string | null)[] = gender.map((g) => (g === 'notDeterminable' ? null : g));
    const a = designProfileTables(units);
    const b = designProfileTables({ ...units, victims: { ...units.victims, codes: { ...units.victims.codes, gender: withNull } } });
    expect(b).toEqual(a);
    gender[3] = 'girl';
    expect(() => designProfileTables({ ...units, victims: { ...units.victims, codes: { ...units.victims.codes, gender } } })).toThrow(/victim\.gender: unit 3 has code "girl"/);
    expect(() => designProfileTables({ ...units, series: { ...units.series, codes: { identified: units.series.codes.identified! } } })).toThrow(/series sample has no codes for "victim_gender"/);
  });

  it('gives NaN shares for a population without units and for a kind without units', () => {
    const units = simpleUnits(30, () => 4);
    const noIdentified = { ...units.victims, codes: { ...units.victims.codes, identified: units.victims.codes.identified!.length ? Array.from(units.victims.codes.identified!, (c) => (c === 'yes' ? 'no' : c)) : [] } };
    const empty: DesignSample = { codes: Object.fromEntries(designDims('offenders').map((d) => [d, []])), weights: [] };
    const tables = designProfileTables({ ...units, victims: noIdentified, offenders: empty });
    const identified = tables.find((t) => t.id === 'victim-gender-identified')!;
    expect(identified.total).toBe(0);
    expect(identified.weightedTotal).toBe(0);
    expect(identified.rows.every((r) => r.count === 0 && Number.isNaN(r.share) && Number.isNaN(r.lower) && r.designEffect === null)).toBe(true);
    expect(tables.filter((t) => t.unit === 'offenders').every((t) => t.total === 0 && t.rows.every((r) => Number.isNaN(r.share)))).toBe(true);
  });

  it('gives NaN limits, but an estimate and SE, for a population inside one PSU of one stratum (no degrees of freedom)', () => {
    const units = simpleUnits(30, () => 4, { clusters: Array.from({ length: 30 }, (_, i) => Math.floor(i / 5)) });
    const identified = Array.from({ length: 30 }, (_, i) => (i < 5 ? 'yes' : 'no'));
    const t = designProfileTables({ ...units, victims: { ...units.victims, codes: { ...units.victims.codes, identified } } }).find((x) => x.id === 'victim-gender-identified')!;
    expect(t.degreesOfFreedom).toBe(0);
    for (const r of t.rows) {
      expect(Number.isFinite(r.share)).toBe(true);
      expect(Number.isFinite(r.standardError!)).toBe(true);
      expect(Number.isNaN(r.lower) && Number.isNaN(r.upper)).toBe(true);
    }
  });
});

describe('placeholder rows (sampled PSUs without units of a kind)', () => {
  it('count for the design but in no population, count or cube; their codes are ignored', () => {
    const c = REF.cases[0]!;
    const units = unitsOf(c);
    const v = units.victims;
    // Two placeholder PSUs in stratum A, with codes that are no category at all.
    const pad = <T>(a: ArrayLike<T>, x: T): T[] => [...Array.from(a), x, x];
    const padded: DesignSample = {
      codes: Object.fromEntries(Object.entries(v.codes).map(([k, col]) => [k, pad(col, 'no-such-code')])),
      weights: pad(v.weights, 10),
      strata: [...Array.from(v.strata!), 'A', 'A'],
      clusters: [...Array.from(v.clusters!), 'pad-1', 'pad-2'],
      fpc: [...Array.from(v.fpc!), 400, 400],
      placeholder: [...Array.from(v.weights, () => false), true, true],
    };
    const a = designProfileTables(units).filter((t) => t.unit === 'victims');
    const b = designProfileTables({ ...units, victims: padded }).filter((t) => t.unit === 'victims');
    const cube = designSampleCube(padded, 'victims');
    expect(cube.reduce((n, cell) => n + cell.n, 0)).toBe(v.weights.length);
    a.forEach((t, k) => {
      const u = b[k]!;
      expect(u.total).toBe(t.total);
      expect(u.weightedTotal).toBe(t.weightedTotal);
      expect(u.degreesOfFreedom).toBe(t.degreesOfFreedom); // no units, no degrees of freedom
      t.rows.forEach((r, i) => {
        expect(u.rows[i]!.count).toBe(r.count);
        expectClose(u.rows[i]!.share, r.share, 1e-12, `${t.id} ${r.category}`);
      });
    });
    // Two more PSUs with zero totals in stratum A change its between-PSU variance: the SEs differ.
    const se = (tables: ProfileTable[]): number => tables.find((t) => t.id === 'victim-gender-all')!.rows[0]!.standardError!;
    expect(se(b)).not.toBe(se(a));
    expect(() => designProfileTables({ ...units, victims: { ...padded, placeholder: [true] } })).toThrow(/1 placeholder flags but 402 weights/);
  });
});

describe('assembleDesignProfile', () => {
  const manifest: ProfileManifest = {
    snapshotHash: '0'.repeat(64),
    codebookVersion: '1',
    softwareVersion: '0',
    generatedAt: '2026-01-01T00:00:00.000Z',
    counts: { sources: 1, series: 150, victims: 400, offenders: 90 },
    method: 'replaced',
    level: 0.95,
  };

  it('takes its tables from the design path and its associations and comparisons from unweighted counts, and says so', () => {
    const c = REF.cases[0]!;
    const units = unitsOf(c);
    const profile = assembleDesignProfile(units, manifest);
    expect(profile.manifest).toEqual({ ...manifest, method: DESIGN_PROFILE_METHOD });
    expect(profile.manifest.method).toMatch(/UNWEIGHTED/);
    expect(profile.tables).toEqual(designProfileTables(units, { level: 0.95 }));

    // The unweighted part equals the Wilson path's on the same units as plain rows.
    const rows = (u: Unit): Record<string, string>[] =>
      c.units[u].weights.map((_, i) => Object.fromEntries(designDims(u).map((d) => [d, c.units[u].codes[d]![i]!])));
    const dims = (u: Unit): Record<string, (r: Record<string, string>) => string> => Object.fromEntries(designDims(u).map((d) => [d, (r: Record<string, string>) => r[d]!]));
    const counted = assembleProfile({ victims: cubeOf(rows('victims'), dims('victims')), series: cubeOf(rows('series'), dims('series')), offenders: cubeOf(rows('offenders'), dims('offenders')) }, manifest);
    expect(profile.associations).toEqual(counted.associations);
    expect(profile.comparisons).toEqual(counted.comparisons);
    expect(profile.associations.length).toBeGreaterThan(0);
  });

  it('uses the manifest level for the intervals', () => {
    const c = REF.cases[2]!; // level 0.90
    const profile = assembleDesignProfile(unitsOf(c), { ...manifest, level: c.level }, { lonelyPsu: c.lonelyPsu });
    for (const t of profile.tables) expectTableMatchesR(t, c.tables[t.id]!, t.id);
  });
});
