import { COUNTRY_NOT_DETERMINABLE, regionOf } from '../codebook/index.ts';
import { assertNoSmallCounts, type AuditedCell, DEFAULT_MIN_FREQUENCY, protectTables, type CellStatus, type MethodRecord, type ProtectOptions } from '../disclosure/index.ts';
import { VindexError } from '../errors.ts';
import { yearCountTrend, yearTrend, type IndicatorResult, type Observation, type TrendResult } from '../indicators/index.ts';
import { countObservation, equalCountryShare, rateObservation, shareObservation } from '../indicators/estimate.ts';
import type { ConfStatus, PublishableObservation, PublishableResult } from '../publish/index.ts';
import { dimsKey, indicatorTables, type ObservationCells } from './tables.ts';

/**
 * indicator results → count tables (tables.ts) → protectTables → observations derived from the
 * protected counts only.
 *
 * Suppression: an observation is published exactly when every count it rests on (numerator,
 * denominator, their difference) is published; its figures are then those of the engine, which
 * are functions of published counts. Primary-suppressed counts flag it C, complementary ones D.
 * Rounding and noise: shares, rates, counts and their intervals are recomputed from the
 * rounded/noisy counts; figures that cannot be derived from counts alone (Kaplan–Meier, design-
 * based estimates) are withheld, with the reason, rather than published from unprotected data.
 */

export interface ReleaseResult extends PublishableResult {
  /** Why the result has no trend test though its unprotected computation had one. */
  readonly trendWithheld?: string;
}

export interface ProtectedIndicators {
  readonly results: readonly ReleaseResult[];
  /** Indicators left out of the release, with why. */
  readonly withheld: readonly { readonly indicator: string; readonly reason: string }[];
  readonly record: MethodRecord;
  /** The attacker audit in summary (the intervals themselves would narrow the hidden cells, so they are not released). */
  readonly audit: { readonly pass: boolean; readonly suppressedCells: number; readonly sensitiveCells: number; readonly minimumMargin: number | null } | null;
  readonly cells: { readonly total: number; readonly constraints: number; readonly byStatus: Readonly<Partial<Record<CellStatus, number>>> };
  /** Every published count (numerator, denominator, difference) of the released observations, for the small-count guarantee. */
  readonly publishedCounts: readonly { readonly id: string; readonly value: number }[];
}

/** Kaplan–Meier and design-based figures depend on more than their counts. */
function derivableFromCounts(result: IndicatorResult): boolean {
  return result.definition.time === undefined && result.estimator !== 'design';
}

function confOf(statuses: readonly CellStatus[]): ConfStatus {
  if (statuses.includes('primary')) return 'C';
  if (statuses.includes('secondary')) return 'D';
  return 'F';
}

/** Fail closed: a suppressed observation keeps its dims and status only; every figure goes. */
function suppressed(obs: Observation | PublishableObservation, conf: ConfStatus): PublishableObservation {
  return { indicator: obs.indicator, dims: obs.dims, status: obs.status, value: null, lower: null, upper: null, numerator: null, denominator: null, confStatus: conf };
}

const isYearTotal = (o: { dims: Observation['dims'] }): boolean => Object.keys(o.dims).length === 1 && o.dims.year !== undefined;

/**
 * Equal-country means of regions and the world are functions of every country's share: published
 * only when all the countries they average are published in the same table (else D), so no hidden
 * or unreleased share can be solved for from the mean.
 */
function equalCountryGuard(observations: PublishableObservation[]): PublishableObservation[] {
  const countryHidden = new Map<string, boolean>();
  for (const o of observations) {
    if (o.dims.country === undefined || o.dims.country === COUNTRY_NOT_DETERMINABLE) continue;
    const others = Object.keys(o.dims).filter((d) => d !== 'country').map((d) => `${d}=${o.dims[d as keyof typeof o.dims]}`).join('&');
    const key = `${regionOf(o.dims.country)}|${others}`;
    const world = `*|${others}`;
    const hidden = o.confStatus !== 'F';
    countryHidden.set(key, (countryHidden.get(key) ?? false) || hidden);
    countryHidden.set(world, (countryHidden.get(world) ?? false) || hidden);
  }
  return observations.map((o) => {
    if (o.dims.country !== undefined || o.confStatus !== 'F') return o;
    const others = Object.keys(o.dims).filter((d) => d !== 'region').map((d) => `${d}=${o.dims[d as keyof typeof o.dims]}`).join('&');
    const key = o.dims.region !== undefined ? `${o.dims.region}|${others}` : `*|${others}`;
    // No published country at all under it (e.g. a by-year table: its countries are not released) hides it too.
    return countryHidden.get(key) !== false ? suppressed(o, 'D') : o;
  });
}

