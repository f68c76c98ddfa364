/**
 * Median survival time as print(survfit) reports it (survival:::survmean): the first time the
 * curve is below 0.5 + √ε; if the curve there equals 0.5 (within √ε) and later drops below that
 * value, the mean of that time and the time of the drop. Applied to the lower and upper
 * confidence curves it gives the median's confidence limits. NaN points (an undefined limit
 * where S = 0) are skipped; null when the curve never reaches 0.5. `time` and `curve` hold the
 * curve at its event times, in order. (quantile.survfit differs only when the curve ends exactly
 * at 0.5 — it then averages with the last follow-up time — or a confidence curve is not monotone.)
 */
export function medianSurvivalTime(time: ArrayLike<number>, curve: ArrayLike<number>): number | null {
  const m = curve.length;
  let first = -1;
  for (let i = 0; i < m; i++) {
    if (curve[i] < 0.5 + TOLERANCE) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const y = curve[first];
  if (Math.abs(y - 0.5) < TOLERANCE) {
    for (let i = first + 1; i < m; i++) {
      if (curve[i] < y) return (time[first] + time[i]) / 2;
    }
  }
  return time[first];
}

// R's .Machine$double.eps^0.5, the tolerance survmean uses for "equals 0.5".
const TOLERANCE = 2 ** -26;
