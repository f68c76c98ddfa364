/**
 * The study profile from a probability sample: every share a design-based estimate.
 *
 *   units (codes + weights, strata, PSUs, fpc per unit)
 *     → prepareSurveyDesign once per unit kind
 *     → per table, population and category: domain mean of the category indicator
 *       (surveyDomainMean: Taylor linearisation over the whole design, t interval)
 *     → ProfileTable (estimator 'design')
 *
 * Populations are domains: the estimate for identified victims is svymean over
 * subset(design, identified == "yes"), which keeps every sampled PSU for the variance. Associations
 * and comparisons stay unweighted counts with χ² (a Rao–Scott test is a later issue), as
 * DESIGN_PROFILE_METHOD says in the manifest.
 */
import { prepareSurveyDesign, surveyDomainMean, type LonelyPsu, type SurveyDesign } from '../stats/index.ts';
import { assembleProfile, type ProfileCubes } from './assemble.ts';
import type { Cube } from './cube.ts';
import { inPopulation, POPULATIONS, TABLE_SPECS, type TableSpec, type Unit } from './spec.ts';
import type { Population, Profile, ProfileManifest, ProfileRow, ProfileTable } from './types.ts';

/**
 * One kind of analysed unit (victims, series or offenders) in a sample, column by column: entry i
 * of every array belongs to unit i.
 */
export interface DesignSample {
  /**
   * Codes per cube dimension of spec.ts, the same codes the cubes hold: `identified` (victims:
   * victim.identified; series and offenders: series.identified) and the `dim` of every table of
   * the unit — victims: gender, age_band, severity, ethnicity; series: victim_gender,
   * victim_age_group, victims_band (victimsPerSeriesBand), self_generated; offenders: visible,
   * gender. Null counts as notDeterminable; a code outside the table's categories throws.
   */
  readonly codes: Readonly<Record<string, ArrayLike<string | null>>>;
  /** Sampling weight of each unit (inverse inclusion probability), finite and > 0. */
  readonly weights: ArrayLike<number>;
  /** Stratum of each unit; absent: one stratum. */
  readonly strata?: ArrayLike<string | number>;
  /** PSU (cluster) of each unit, read within its stratum, e.g. the sampled series of a victim; absent: units were sampled individually. */
  readonly clusters?: ArrayLike<string | number>;
  /** Population size of the unit's stratum (units, or PSUs when clustered); absent: sampling with replacement. */
  readonly fpc?: ArrayLike<number>;
  /**
   * True for a row that is no unit but stands for a sampled PSU holding no unit of this kind (a
   * sampled series without offenders): it counts for the design (n_h, the PSUs of the variance)
   * but belongs to no population and to no count, as R's subset(design, present) keeps it. Its
   * codes are ignored. Absent: every row is a unit.
   */
  readonly placeholder?: ArrayLike<boolean>;
}

/** The sample of each unit kind; a kind with no units gives tables of zero total. */
export type DesignUnits = Readonly<Record<Unit, DesignSample>>;

export interface DesignProfileOptions {
  /** Confidence level of the intervals; default 0.95. */
  readonly level?: number;
  /** Strata with a single PSU, as R options(survey.lonely.psu); default "fail". */
  readonly lonelyPsu?: LonelyPsu;
  /**
   * Degrees of freedom of the t intervals: "domain" (default), PSUs − strata holding units of the
   * population, as R degf(subset(design, …)); "design", the whole sample's PSUs − strata.
   */
  readonly degreesOfFreedom?: 'domain' | 'design';
}

export const DESIGN_PROFILE_METHOD =
  'Design-based shares from a probability sample: for each category, the weighted share (survey::svymean of the category indicator) with its Taylor-linearised standard error, 95% t interval on PSUs − strata holding units of the population (confint(svymean(…), df = degf(design))) and design effect (deff = TRUE), R survey 4.1 (Lumley 2010); populations by identification status estimated as domains over the whole design (subset(design, …)); not-determinable codes a category. Cross-tabulations and identified-vs-unidentified comparisons are UNWEIGHTED sample counts with Pearson χ² and Cramér\'s V (no design-based Rao–Scott correction yet), so their p-values ignore weights, strata and clusters.';

const ND = 'notDeterminable';

/** The cube dimensions a unit's sample must carry: `identified` and each of its tables' dims. */
export function designDims(unit: Unit): string[] {
  return ['identified', ...TABLE_SPECS.filter((s) => s.unit === unit).map((s) => s.dim)];
}

function sampleSize(sample: DesignSample, unit: Unit): number {
  const n = sample.weights.length;
  for (const dim of designDims(unit)) {
    const column = sample.codes[dim];
    if (!column) throw new Error(`the ${unit} sample has no codes for "${dim}"`);
    if (column.length !== n) throw new Error(`the ${unit} sample has ${column.length} codes for "${dim}" but ${n} weights`);
  }
  if (sample.placeholder && sample.placeholder.length !== n) throw new Error(`the ${unit} sample has ${sample.placeholder.length} placeholder flags but ${n} weights`);
  return n;
}

function emptyTable(base: Omit<ProfileTable, 'rows' | 'total'>, spec: TableSpec): ProfileTable {
  return {
    ...base,
    total: 0,
    weightedTotal: 0,
    rows: spec.categories.map((c) => ({ category: c.code, label: c.label, count: 0, share: NaN, lower: NaN, upper: NaN, standardError: NaN, designEffect: null })),
  };
}

