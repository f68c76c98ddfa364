import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { NumericalError } from '../contract/method.ts';
import { prepareSurveyDesign, type SurveyDesign, type SurveyDesignInput } from './design.ts';
import { linearisedMeanVariance } from './linearised-variance.ts';

/**
 * Design-based mean Σwy/Σw with its Taylor-linearised standard error; matches R
 * survey::svymean(~y, design, deff = TRUE) and confint(…, df = degf(design)) (t interval with
 * PSUs − strata degrees of freedom). The design effect is svymean's deff = TRUE: the variance
 * over that of simple random sampling without replacement of n from N̂ = Σw, i.e.
 * s²_w·(1 − n/N̂)/n with s²_w = n/(n − 1)·Σw(y − ȳ)²/Σw (svyvar); it depends on the scale of the
 * weights and is null, with a warning, when Σw ≤ n (R: NA with a warning, or Inf) or when y is
 * constant (0/0). Zero degrees of freedom (a single PSU per stratum) throw NumericalError.
 */

export interface SurveyEstimate {
  readonly estimate: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
  readonly designEffect: number | null;
  readonly degreesOfFreedom: number;
  readonly level: number;
  /** Units in the sample. */
  readonly n: number;
  /** Σw: the estimated population size. */
  readonly sumWeights: number;
  readonly strata: number;
  readonly psus: number;
  readonly warnings: readonly string[];
}

export function designCritical(level: number, degreesOfFreedom: number): number {
  if (!(level > 0 && level < 1)) throw new NumericalError(`level must be strictly between 0 and 1; got ${level}`);
  if (!(degreesOfFreedom >= 1)) {
    throw new NumericalError(`the design has ${degreesOfFreedom} degrees of freedom (PSUs − strata), so no t interval exists`);
  }
  return tQuantile((1 + level) / 2, degreesOfFreedom);
}

function lonelyWarning(design: SurveyDesign): string[] {
  const lonely = design.lonelyStrata;
  if (lonely.length === 0) return [];
  const names = lonely.slice(0, 5).map((h) => `"${String(design.strataLabels[h])}"`).join(', ') + (lonely.length > 5 ? ` and ${lonely.length - 5} more` : '');
  return [`${lonely.length === 1 ? 'stratum' : 'strata'} ${names} with a single PSU handled by lonelyPsu "${design.lonelyPsu}"`];
}

export function surveyMean(y: ArrayLike<number>, designInput: SurveyDesignInput | SurveyDesign, level = 0.95): SurveyEstimate {
  const design = prepareSurveyDesign(designInput);
  const { n, weights, sumWeights } = design;
  if (y.length !== n) throw new NumericalError(`y has ${y.length} values but the design has ${n} units`);
  const critical = designCritical(level, design.degreesOfFreedom);

  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v)) throw new NumericalError(`y[${i}] must be a finite number; got ${v}`);
    weighted += weights[i] * v;
  }
  const estimate = weighted / sumWeights;
  const variance = linearisedMeanVariance(y, design, estimate);
  const standardError = Math.sqrt(variance);

  const warnings = lonelyWarning(design);
  let designEffect: number | null = null;
  if (sumWeights > n) {
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const d = y[i] - estimate;
      squares += weights[i] * d * d;
    }
    const srsVariance = (((n / (n - 1)) * squares) / sumWeights) * ((sumWeights - n) / (sumWeights * n));
    const ratio = variance / srsVariance;
    if (Number.isFinite(ratio)) designEffect = ratio;
    else warnings.push('design effect undefined: y is constant, so the simple-random-sampling variance is 0');
  } else {
    warnings.push(`design effect undefined: the weights sum to ${sumWeights}, not more than the ${n} units sampled; are they scaled to the population?`);
  }

  return Object.freeze({
    estimate,
    standardError,
    lower: estimate - critical * standardError,
    upper: estimate + critical * standardError,
    designEffect,
    degreesOfFreedom: design.degreesOfFreedom,
    level,
    n,
    sumWeights,
    strata: design.psusInStratum.length,
    psus: design.psuCount,
    warnings: Object.freeze(warnings),
  });
}
