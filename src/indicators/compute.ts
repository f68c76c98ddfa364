import { CODEBOOK, COUNTRY_NOT_DETERMINABLE, isValidDate } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { snapshotHash } from '../profile/index.ts';
import { cochranArmitageTrend, type LonelyPsu } from '../stats/index.ts';
import { isSyntheticStore, type Store } from '../store/index.ts';
import { loadSample } from '../sampling/index.ts';
import { VERSION } from '../version.ts';
import { fillYears, poissonTrend } from './count-trend.ts';
import { designShareObservations } from './design.ts';
import { countObservation, equalCountryShare, followUpOf, kaplanMeierObservation, rateObservation, shareObservation } from './estimate.ts';
import { shippedDefinitions } from './load.ts';
import { effectiveBy, groupBy, groupings, queryDimensions, sortByDims } from './margins.ts';
import { cellCounts, latestDate, timeRows, type CellCount } from './query.ts';
import type { AggregationMethod, Dimension, IndicatorDefinition, IndicatorResult, IndicatorSet, Observation, TrendResult } from './types.ts';

export interface ComputeOptions {
  /** Dimensions to break down by; each indicator uses those it allows. Default: totals only. */
  readonly by?: readonly Dimension[];
  /** Definitions to compute (default: the shipped ones). */
  readonly definitions?: readonly IndicatorDefinition[];
  /** Only these ids, in this order (default: every definition). */
  readonly indicators?: readonly string[];
  /** Censoring date YYYY-MM-DD of time indicators; default the latest date in the data. */
  readonly dataDate?: string;
  /** Confidence level of every interval, default 0.95. */
  readonly level?: number;
  /** How regional and global aggregates of shares weight countries, default pooled. */
  readonly aggregation?: AggregationMethod;
  readonly generatedAt?: string;
  /** A stored sample id: share indicators become design-based estimates for its frame; other units are omitted (manifest.omitted). */
  readonly sample?: string;
  /** With sample: strata with a single sampled series, as R options(survey.lonely.psu); default "fail". */
  readonly lonelyPsu?: LonelyPsu;
}

export const AGGREGATION_NOTES: Record<AggregationMethod, string> = {
  pooled: 'Regional and global figures pool the units of their countries: each country weighs by its number of units in the denominator (units whose country is not determinable, ZZ, count in the global figure and in the region "Not determinable").',
  'equal-country': 'Regional and global shares are the unweighted mean of their countries\' shares (each country with data weighs equally; ZZ is not a country and is left out of the mean), with variance Σ pᵢ(1 − pᵢ)/nᵢ / k²; counts, rates and Kaplan–Meier figures are pooled. Numerators and denominators shown, and the trend test over years, use the pooled counts; the region "Not determinable" (ZZ only) has no country and so no equal-country value.',
};

/**
 * Computes indicators over the whole store (the census path): one GROUP BY per share, count or
 * rate indicator at the finest cells of `by`, margins added up from those cells; Kaplan–Meier
 * indicators read their units' dates and fit one curve per cell.
 */
