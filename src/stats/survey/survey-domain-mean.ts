import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { NumericalError } from '../contract/method.ts';
import { prepareSurveyDesign, type SurveyDesign, type SurveyDesignInput } from './design.ts';
import { betweenPsuVariance } from './linearised-variance.ts';
import type { SurveyEstimate } from './survey-mean.ts';

/**
 * Design-based mean of y over a domain (subpopulation) with its Taylor-linearised standard error;
 * matches R survey::svymean(~y, subset(design, domain), deff = TRUE) and confint(…, df =
 * degf(subset(design, domain))) — which is also what svyby does for each group.
 *
 * Method (Lumley 2010, Complex Surveys, on subpopulations; Wolter 2007, ch. 6): the domain mean is the ratio
 * Σ wᵢdᵢyᵢ / Σ wᵢdᵢ over the whole sample, so its influence values are
 * zᵢ = dᵢwᵢ(yᵢ − ȳ_d)/Σ wᵢdᵢ — zero outside the domain — and the variance is the stratified
 * between-PSU variance of their PSU totals over the *whole* design: every sampled PSU, with its
 * stratum's n_h and fpc, counts, including PSUs without domain units (R's subset() drops the rows
 * but onestrat pads the missing PSUs back in as zeros). Treating the domain as if it were the
 * design would understate the variance.
 *
 * Where R's subset differs from "the whole design with a domain indicator", this follows R:
 * - degrees of freedom ("domain", the default) are PSUs − strata among those holding domain units,
 *   as degf() of the subset; "design" takes the whole design's PSUs − strata (degf(design)).
 * - lonelyPsu "average" scales by the strata holding domain units over those of them with more
 *   than one PSU (R's onestage sees only the subset's strata).
 * The design effect is svymean's deff = TRUE on the subset: the variance over s²_w(1 − n_d/N̂_d)/n_d
 * with n_d the domain's units, N̂_d = Σ wᵢdᵢ and s²_w the weighted variance of y in the domain; it
 * is null when N̂_d ≤ n_d or y is constant in the domain (R: NA or NaN).
 *
 * Edge cases: an empty domain throws NumericalError (R: an empty subset has no mean). Fewer than
 * 1 degree of freedom gives NaN limits and a warning (R: qt(·, 0) is NaN), not an error as in
 * surveyMean, so that a table with a domain inside one PSU still shows its estimate and SE.
 * `n`, `sumWeights`, `strata` and `psus` of the result are the domain's.
 */

export interface SurveyDomainOptions {
  /** Confidence level of the t interval; default 0.95. */
  readonly level?: number;
  /** "domain" (default): PSUs − strata holding domain units, as degf(subset(design, …)); "design": the whole design's. */
  readonly degreesOfFreedom?: 'domain' | 'design';
}

export function surveyDomainMean(
  y: ArrayLike<number>,
  domain: ArrayLike<boolean | number>,
  designInput: SurveyDesignInput | SurveyDesign,
  options: SurveyDomainOptions = {},
): SurveyEstimate {
  const design = prepareSurveyDesign(designInput);
  const level = options.level ?? 0.95;
  const dfRule = options.degreesOfFreedom ?? 'domain';
  if (!(level > 0 && level < 1)) throw new NumericalError(`level must be strictly between 0 and 1; got ${level}`);
  if (dfRule !== 'domain' && dfRule !== 'design') throw new NumericalError(`unknown degreesOfFreedom "${String(dfRule)}"`);
  const { n, weights, psuOfUnit, stratumOfPsu, psuCount } = design;
  if (y.length !== n) throw new NumericalError(`y has ${y.length} values but the design has ${n} units`);
  if (domain.length !== n) throw new NumericalError(`domain has ${domain.length} values but the design has ${n} units`);

  const H = design.psusInStratum.length;
  const inDomain = new Uint8Array(n);
  const psuInDomain = new Uint8Array(psuCount);
  const present = new Uint8Array(H);
  let units = 0;
  let sumWeights = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const d = domain[i];
    if (d !== true && d !== false && d !== 0 && d !== 1) throw new NumericalError(`domain[${i}] must be true/false or 1/0; got ${String(d)}`);
    if (!d) continue;
    const v = y[i];
    if (!Number.isFinite(v)) throw new NumericalError(`y[${i}] must be a finite number; got ${v}`);
    inDomain[i] = 1;
    units++;
    sumWeights += weights[i];
    weighted += weights[i] * v;
    const p = psuOfUnit ? psuOfUnit[i] : i;
    psuInDomain[p] = 1;
    present[stratumOfPsu ? stratumOfPsu[p] : 0] = 1;
  }
  if (units === 0) throw new NumericalError('the domain holds no units, so it has no mean');
  const estimate = weighted / sumWeights;

  // Influence values of the domain ratio: zero outside the domain.
  let totals: Float64Array | null = null;
  if (psuOfUnit) {
    totals = new Float64Array(psuCount);
    for (let i = 0; i < n; i++) if (inDomain[i]) totals[psuOfUnit[i]] += ((y[i] - estimate) * weights[i]) / sumWeights;
  }
  const psuValue = totals ? (p: number) => totals[p] : (p: number) => (inDomain[p] ? ((y[p] - estimate) * weights[p]) / sumWeights : 0);
  const standardError = Math.sqrt(betweenPsuVariance(psuValue, design, present));

  let psus = 0;
  for (let p = 0; p < psuCount; p++) psus += psuInDomain[p];
  let strata = 0;
  for (let h = 0; h < H; h++) strata += present[h];
  const degreesOfFreedom = dfRule === 'domain' ? psus - strata : design.degreesOfFreedom;

  const warnings: string[] = [];
  const lonely = design.lonelyStrata.filter((h) => present[h]);
  if (lonely.length > 0) {
    const names = lonely.slice(0, 5).map((h) => `"${String(design.strataLabels[h])}"`).join(', ') + (lonely.length > 5 ? ` and ${lonely.length - 5} more` : '');
    warnings.push(`${lonely.length === 1 ? 'stratum' : 'strata'} ${names} with a single PSU handled by lonelyPsu "${design.lonelyPsu}"`);
  }
  let critical = NaN;
  if (degreesOfFreedom >= 1) critical = tQuantile((1 + level) / 2, degreesOfFreedom);
  else warnings.push(`the domain has ${degreesOfFreedom} degrees of freedom (PSUs − strata holding its units), so no t interval exists`);

  let designEffect: number | null = null;
  if (sumWeights > units) {
    let squares = 0;
    for (let i = 0; i < n; i++) {
      if (!inDomain[i]) continue;
      const d = y[i] - estimate;
      squares += weights[i] * d * d;
    }
    const srsVariance = (((units / (units - 1)) * squares) / sumWeights) * ((sumWeights - units) / (sumWeights * units));
    const ratio = (standardError * standardError) / srsVariance;
    if (Number.isFinite(ratio)) designEffect = ratio;
    else warnings.push('design effect undefined: y is constant in the domain (or it holds one unit), so the simple-random-sampling variance is 0');
  } else {
    warnings.push(`design effect undefined: the domain's weights sum to ${sumWeights}, not more than its ${units} units; are they scaled to the population?`);
  }

  return Object.freeze({
    estimate,
    standardError,
    lower: estimate - critical * standardError,
    upper: estimate + critical * standardError,
    designEffect,
    degreesOfFreedom,
    level,
    n: units,
    sumWeights,
    strata,
    psus,
    warnings: Object.freeze(warnings),
  });
}
