import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { kaplanMeier, survivalAt, wilsonInterval } from '../stats/index.ts';
import type { IndicatorDefinition, Observation } from './types.ts';

type Dims = Observation['dims'];

/** x, or null when it is not finite (a limit that cannot be estimated). */
export const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

function noData(def: IndicatorDefinition, dims: Dims, numerator: number | null, denominator: number | null): Observation {
  return { indicator: def.id, dims, value: 0, lower: null, upper: null, numerator, denominator, status: 'no-data' };
}

/** A share x/n with its interval (Wilson 1927 score interval, as R prop.test(x, n, correct = FALSE)). */
export function shareObservation(def: IndicatorDefinition, dims: Dims, x: number, n: number, level: number): Observation {
  if (n === 0) return noData(def, dims, x, n);
  if (def.interval === 'none') return { indicator: def.id, dims, value: x / n, lower: null, upper: null, numerator: x, denominator: n, status: 'estimated' };
  const w = wilsonInterval(x, n, level);
  return { indicator: def.id, dims, value: w.estimate, lower: w.lower, upper: w.upper, numerator: x, denominator: n, status: 'estimated' };
}

/** Exact (Garwood 1936) interval for a Poisson mean from a count x, as R poisson.test(x)$conf.int. */
export function poissonInterval(x: number, level = 0.95): { lower: number; upper: number } {
  const alpha = 1 - level;
  return { lower: x === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * x) / 2, upper: chisquareQuantile(1 - alpha / 2, 2 * x + 2) / 2 };
}

/** A count with, for interval poisson, the exact Poisson interval. */
export function countObservation(def: IndicatorDefinition, dims: Dims, x: number, level: number): Observation {
  const ci = def.interval === 'poisson' ? poissonInterval(x, level) : null;
  return { indicator: def.id, dims, value: x, lower: ci?.lower ?? null, upper: ci?.upper ?? null, numerator: x, denominator: null, status: 'estimated' };
}

/** per × x / n, the interval from the exact Poisson interval of x with n fixed (as R poisson.test(x, n)). */
export function rateObservation(def: IndicatorDefinition, dims: Dims, x: number, n: number, level: number): Observation {
  if (n === 0) return noData(def, dims, x, n);
  const per = def.per ?? 1;
  const ci = def.interval === 'poisson' ? poissonInterval(x, level) : null;
  return { indicator: def.id, dims, value: (per * x) / n, lower: ci ? (per * ci.lower) / n : null, upper: ci ? (per * ci.upper) / n : null, numerator: x, denominator: n, status: 'estimated' };
}

/**
 * Equal country weights: the mean of the k country shares pᵢ = xᵢ/nᵢ (countries with nᵢ > 0),
 * variance Σ pᵢ(1 − pᵢ)/nᵢ / k² (independent binomial countries), normal interval clipped to
 * [0, 1]. numerator/denominator are the pooled counts (`pooled`, e.g. with ZZ, else the countries'
 * sums): what disclosure control works on.
 */
export function equalCountryShare(def: IndicatorDefinition, dims: Dims, countries: readonly { x: number; n: number }[], level: number, pooled?: { x: number; n: number }): Observation {
  const used = countries.filter((c) => c.n > 0);
  const x = pooled?.x ?? countries.reduce((s, c) => s + c.x, 0);
  const n = pooled?.n ?? countries.reduce((s, c) => s + c.n, 0);
  if (used.length === 0) return noData(def, dims, x, n);
  const k = used.length;
  const mean = used.reduce((s, c) => s + c.x / c.n, 0) / k;
  const variance = used.reduce((s, c) => s + ((c.x / c.n) * (1 - c.x / c.n)) / c.n, 0) / (k * k);
  if (def.interval === 'none') return { indicator: def.id, dims, value: mean, lower: null, upper: null, numerator: x, denominator: n, status: 'estimated' };
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const half = z * Math.sqrt(variance);
  return { indicator: def.id, dims, value: mean, lower: Math.max(0, mean - half), upper: Math.min(1, mean + half), numerator: x, denominator: n, status: 'estimated' };
}

const DAY_MS = 86_400_000;
/** Years as 365.25-day years: the unit of every time indicator. */
export const DAYS_PER_YEAR = 365.25;

function days(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

export interface TimeUnit {
  readonly start: string;
  readonly event: boolean;
  readonly eventDate: string | null;
}

/**
 * Follow-up times in years and event indicators for Kaplan–Meier: an event at its date (a date
 * after the data date counts as censored at the data date), else censored at the data date.
 * Units first seen after the data date are left out (they were not yet under observation); an
 * event dated before the start is taken at time 0.
 */
export function followUp(units: readonly TimeUnit[], dataDate: string): { time: number[]; event: number[] } {
  const time: number[] = [];
  const event: number[] = [];
  for (const u of units) {
    const f = followUpOf(u, dataDate);
    if (f === null) continue;
    time.push(f.time);
    event.push(f.event);
  }
  return { time, event };
}

/** One unit's follow-up (years, event 0/1) as followUp, or null when first seen after the data date. */
export function followUpOf(u: TimeUnit, dataDate: string): { time: number; event: number } | null {
  if (u.start > dataDate) return null;
  const happened = u.event && u.eventDate !== null && u.eventDate <= dataDate;
  return { time: Math.max(0, days(u.start, happened ? u.eventDate! : dataDate)) / DAYS_PER_YEAR, event: happened ? 1 : 0 };
}

/**
 * A Kaplan–Meier indicator for one cell (units' follow-up from followUpOf), as R survival::survfit(Surv(time, event) ~ 1) with its
 * default conf.type "log": the median (print(survfit): Brookmeyer–Crowley limits) or, with
 * horizonYears h, the share with the event by h, 1 − S(h), limits 1 − upper and 1 − lower
 * (summary(survfit, times = h)). numerator = events (by h for a horizon), denominator = units.
 * Median not reached: status not-reached, value = the longest follow-up (the median lies beyond),
 * lower = its lower limit when estimable. A horizon past the longest follow-up: status no-data.
 */
export function kaplanMeierObservation(def: IndicatorDefinition, dims: Dims, followed: readonly { time: number; event: number }[], level: number): Observation {
  const time = followed.map((f) => f.time);
  const event = followed.map((f) => f.event);
  const n = time.length;
  if (n === 0) return noData(def, dims, 0, 0);
  const curve = kaplanMeier(time, event, { confType: 'log', level }).groups[0]!;
  const withCi = def.interval !== 'none';
  const h = def.time?.horizonYears;
  if (h === undefined) {
    const events = curve.events;
    if (curve.median === null) {
      return { indicator: def.id, dims, value: curve.lastTime, lower: withCi ? curve.medianLower : null, upper: null, numerator: events, denominator: n, status: 'not-reached' };
    }
    return { indicator: def.id, dims, value: curve.median, lower: withCi ? curve.medianLower : null, upper: withCi ? curve.medianUpper : null, numerator: events, denominator: n, status: 'estimated' };
  }
  let eventsBy = 0;
  for (let i = 0; i < n; i++) if (event[i] === 1 && time[i]! <= h) eventsBy++;
  const point = survivalAt(curve, h);
  if (point === null) return noData(def, dims, eventsBy, n);
  return {
    indicator: def.id, dims, value: 1 - point.survival,
    lower: withCi ? finite(1 - point.upper) : null, upper: withCi ? finite(1 - point.lower) : null,
    numerator: eventsBy, denominator: n, status: 'estimated',
  };
}
