import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators, type IndicatorDefinition, type IndicatorResult, type IndicatorSet } from '../indicators/index.ts';
import { SHIPPED_INDICATORS } from '../indicators/shipped.ts';
import { loadHandDataset } from '../indicators/testing/hand-dataset.ts';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { indicatorTables, populationText, type IndicatorTables, type ObservationCells } from './tables.ts';

describe('populationText', () => {
  it('is canonical: order of filters, variables and codes, and repeated codes do not matter', () => {
    const a = populationText('victim', [{ 'victim.identified': ['no'], 'victim.ageBand': ['prepubescent', 'infantToddler'] }, {}]);
    const b = populationText('victim', [{}, { 'victim.ageBand': ['infantToddler', 'prepubescent', 'infantToddler'], 'victim.identified': ['no'] }]);
    expect(a).toBe(b);
    expect(a).toBe('victims | victim.ageBand∈{infantToddler,prepubescent} ∧ victim.identified∈{no}');
    // A condition split over two filters (numerator ∧ denominator) is the same units as one filter holding both.
    expect(populationText('victim', [{ 'victim.identified': ['no'] }, { 'victim.ageBand': ['infantToddler', 'prepubescent'] }])).toBe(a);
    expect(populationText('victim', [{}])).toBe('victims | all');
    expect(populationText('series', [])).toBe('series | all');
  });

  it('different populations get different texts', () => {
    expect(populationText('victim', [{ 'victim.identified': ['no'] }])).not.toBe(populationText('victim', [{ 'victim.identified': ['yes'] }]));
    expect(populationText('victim', [{}])).not.toBe(populationText('series', [{}]));
  });

  it('victim conditions on series.* are conditions on the unit (one series per victim): they merge by intersection', () => {
    const merged = populationText('victim', [{ 'series.country': ['DE', 'FR'] }, { 'series.country': ['US', 'FR'], 'victim.identified': ['no'] }]);
    expect(merged).toBe('victims | series.country∈{FR} ∧ victim.identified∈{no}');
    expect(merged).toBe(populationText('victim', [{ 'series.country': ['FR'], 'victim.identified': ['no'] }]));
    expect(merged).not.toContain('∃');
  });

  it("a series indicator's victim/offender conditions become ∃ clauses, one per filter (not intersected), deduplicated", () => {
    const text = populationText('series', [{ 'victim.severity': ['catA'] }, { 'victim.severity': ['indicative', 'catC', 'catB', 'catA'] }]);
    // "has a category-A victim" ∧ "has a victim of known severity": two clauses, not ∃victim(severity ∈ {catA}) merged.
    expect(text).toBe('series | all | ∃victim(victim.severity∈{catA,catB,catC,indicative}) | ∃victim(victim.severity∈{catA})');
    // Conditions on the same entity in ONE filter are one clause (the same offender meets both).
    const oneFilter = populationText('series', [{ 'offender.visible': ['yes'], 'offender.gender': ['male'], 'series.selfGenerated': ['yes'] }]);
    expect(oneFilter).toBe('series | series.selfGenerated∈{yes} | ∃offender(offender.gender∈{male} ∧ offender.visible∈{yes})');
    // The same filter twice is one clause.
    expect(populationText('series', [{ 'offender.visible': ['yes'] }, { 'offender.visible': ['yes'] }])).toBe('series | all | ∃offender(offender.visible∈{yes})');
    // For a victim indicator, offender conditions are existence clauses too.
    expect(populationText('victim', [{ 'offender.visible': ['yes'], 'victim.gender': ['male'] }])).toBe('victims | victim.gender∈{male} | ∃offender(offender.visible∈{yes})');
  });
});

/** unidentified victims as the DENOMINATOR: boys among them (no gender condition on the denominator). */
const MINE: IndicatorDefinition = {
  id: 'mine-boys-among-unidentified',
  title: 'Boys among unidentified victims',
  definition: 'Among unidentified victims, the share coded male.',
  unit: 'share',
  entity: 'victim',
  numerator: { 'victim.gender': ['male'] },
  denominator: { 'victim.identified': ['no'] },
  disaggregations: ['country', 'region', 'year'],
  interval: 'wilson',
};

let t: TempStore;
let byCountry: IndicatorSet;
let byYear: IndicatorSet;
let tables: IndicatorTables;