export interface ProtectIndicatorOptions extends ProtectOptions {
  /** Confidence level of intervals recomputed from rounded or noisy counts; default 0.95. */
  readonly level?: number;
}

/** Protects indicator results (any number, linked through their shared counts) with one method. */
export async function protectIndicators(results: readonly IndicatorResult[], options: ProtectIndicatorOptions = {}): Promise<ProtectedIndicators> {
  const method = options.method ?? 'suppression';
  const level = options.level ?? 0.95;
  // The indicator tables carry no per-unit contributions, so the dominance and p% rules would test nothing; refuse rather than claim them.
  if (options.rules?.dominance || options.rules?.pPercent) {
    throw new VindexError('VDX_USAGE', 'the dominance and p% rules are not available for releases: the indicator count tables carry no individual contributions for them to test; use the minimum-frequency rule (--threshold)');
  }
  const withheld: { indicator: string; reason: string }[] = [];
  const kept = results.filter((r) => {
    if (method === 'suppression' || derivableFromCounts(r)) return true;
    const why = r.estimator === 'design' ? 'a design-based (weighted) estimate' : 'a Kaplan–Meier figure';
    if (!withheld.some((w) => w.indicator === r.definition.id)) {
      withheld.push({ indicator: r.definition.id, reason: `${why} cannot be derived from ${method === 'rounding' ? 'rounded' : 'noisy'} counts; release with --method suppression to publish it` });
    }
    return false;
  });
  if (kept.length === 0) throw new VindexError('VDX_USAGE', `nothing to release: ${withheld.map((w) => `${w.indicator} (${w.reason})`).join('; ')}`);
  const tables = indicatorTables(kept);
  const protectedCells = await protectTables(tables.system, options);
  const cell = new Map(protectedCells.cells.map((c) => [c.id, c]));
  const publishedCounts: { id: string; value: number }[] = [];
  const protectedObservations = kept.map((result, r) => {
    const def = result.definition;
    let observations: PublishableObservation[] = result.observations.map((obs, i) => {
      const ids: ObservationCells = tables.cellsOf[r]![i]!;
      const cells = [ids.numerator, ids.denominator, ids.complement].filter((id): id is string => id !== undefined).map((id) => cell.get(id)!);
      const conf = confOf(cells.map((c) => c.status));
      if (conf !== 'F') return suppressed(obs, conf);
      for (const c of cells) publishedCounts.push({ id: `${def.id}:${c.id}`, value: c.value! });
      if (method === 'suppression') return { ...obs, confStatus: 'F' };
      // Rounded or noisy counts: the figure and its interval come from them alone.
      const x = cell.get(ids.numerator)!.value!;
      if (ids.denominator === undefined) return { ...countObservation(def, obs.dims, x, level), confStatus: 'F' };
      const n = Math.max(cell.get(ids.denominator)!.value!, 0);
      const xx = Math.min(x, n);
      const derived = def.unit === 'rate' ? rateObservation(def, obs.dims, xx, n, level) : shareObservation(def, obs.dims, xx, n, level);
      return { ...derived, confStatus: 'F' };
    });
    if (method !== 'suppression' && result.aggregation === 'equal-country') observations = equalCountryFromProtected(result, observations, level);
    if (result.aggregation === 'equal-country') observations = equalCountryGuard(observations);
    return observations;
  });
  const consistent = sameFigureEverywhere(kept, protectedObservations);
  const out: ReleaseResult[] = kept.map((result, r) => {
    const observations = consistent[r]!;
    const { trend: _unprotected, ...rest } = result;
    const t = trendOf(result, observations, method);
    return { ...rest, observations, ...(t.trend ? { trend: t.trend } : {}), ...(t.trendWithheld ? { trendWithheld: t.trendWithheld } : {}) };
  });
  // The last line of defence: nothing below the threshold leaves as a count (suppression only; rounded counts are multiples of the base by construction).
  if (method === 'suppression') {
    const threshold = options.rules?.threshold ?? DEFAULT_MIN_FREQUENCY;
    assertNoSmallCounts(publishedCounts, threshold, { where: 'release' });
  }
  const byStatus: Partial<Record<CellStatus, number>> = {};
  for (const c of protectedCells.cells) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  return {
    results: out,
    withheld,
    record: protectedCells.record,
    audit: protectedCells.audit
      ? { pass: protectedCells.audit.pass, suppressedCells: protectedCells.audit.cells.length, sensitiveCells: protectedCells.audit.cells.filter((c) => c.required).length, minimumMargin: minimumMargin(protectedCells.audit.cells) }
      : null,
    cells: { total: tables.system.cells.size, constraints: tables.system.constraints.length, byStatus },
    publishedCounts,
  };
}