function designTable(spec: TableSpec, population: Population, sample: DesignSample, design: SurveyDesign | null, domain: Uint8Array, options: DesignProfileOptions): ProfileTable {
  const base = { id: `${spec.key}-${population}`, title: spec.title, variable: spec.variable, population, unit: spec.unit, estimator: 'design' as const };
  const n = domain.length;
  const codes = sample.codes[spec.dim]!;
  const index = new Map(spec.categories.map((c, k) => [c.code, k]));
  const category = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (sample.placeholder?.[i] === true) {
      category[i] = -1; // in no category and outside every domain
      continue;
    }
    const k = index.get(codes[i] ?? ND);
    if (k === undefined) throw new Error(`${spec.variable}: unit ${i} has code "${String(codes[i])}", which is not one of ${spec.categories.map((c) => c.code).join(', ')}`);
    category[i] = k;
    total += domain[i]!;
  }
  if (total === 0 || design === null) return emptyTable(base, spec);

  const y = new Uint8Array(n);
  let weightedTotal = 0;
  let degreesOfFreedom = 0;
  const rows = spec.categories.map((c, k): ProfileRow => {
    let count = 0;
    for (let i = 0; i < n; i++) {
      y[i] = category[i] === k ? 1 : 0;
      count += y[i]! & domain[i]!;
    }
    const e = surveyDomainMean(y, domain, design, { level: options.level ?? 0.95, degreesOfFreedom: options.degreesOfFreedom ?? 'domain' });
    weightedTotal = e.sumWeights;
    degreesOfFreedom = e.degreesOfFreedom;
    return { category: c.code, label: c.label, count, share: e.estimate, lower: e.lower, upper: e.upper, standardError: e.standardError, designEffect: e.designEffect };
  });
  return { ...base, total, weightedTotal, degreesOfFreedom, rows };
}

/**
 * The profile's tables (TABLE_SPECS × POPULATIONS, in the order assembleProfile gives) from a
 * sample: `count` and `total` are unweighted sample counts; `share`, `lower`, `upper`,
 * `standardError` and `designEffect` are design-based (R: svymean(~category, subset(design,
 * population), deff = TRUE) and confint(…, df = degf(subset(design, population)))); `weightedTotal`
 * is the estimated population size Σw. A population with no units gives NaN shares. Each unit
 * kind's design is prepared once and reused for every table, population and category.
 */
export function designProfileTables(units: DesignUnits, options: DesignProfileOptions = {}): ProfileTable[] {
  const prepared = new Map<Unit, { design: SurveyDesign | null; domains: Map<Population, Uint8Array> }>();
  for (const unit of ['victims', 'series', 'offenders'] as const) {
    const sample = units[unit];
    const n = sampleSize(sample, unit);
    const design =
      n === 0
        ? null
        : prepareSurveyDesign({
            weights: sample.weights,
            lonelyPsu: options.lonelyPsu ?? 'fail',
            ...(sample.strata ? { strata: sample.strata } : {}),
            ...(sample.clusters ? { clusters: sample.clusters } : {}),
            ...(sample.fpc ? { fpc: sample.fpc } : {}),
          });
    const identified = sample.codes.identified!;
    const placeholder = sample.placeholder;
    const domains = new Map(POPULATIONS.map((p) => [p, Uint8Array.from({ length: n }, (_, i) => (placeholder?.[i] !== true && inPopulation(identified[i] ?? null, p) ? 1 : 0))]));
    prepared.set(unit, { design, domains });
  }
  return TABLE_SPECS.flatMap((spec) =>
    POPULATIONS.map((population) => {
      const { design, domains } = prepared.get(spec.unit)!;
      return designTable(spec, population, units[spec.unit], design, domains.get(population)!, options);
    }),
  );
}

/** Unweighted count cubes of a sample (for the cross-tabulations and comparisons). */
export function designSampleCube(sample: DesignSample, unit: Unit): Cube {
  const n = sampleSize(sample, unit);
  const dims = designDims(unit);
  const cells = new Map<string, { dims: Record<string, string | null>; n: number }>();
  for (let i = 0; i < n; i++) {
    if (sample.placeholder?.[i] === true) continue;
    const values = dims.map((d) => sample.codes[d]![i] ?? null);
    const key = values.map((v) => (v === null ? '\u0000' : v)).join('\u001f');
    const cell = cells.get(key);
    if (cell) cell.n++;
    else cells.set(key, { dims: Object.fromEntries(dims.map((d, j) => [d, values[j]!])), n: 1 });
  }
  return [...cells.values()];
}

/**
 * A full profile from a sample: tables from designProfileTables at the manifest's level;
 * associations and comparisons from unweighted sample counts, as assembleProfile computes them.
 * The manifest's `method` is replaced by DESIGN_PROFILE_METHOD, which says so.
 */
export function assembleDesignProfile(units: DesignUnits, manifest: ProfileManifest, options: Omit<DesignProfileOptions, 'level'> = {}): Profile {
  const cubes: ProfileCubes = {
    victims: designSampleCube(units.victims, 'victims'),
    series: designSampleCube(units.series, 'series'),
    offenders: designSampleCube(units.offenders, 'offenders'),
  };
  const m = { ...manifest, method: DESIGN_PROFILE_METHOD };
  const counted = assembleProfile(cubes, m);
  return { ...counted, tables: designProfileTables(units, { ...options, level: manifest.level }) };
}
