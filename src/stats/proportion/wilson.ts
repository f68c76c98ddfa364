import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

export interface ProportionInterval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Wilson (1927) score interval; matches R prop.test(x, n, correct = FALSE)$conf.int.
 * n = 0 throws; x = 0 gives lower = 0 and x = n gives upper = 1 exactly.
 */
export function wilsonInterval(x: number, n: number, level = 0.95): ProportionInterval {
  if (!(n > 0) || !Number.isInteger(n)) throw new RangeError(`n must be a positive whole number, got ${n}`);
  if (!(x >= 0 && x <= n) || !Number.isInteger(x)) throw new RangeError(`x must be a whole number in [0, n], got ${x}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  const p = x / n;
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return {
    estimate: p,
    lower: x === 0 ? 0 : Math.max(0, (centre - half) / denom),
    upper: x === n ? 1 : Math.min(1, (centre + half) / denom),
  };
}
