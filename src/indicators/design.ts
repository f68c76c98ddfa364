/**
 * Design-based shares from a stored sample of series (src/sampling/): each share is the weighted
 * domain mean of the numerator indicator over the units of the denominator in the cell
 * (surveyDomainMean: R survey::svymean(~num, subset(design, den & cell)), Taylor linearisation, t
 * interval on the domain's PSUs − strata). Series are sampled individually; victims are a
 * one-stage cluster sample of their series (cluster = series, weight N_h/n_h, fpc N_h), as in
 * src/profile/sample-profile.ts: svydesign(ids = ~series, strata = ~stratum, weights = ~w, fpc = ~N_h).
 * A sampled series without victims stays a PSU of the victim design (a placeholder row in no domain).
 */
import { sql } from 'kysely';
import { lonelyPsuError } from '../profile/index.ts';
import { prepareSurveyDesign, surveyDomainMean, type LonelyPsu, type SurveyDesign } from '../stats/index.ts';
import type { Store } from '../store/index.ts';
import { finite } from './estimate.ts';
import { dimsKey, groupBy, groupings, project, sortByDims } from './margins.ts';
import { dimColumns, filterCondition, readDims, type QueryDimension } from './query.ts';
import type { Dimension, IndicatorDefinition, Observation } from './types.ts';

export interface SampledUnit {
  readonly dims: Readonly<Partial<Record<QueryDimension, string>>>;
  readonly numerator: boolean;
  readonly denominator: boolean;
  readonly seriesId: number;
  readonly stratum: string | null;
  readonly weight: number;
  readonly fpc: number;
  /** A sampled series without units of the indicator's entity. */
  readonly placeholder: boolean;
}

/** The sampled units of a share indicator with their filter flags and design columns, in a fixed order. */
export async function sampledUnits(store: Store, def: IndicatorDefinition, dims: readonly QueryDimension[], sampleId: string): Promise<SampledUnit[]> {
  const den = def.denominator === null ? sql<boolean>`1 = 1` : filterCondition(def.entity, def.denominator);
  const num = filterCondition(def.entity, def.numerator);
  const victim = def.entity === 'victim';
  const from = victim
    ? sql`sample_unit as u inner join series as s on s.id = u.series_id left join victim as v on v.series_id = s.id`
    : sql`sample_unit as u inner join series as s on s.id = u.series_id`;
  const select = [
    ...dimColumns(def, dims),
    sql`case when ${den} then 1 else 0 end as f_den`,
    sql`case when ${den} and ${num} then 1 else 0 end as f_num`,
    sql`u.series_id as series_id`, sql`u.stratum as stratum`, sql`u.weight as weight`, sql`u.stratum_size as fpc`,
    victim ? sql`case when v.key is null then 1 else 0 end as placeholder` : sql`0 as placeholder`,
  ];
  const order = victim ? sql`u.series_id, v.key` : sql`u.series_id`;
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(select)} from ${from} where u.sample_id = ${sampleId} order by ${order}`.execute(store.db);
  return rows.map((r) => {
    const placeholder = Number(r.placeholder) === 1;
    return {
      dims: placeholder ? {} : readDims(r, dims), numerator: !placeholder && Number(r.f_num) === 1, denominator: !placeholder && Number(r.f_den) === 1,
      seriesId: Number(r.series_id), stratum: (r.stratum as string | null) ?? null, weight: Number(r.weight), fpc: Number(r.fpc), placeholder,
    };
  });
}

/**
 * Every cell and margin of `by` for a share indicator, design-based. numerator/denominator are
 * the unweighted sample counts of the domain; value, lower, upper, standardError and
 * designEffect the weighted estimate. Regional and global figures are domains of the same
 * design: countries weigh by their estimated population of units. The caller checks that the
 * sample exists (computeIndicators).
 */
export async function designShareObservations(store: Store, def: IndicatorDefinition, by: readonly Dimension[], sqlDims: readonly QueryDimension[], sampleId: string, level: number, lonelyPsu: LonelyPsu): Promise<Observation[]> {
  const units = await sampledUnits(store, def, sqlDims, sampleId);
  const stratified = units.some((u) => u.stratum !== null);
  let design: SurveyDesign;
  try {
    design = prepareSurveyDesign({
      weights: units.map((u) => u.weight),
      fpc: units.map((u) => u.fpc),
      lonelyPsu,
      ...(stratified ? { strata: units.map((u) => u.stratum ?? '') } : {}),
      ...(def.entity === 'victim' ? { clusters: units.map((u) => u.seriesId) } : {}),
    });
  } catch (e) {
    throw lonelyPsuError(e, sampleId);
  }
  const y = Float64Array.from(units, (u) => (u.numerator ? 1 : 0));
  const out: Observation[] = [];
  for (const grouping of groupings(by)) {
    const cells = groupBy(units.filter((u) => u.denominator), grouping);
    if (grouping.length === 0 && cells.length === 0) cells.push({ dims: {}, items: [] });
    // Each unit's key at this grouping, once (null outside the denominator): a cell's domain is the units with its key.
    const keys = units.map((u) => (u.denominator ? dimsKey(project(u.dims, grouping), grouping) : null));
    const obs = cells.map((cell): Observation => {
      const key = dimsKey(cell.dims, grouping);
      const domain = Uint8Array.from(keys, (k) => (k === key ? 1 : 0));
      const n = cell.items.length;
      const x = cell.items.filter((u) => u.numerator).length;
      if (n === 0) return { indicator: def.id, dims: cell.dims, value: 0, lower: null, upper: null, numerator: 0, denominator: 0, status: 'no-data' };
      const e = surveyDomainMean(y, domain, design, { level });
      return {
        indicator: def.id, dims: cell.dims, value: e.estimate, lower: finite(e.lower), upper: finite(e.upper), numerator: x, denominator: n, status: 'estimated',
        standardError: e.standardError, designEffect: e.designEffect,
      };
    });
    out.push(...sortByDims(obs, grouping));
  }
  return out;
}