const resultIndex = (set: IndicatorSet, id: string): number => {
  const i = set.results.findIndex((r) => r.definition.id === id);
  if (i < 0) throw new Error(`no result ${id}`);
  return i;
};
const cellsAt = (tbl: IndicatorTables, results: readonly IndicatorResult[], r: number, dims: Record<string, string>): ObservationCells => {
  const i = results[r]!.observations.findIndex((o) => JSON.stringify(o.dims) === JSON.stringify(dims));
  if (i < 0) throw new Error(`no observation ${JSON.stringify(dims)}`);
  return tbl.cellsOf[r]![i]!;
};
const value = (tbl: IndicatorTables, id: string | undefined): number => {
  const c = tbl.system.cells.get(id!);
  if (!c) throw new Error(`no cell ${id}`);
  return c.value;
};
const hasConstraint = (tbl: IndicatorTables, total: string, parts: readonly string[]): boolean =>
  tbl.system.constraints.some((c) => c.total === total && c.parts.length === parts.length && [...c.parts].sort().join() === [...parts].sort().join());

beforeAll(async () => {
  t = await tempStore();
  await loadHandDataset(t);
  const definitions = [...SHIPPED_INDICATORS, MINE];
  byCountry = await computeIndicators(t.store, { by: ['country'], definitions, dataDate: '2020-01-01' });
  byYear = await computeIndicators(t.store, { by: ['year'], definitions, dataDate: '2020-01-01' });
  tables = indicatorTables(byCountry.results);
});
afterAll(async () => t.cleanup());

