import type { KaplanMeierCurve } from './kaplan-meier.ts';

export interface SurvivalPoint {
  readonly survival: number;
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The Kaplan–Meier curve at time t (right-continuous step function), as summary(survfit,
 * times = t): the last step at or before t, or S = 1 with SE 0 and limits 1 before the first
 * event. Null when t is past the group's last observed time (the curve is not estimated there;
 * survfit drops such times unless extend = TRUE). E.g. the share identified within 5 years is
 * 1 − survival at t = 5 years, with limits 1 − upper and 1 − lower. Binary search: O(log steps).
 */
export function survivalAt(curve: KaplanMeierCurve, t: number): SurvivalPoint | null {
  if (Number.isNaN(t)) throw new RangeError('t must be a number');
  if (t > curve.lastTime) return null;
  // The number of steps with time ≤ t.
  let lo = 0;
  let hi = curve.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (curve.time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return BEFORE_FIRST_EVENT;
  const s = lo - 1;
  return Object.freeze({
    survival: curve.survival[s],
    standardError: curve.standardError[s],
    lower: curve.lower[s],
    upper: curve.upper[s],
  });
}

const BEFORE_FIRST_EVENT: SurvivalPoint = Object.freeze({ survival: 1, standardError: 0, lower: 1, upper: 1 });