export async function computeIndicators(store: Store, options: ComputeOptions = {}): Promise<IndicatorSet> {
  const level = options.level ?? 0.95;
  const aggregation = options.aggregation ?? 'pooled';
  const by = options.by ?? [];
  const definitions = selectDefinitions(options.definitions ?? shippedDefinitions(), options.indicators);
  let dataDate = options.dataDate;
  if (dataDate !== undefined && !isValidDate(dataDate)) throw new VindexError('VDX_USAGE', `data date "${dataDate}" is not a valid date YYYY-MM-DD`);
  dataDate ??= (await latestDate(store)) ?? undefined;
  if (dataDate === undefined) throw new VindexError('VDX_STORE_EMPTY', 'the store holds no series to compute indicators on');
  // VDX_SAMPLE_NOT_FOUND for an unknown id, checked once for all the indicators estimated from it.
  if (options.sample !== undefined && definitions.some(isPlainShare)) await loadSample(store, options.sample);
  const results: IndicatorResult[] = [];
  const omitted: { indicator: string; reason: string }[] = [];
  for (const def of definitions) {
    if (options.sample === undefined) results.push(await computeOne(store, def, by, dataDate, level, aggregation));
    else if (isPlainShare(def)) results.push(await computeDesignShare(store, def, by, options.sample, level, options.lonelyPsu ?? 'fail'));
    else omitted.push({ indicator: def.id, reason: `a ${def.time ? 'Kaplan–Meier' : def.unit} indicator; design-based estimation from a sample covers shares only` });
  }
  const synthetic = await isSyntheticStore(store);
  return {
    manifest: {
      ...(synthetic ? { synthetic } : {}),
      snapshotHash: await snapshotHash(store),
      codebookVersion: CODEBOOK.version,
      softwareVersion: VERSION,
      generatedAt: options.generatedAt ?? new Date().toISOString(),
      dataDate,
      basis: options.sample === undefined ? 'census' : `sample:${options.sample}`,
      level,
      ...(omitted.length > 0 ? { omitted } : {}),
    },
    results,
  };
}

/** A share without a time-to-event (Kaplan–Meier) part: the indicators with equal-country and design-based estimates. */
function isPlainShare(def: IndicatorDefinition): boolean {
  return def.unit === 'share' && def.time === undefined;
}