describe('indicatorTables on the hand dataset, by country', () => {
  it('victims-unidentified at DE: V2, V3 unidentified of V1–V3 → numerator 2, denominator 3, complement 1 (V1)', () => {
    const c = cellsAt(tables, byCountry.results, resultIndex(byCountry, 'victims-unidentified'), { country: 'DE' });
    expect([value(tables, c.numerator), value(tables, c.denominator), value(tables, c.complement)]).toEqual([2, 3, 1]);
    expect(new Set([c.numerator, c.denominator, c.complement]).size).toBe(3);
    expect(tables.labels.get(c.numerator)).toBe('victims | victim.identified∈{no} @ country(series.country)=DE');
  });

  it('constraints: den = num + complement, Europe = DE + FR, Americas = BR + US, world = Σ regions (per role)', () => {
    const r = resultIndex(byCountry, 'victims-unidentified');
    const at = (dims: Record<string, string>) => cellsAt(tables, byCountry.results, r, dims);
    const de = at({ country: 'DE' });
    expect(hasConstraint(tables, de.denominator!, [de.numerator, de.complement!])).toBe(true);
    const [fr, br, us, europe, americas, world] = [at({ country: 'FR' }), at({ country: 'BR' }), at({ country: 'US' }), at({ region: 'Europe' }), at({ region: 'Americas' }), at({})];
    for (const role of ['numerator', 'denominator', 'complement'] as const) {
      expect(hasConstraint(tables, europe[role]!, [de[role]!, fr[role]!]), role).toBe(true);
      expect(hasConstraint(tables, americas[role]!, [br[role]!, us[role]!]), role).toBe(true);
      expect(hasConstraint(tables, world[role]!, [europe[role]!, americas[role]!]), role).toBe(true);
    }
    // The hand values: Europe 4/5 (DE 2/3 + FR 2/2), Americas 2/2 (BR 1/1, US 1/1), world 6/7.
    expect([value(tables, europe.numerator), value(tables, europe.denominator), value(tables, europe.complement)]).toEqual([4, 5, 1]);
    expect([value(tables, americas.numerator), value(tables, americas.denominator)]).toEqual([2, 2]);
    expect([value(tables, world.numerator), value(tables, world.denominator), value(tables, world.complement)]).toEqual([6, 7, 1]);
    // No constraint skips a level (world = Σ countries would be redundant with the two above).
    expect(hasConstraint(tables, world.numerator, [de.numerator, fr.numerator, br.numerator, us.numerator])).toBe(false);
  });

  it('a count indicator has a numerator cell only; ZZ and the region "Not determinable" (ZZ only) are one cell, in the world total', () => {
    const r = resultIndex(byCountry, 'series-by-abuse-country');
    const zz = cellsAt(tables, byCountry.results, r, { country: 'ZZ' });
    expect(zz.denominator).toBeUndefined();
    expect(zz.complement).toBeUndefined();
    expect(value(tables, zz.numerator)).toBe(1); // S3
    const nd = cellsAt(tables, byCountry.results, r, { region: 'Not determinable' });
    expect(nd.numerator).toBe(zz.numerator);
    expect(tables.system.constraints.some((c) => c.parts.includes(c.total))).toBe(false);
    // World (5: S1–S5) = Europe (DE 2 + FR 1) + Americas (US 1) + Not determinable (ZZ 1).
    const [world, europe, americas] = [{}, { region: 'Europe' }, { region: 'Americas' }].map((d) => cellsAt(tables, byCountry.results, r, d).numerator);
    expect([value(tables, world), value(tables, europe), value(tables, americas)]).toEqual([5, 3, 1]);
    expect(hasConstraint(tables, world!, [europe!, americas!, zz.numerator])).toBe(true);
    // Abuse country DE (S1, S2) is a different cell from contributing country DE: the geography names its variable.
    expect(value(tables, cellsAt(tables, byCountry.results, r, { country: 'DE' }).numerator)).toBe(2);
    expect(tables.labels.get(cellsAt(tables, byCountry.results, r, { country: 'DE' }).numerator)).toContain('country(series.abuseCountrySuspected)=DE');
  });

  it("linking: a definition whose denominator is victims-unidentified's numerator population shares its cells", () => {
    const vu = resultIndex(byCountry, 'victims-unidentified');
    const mine = resultIndex(byCountry, MINE.id);
    for (const dims of [{ country: 'DE' }, { country: 'US' }, { region: 'Europe' }, {}]) {
      const a = cellsAt(tables, byCountry.results, vu, dims);
      const b = cellsAt(tables, byCountry.results, mine, dims);
      expect(b.denominator, JSON.stringify(dims)).toBe(a.numerator);
      expect(b.numerator).not.toBe(a.numerator);
    }
    // One cell in the system, known to both tables; boys among unidentified at DE: V2, V3 of V2, V3.
    const de = cellsAt(tables, byCountry.results, mine, { country: 'DE' });
    expect(tables.system.cells.get(de.denominator!)!.tables).toEqual(expect.arrayContaining(['victims-unidentified', MINE.id]));
    expect([value(tables, de.numerator), value(tables, de.denominator), value(tables, de.complement)]).toEqual([2, 2, 0]);
    const world = cellsAt(tables, byCountry.results, mine, {});
    expect([value(tables, world.numerator), value(tables, world.denominator)]).toEqual([3, 6]); // V2, V3, V6 of the 6 unidentified
    // Unlinked: unidentified-boys' denominator also requires a known gender, so it is another population.
    const boys = cellsAt(tables, byCountry.results, resultIndex(byCountry, 'unidentified-boys'), { country: 'DE' });
    expect(boys.denominator).not.toBe(cellsAt(tables, byCountry.results, vu, { country: 'DE' }).numerator);
  });

  it('nested populations across indicators are linked by a difference cell: unidentified victims = those of known age + those of unknown age (V5)', () => {
    const ids = ['victims-unidentified', 'unidentified-prepubescent', 'unidentified-boys'];
    const results = ids.map((id) => byCountry.results[resultIndex(byCountry, id)]!);
    const tbl = indicatorTables(results);
    const [vu, prep, boys] = results.map((_, r) => cellsAt(tbl, results, r, {}));
    expect([value(tbl, vu!.numerator), value(tbl, prep!.denominator), value(tbl, boys!.denominator)]).toEqual([6, 5, 5]);
    for (const sub of [prep!.denominator!, boys!.denominator!]) {
      const link = tbl.system.constraints.find((c) => c.total === vu!.numerator && c.parts.includes(sub));
      expect(link).toBeDefined();
      const diff = link!.parts.find((p) => p !== sub)!;
      expect(value(tbl, diff)).toBe(1); // V5: age band and gender not determinable
      expect(tbl.labels.get(diff)).toMatch(/^victims \| victim\.identified∈\{no\} \| not \(victims \| /);
    }
    // A share's own complement is the difference of its numerator in its denominator: the same cell, not a second one.
    const all = tbl.system.constraints.filter((c) => c.total === vu!.denominator && c.parts.includes(vu!.numerator));
    expect(all).toHaveLength(1);
    expect(all[0]!.parts).toContain(vu!.complement);
    // DE: V2 (infantToddler) and V3 (prepubescent) are both of known age: difference 0.
    const de = results.map((_, r) => cellsAt(tbl, results, r, { country: 'DE' }));
    const link = tbl.system.constraints.find((c) => c.total === de[0]!.numerator && c.parts.includes(de[1]!.denominator!))!;
    expect(link.parts.map((p) => value(tbl, p)).sort()).toEqual([0, 2]);
  });

  it('Kaplan–Meier events within 1, 2, 5 years and at any time are nested: each is the previous plus a difference cell', () => {
    const ids = ['identified-within-1y', 'identified-within-2y', 'identified-within-5y', 'time-to-identification'];
    const results = ids.map((id) => byCountry.results[resultIndex(byCountry, id)]!);
    const tbl = indicatorTables(results);
    const world = results.map((_, r) => cellsAt(tbl, results, r, {}));
    // S1 identified after 365 days, S3 after 1096 days (3.0 years): events 1, 1, 2, 2 of the 5 series.
    expect(world.map((c) => value(tbl, c.numerator))).toEqual([1, 1, 2, 2]);
    expect(new Set(world.map((c) => c.denominator)).size).toBe(1); // one population of series followed
    for (let i = 1; i < 4; i++) {
      const link = tbl.system.constraints.find((c) => c.total === world[i]!.numerator && c.parts.includes(world[i - 1]!.numerator));
      expect(link, ids[i]).toBeDefined();
      expect(link!.parts).toHaveLength(2);
      const diff = link!.parts.find((p) => p !== world[i - 1]!.numerator)!;
      expect(value(tbl, diff)).toBe([0, 1, 0][i - 1]); // after 1 up to 2 years: none; up to 5: S3; later: none
    }
    // Per country too: DE (S1, S2) has S1's event within 1 year in every horizon.
    const de = results.map((_, r) => cellsAt(tbl, results, r, { country: 'DE' }));
    expect(tbl.system.constraints.some((c) => c.total === de[1]!.numerator && c.parts.includes(de[0]!.numerator))).toBe(true);
  });

  it('the world total of the by-country and the by-year result of one indicator is one cell; years sum to it', () => {
    const results = [byCountry.results[resultIndex(byCountry, 'victims-unidentified')]!, byYear.results[resultIndex(byYear, 'victims-unidentified')]!];
    const both = indicatorTables(results);
    const worldC = cellsAt(both, results, 0, {});
    const worldY = cellsAt(both, results, 1, {});
    expect(worldY).toEqual(worldC);
    const c = both.system.cells.get(worldC.numerator)!;
    expect(c.value).toBe(6);
    // Years: 2015 (V1–V3) 2/3, 2016 (V4–V6) 3/3, 2017 (V7) 1/1.
    const years = ['2015', '2016', '2017'].map((y) => cellsAt(both, results, 1, { year: y }));
    expect(years.map((y) => [value(both, y.numerator), value(both, y.denominator)])).toEqual([[2, 3], [3, 3], [1, 1]]);
    for (const role of ['numerator', 'denominator', 'complement'] as const) expect(hasConstraint(both, worldC[role]!, years.map((y) => y[role]!))).toBe(true);
    // Cells: 7 observations × 3 + 4 × 3, with the 3 world cells shared.
    expect(both.system.cells.size).toBe(7 * 3 + 4 * 3 - 3);
  });
});

describe('indicatorTables by country × year', () => {
  it('builds a valid system: ZZ × year and "Not determinable" × year are one cell, never repeated among the parts of a margin', async () => {
    const crossed = await computeIndicators(t.store, { by: ['country', 'year'], definitions: SHIPPED_INDICATORS, dataDate: '2020-01-01' });
    const tables = indicatorTables(crossed.results);
    for (const c of tables.system.constraints) {
      expect(new Set(c.parts).size).toBe(c.parts.length);
      expect(c.parts).not.toContain(c.total);
    }
    // DE in 2015 holds S1 and S2: its 2015 victims (V1–V3) sum, with the other countries of 2015, to the 2015 total.
    const r = tables.cellsOf[crossed.results.findIndex((x) => x.definition.id === 'victims-unidentified')]!;
    const obs = crossed.results.find((x) => x.definition.id === 'victims-unidentified')!.observations;
    const at = (dims: Record<string, string>): ObservationCells => r[obs.findIndex((o) => JSON.stringify(o.dims) === JSON.stringify(dims))]!;
    expect(tables.system.cells.get(at({ country: 'DE', year: '2015' }).denominator!)!.value).toBe(3);
    expect(tables.system.cells.get(at({ year: '2015' }).denominator!)!.value).toBe(3);
  });
});

describe('the attacker audit on release tables', () => {
  it('catches the naive pattern (small counts blanked, nothing else) and passes the protected one', async () => {
    const { auditSuppression, primarySuppression, protectTables } = await import('../disclosure/index.ts');
    const both = indicatorTables([...byCountry.results, ...byYear.results]);
    const sensitive = primarySuppression(both.system, { threshold: 3 });
    expect(sensitive.length).toBeGreaterThan(0);
    const naive = await auditSuppression(both.system, sensitive.map((s) => s.id), sensitive);
    expect(naive.pass).toBe(false);
    // A blanked cell that the published margins pin down exactly (interval of width 0).
    expect(naive.failures.some((f) => f.lower === f.upper && f.lower === f.value)).toBe(true);
    const safe = await protectTables(both.system, { rules: { threshold: 3 } });
    expect(safe.audit!.pass).toBe(true);
    for (const c of safe.audit!.cells) if (c.required) expect(c.lower <= c.required.lower && c.upper >= c.required.upper).toBe(true);
  });
});
