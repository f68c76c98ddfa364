import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** The scales on which the pointwise interval for S(t) is symmetric (survfit's `conf.type`). */
export const CONF_TYPES = Object.freeze(['log-log', 'log', 'plain'] as const);
export type ConfType = (typeof CONF_TYPES)[number];

export interface SurvivalIntervals {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * Pointwise confidence limits for S(t) as survival:::survfit_confint, given the SE of the
 * cumulative hazard (survfit's `std.err`): `plain` S ± z·S·se clipped to [0, 1]; `log`
 * exp(log S ± z·se), upper clipped to 1; `log-log` exp(−exp(log(−log S) ∓ z·se / log S)).
 * Where R gives NA (S = 0 for every type, as the SE is then undefined; S = 1 for log-log) the
 * limit is NaN. `level` must lie strictly between 0 and 1.
 */
export function survivalIntervals(survival: Float64Array, seCumHazard: Float64Array, confType: ConfType, level: number): SurvivalIntervals {
  const z = criticalValue(level);
  const m = survival.length;
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const s = survival[i];
    const se = seCumHazard[i];
    if (confType === 'plain') {
      const half = se * s * z;
      // Math.max/min keep NaN, as R's pmax/pmin do at S = 0 (0 · ∞).
      lower[i] = Math.max(s - half, 0);
      upper[i] = Math.min(s + half, 1);
    } else if (confType === 'log') {
      if (s === 0) {
        lower[i] = upper[i] = NaN;
      } else {
        lower[i] = Math.exp(Math.log(s) - z * se);
        upper[i] = Math.min(Math.exp(Math.log(s) + z * se), 1);
      }
    } else if (s === 0 || s === 1) {
      lower[i] = upper[i] = NaN;
    } else {
      const logS = Math.log(s);
      const half = (z * se) / logS;
      const loglog = Math.log(-logS);
      lower[i] = Math.exp(-Math.exp(loglog - half));
      upper[i] = Math.exp(-Math.exp(loglog + half));
    }
  }
  return { lower, upper };
}

/** z such that P(|Z| ≤ z) = level. */
export function criticalValue(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1; got ${level}`);
  return normalQuantile(1 - (1 - level) / 2, 0, 1);
}