function selectDefinitions(all: readonly IndicatorDefinition[], ids: readonly string[] | undefined): IndicatorDefinition[] {
  if (!ids || ids.length === 0) return [...all];
  const byId = new Map(all.map((d) => [d.id, d]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new VindexError('VDX_USAGE', `unknown indicator ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${[...byId.keys()].join(', ')})`);
  return ids.map((id) => byId.get(id)!);
}

async function computeOne(store: Store, def: IndicatorDefinition, requested: readonly Dimension[], dataDate: string, level: number, aggregation: AggregationMethod): Promise<IndicatorResult> {
  const by = effectiveBy(requested, def.disaggregations);
  const equalWeights = aggregation === 'equal-country' && isPlainShare(def) && def.disaggregations.includes('country');
  const sqlDims = queryDimensions(by, equalWeights);
  const observations: Observation[] = [];
  let trend: TrendResult | undefined;
  if (def.time) {
    // Follow-up once per unit; units first seen after the data date are not under observation.
    const followed = (await timeRows(store, def, sqlDims)).flatMap((row) => {
      const f = followUpOf(row, dataDate);
      return f === null ? [] : [{ dims: row.dims, time: f.time, event: f.event }];
    });
    for (const grouping of groupings(by)) {
      const groups = groupBy(followed, grouping);
      if (grouping.length === 0 && groups.length === 0) groups.push({ dims: {}, items: [] });
      observations.push(...sortByDims(groups.map((g) => kaplanMeierObservation(def, g.dims, g.items, level)), grouping));
    }
  } else {
    const cells = await cellCounts(store, def, sqlDims);
    for (const grouping of groupings(by)) {
      const groups = groupBy(cells, grouping);
      if (grouping.length === 0 && groups.length === 0) groups.push({ dims: {}, items: [] });
      const geoAggregate = !grouping.includes('country');
      observations.push(...sortByDims(groups.map((g) => cellObservation(def, g.dims, g.items, level, equalWeights && geoAggregate)), grouping));
    }
    if (by.includes('year') && def.unit === 'share') trend = yearTrend(observations);
    if (by.includes('year') && def.unit === 'count') trend = yearCountTrend(observations);
  }
  return {
    definition: def, by, observations, aggregation: equalWeights ? 'equal-country' : 'pooled',
    aggregationNote: AGGREGATION_NOTES[equalWeights ? 'equal-country' : 'pooled'],
    ...(trend ? { trend } : {}),
  };
}

export const DESIGN_AGGREGATION_NOTE =
  'Design-based: regional and global shares are domains of the same sample design, so each country weighs by its estimated number of units (the sum of the sampling weights); no equal-country option. Trend tests are not computed from samples.';

async function computeDesignShare(store: Store, def: IndicatorDefinition, requested: readonly Dimension[], sampleId: string, level: number, lonelyPsu: LonelyPsu): Promise<IndicatorResult> {
  const by = effectiveBy(requested, def.disaggregations);
  const observations = await designShareObservations(store, def, by, queryDimensions(by, false), sampleId, level, lonelyPsu);
  return { definition: def, by, observations, aggregation: 'pooled', estimator: 'design', aggregationNote: DESIGN_AGGREGATION_NOTE };
}

function cellObservation(def: IndicatorDefinition, dims: Observation['dims'], cells: readonly CellCount[], level: number, equalWeights: boolean): Observation {
  const x = cells.reduce((s, c) => s + c.numerator, 0);
  const n = cells.reduce((s, c) => s + c.denominator, 0);
  switch (def.unit) {
    case 'count':
      return countObservation(def, dims, x, level);
    case 'rate':
      return rateObservation(def, dims, x, n, level);
    default:
      if (!equalWeights) return shareObservation(def, dims, x, n, level);
      return equalCountryShare(def, dims, countryTotals(cells), level, { x, n });
  }
}

function countryTotals(cells: readonly CellCount[]): { x: number; n: number }[] {
  const totals = new Map<string, { x: number; n: number }>();
  for (const c of cells) {
    const country = c.dims.country ?? COUNTRY_NOT_DETERMINABLE;
    if (country === COUNTRY_NOT_DETERMINABLE) continue;
    const t = totals.get(country) ?? { x: 0, n: 0 };
    totals.set(country, { x: t.x + c.numerator, n: t.n + c.denominator });
  }
  return [...totals.values()];
}

/**
 * Score test for a log-linear trend of a count over first-sighting years (poissonTrend), on the
 * year totals with the years in between that have no units as zeros.
 */
export function yearCountTrend(observations: readonly Observation[]): TrendResult | undefined {
  const observed = new Map<number, number>();
  for (const o of observations) if (Object.keys(o.dims).length === 1 && o.dims.year !== undefined) observed.set(Number(o.dims.year), o.value);
  const { years, counts } = fillYears(observed);
  const test = poissonTrend(counts, years);
  return test === null ? undefined : { test: 'poisson-score', ...test };
}

/**
 * Cochran–Armitage test for a linear trend of the share over first-sighting years (scores = the
 * years, as R prop.trend.test(x, n, score = year)) on the pooled year totals, and the weighted
 * least-squares slope of the share on the year (weights n: change of the share per year).
 */
export function yearTrend(observations: readonly Observation[]): TrendResult | undefined {
  const years = observations.filter((o) => Object.keys(o.dims).length === 1 && o.dims.year !== undefined && o.denominator !== null && o.denominator > 0);
  if (years.length < 2) return undefined;
  const x = years.map((o) => o.numerator!);
  const n = years.map((o) => o.denominator!);
  const s = years.map((o) => Number(o.dims.year));
  const test = cochranArmitageTrend(x, n, s);
  if (!Number.isFinite(test.statistic)) return undefined;
  const nSum = n.reduce((a, b) => a + b, 0);
  const sBar = n.reduce((a, ni, i) => a + ni * s[i]!, 0) / nSum;
  const pBar = x.reduce((a, b) => a + b, 0) / nSum;
  let cross = 0;
  let spread = 0;
  for (let i = 0; i < n.length; i++) {
    cross += n[i]! * (s[i]! - sBar) * (x[i]! / n[i]! - pBar);
    spread += n[i]! * (s[i]! - sBar) ** 2;
  }
  return { test: 'cochran-armitage', statistic: test.statistic, pValue: test.pValue, slope: cross / spread };
}