/**
 * One observation shown by two tables (the world total of an indicator by country and by year)
 * must read the same in both: hidden in one, hidden in all (the most restrictive flag wins).
 */
function sameFigureEverywhere(results: readonly IndicatorResult[], observations: readonly PublishableObservation[][]): PublishableObservation[][] {
  const key = (r: number, o: PublishableObservation): string => `${results[r]!.definition.id}\u0001${dimsKey(o.dims)}`;
  const worst = new Map<string, ConfStatus>();
  observations.forEach((list, r) => {
    for (const o of list) {
      const k = key(r, o);
      const before = worst.get(k);
      const conf = o.confStatus ?? 'F';
      if (before === undefined || conf === 'C' || (conf === 'D' && before === 'F')) worst.set(k, conf);
    }
  });
  return observations.map((list, r) => list.map((o) => {
    const w = worst.get(key(r, o))!;
    return w !== 'F' && o.confStatus === 'F' ? suppressed(o, w) : o;
  }));
}

/** The least slack, over sensitive cells and both sides, between the attacker's interval and the required one (≥ 0 when the audit passes). */
function minimumMargin(cells: readonly AuditedCell[]): number | null {
  let m: number | null = null;
  for (const c of cells) {
    if (!c.required) continue;
    const slack = Math.min(c.required.lower - c.lower, c.upper - c.required.upper);
    m = m === null ? slack : Math.min(m, slack);
  }
  return m;
}

/** Equal-country means recomputed from the countries' protected counts (rounding, noise). */
function equalCountryFromProtected(result: IndicatorResult, observations: PublishableObservation[], level: number): PublishableObservation[] {
  const countries = observations.filter((o) => o.dims.country !== undefined && o.dims.country !== COUNTRY_NOT_DETERMINABLE && o.confStatus === 'F');
  return observations.map((o) => {
    if (o.dims.country !== undefined || o.confStatus !== 'F') return o;
    const same = (c: PublishableObservation): boolean =>
      (o.dims.region === undefined || regionOf(c.dims.country!) === o.dims.region) &&
      (Object.keys(o.dims) as (keyof typeof o.dims)[]).every((d) => d === 'region' || c.dims[d] === o.dims[d]) &&
      (Object.keys(c.dims) as (keyof typeof c.dims)[]).every((d) => d === 'country' || o.dims[d] !== undefined);
    const members = countries.filter(same).map((c) => ({ x: c.numerator ?? 0, n: c.denominator ?? 0 }));
    const derived = equalCountryShare(result.definition, o.dims, members, level, { x: o.numerator ?? 0, n: o.denominator ?? 0 });
    return { ...derived, confStatus: 'F' };
  });
}

/**
 * The trend test is a function of every year's counts: kept (suppression) or recomputed from the
 * protected year totals (rounding, noise) only when every year total is published.
 */
function trendOf(result: IndicatorResult, observations: readonly PublishableObservation[], method: string): { trend?: TrendResult | undefined; trendWithheld?: string } {
  if (result.trend === undefined) return {};
  const years = observations.filter(isYearTotal);
  const hidden = years.filter((o) => o.confStatus !== 'F').map((o) => o.dims.year!);
  if (hidden.length > 0) return { trend: undefined, trendWithheld: `not published: the count(s) of ${hidden.join(', ')} are suppressed and the test would reveal them` };
  if (method === 'suppression') return { trend: result.trend };
  const usable = observations.map((o) => ({ ...o, value: o.value ?? 0 })) as Observation[];
  const trend = result.definition.unit === 'count' ? yearCountTrend(usable) : yearTrend(usable);
  return trend === undefined ? { trend: undefined, trendWithheld: 'not computable from the protected counts' } : { trend };
}
