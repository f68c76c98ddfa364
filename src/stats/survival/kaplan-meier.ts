import { encodeGroups, type GroupLabel } from './group-codes.ts';
import { logRankFromTable, type LogRankResult } from './log-rank.ts';
import { medianSurvivalTime } from './median.ts';
import { riskTable } from './risk-table.ts';
import { survivalIntervals, type ConfType } from './survival-interval.ts';

export interface KaplanMeierOptions {
  /** Group of each row (strings or numbers); one curve per group. Default: one curve. */
  readonly group?: ArrayLike<GroupLabel>;
  /** Scale of the pointwise interval, as survfit's conf.type. Default 'log-log'. */
  readonly confType?: ConfType;
  /** Confidence level. Default 0.95. */
  readonly level?: number;
}

/**
 * One group's curve at its event times (columnar; NaN marks a value R reports as NA: the SE and
 * limits where S = 0).
 */
export interface KaplanMeierCurve {
  /** The group label; null without groups. */
  readonly group: GroupLabel | null;
  readonly n: number;
  readonly events: number;
  /** Largest observed time (event or censoring): the curve is known up to here. */
  readonly lastTime: number;
  readonly time: Float64Array;
  readonly nRisk: Uint32Array;
  readonly nEvent: Uint32Array;
  readonly survival: Float64Array;
  /** SE of S(t) by Greenwood's formula: S(t)·√Σ d/(n(n−d)). */
  readonly standardError: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Median survival time as print(survfit); null when S(t) never reaches 0.5. */
  readonly median: number | null;
  readonly medianLower: number | null;
  readonly medianUpper: number | null;
}

export interface KaplanMeierResult {
  readonly confType: ConfType;
  readonly level: number;
  /** In sorted label order: numbers ascending, then strings by code unit. */
  readonly groups: readonly KaplanMeierCurve[];
  /** survdiff's log-rank test; null with one group or nothing to compare. */
  readonly logRank: LogRankResult | null;
}

/**
 * Kaplan–Meier (1958) product-limit estimate with Greenwood's variance, per group, and the
 * log-rank test between groups; matches survival::survfit(Surv(time, event) ~ group, conf.type)
 * with print(survfit)'s median and survdiff. Steps only at event times; a censoring tied with an
 * event counts at risk at that time. time finite ≥ 0 and event 0/1 (RangeError otherwise; drop
 * missing rows first); a group with no events has no steps and a null median; once S(t) = 0 its
 * SE and limits are NaN. One sort by time and one pass: O(n log n) at worst, no per-row objects.
 */
export function kaplanMeier(time: ArrayLike<number>, event: ArrayLike<number>, options: KaplanMeierOptions = {}): KaplanMeierResult {
  const confType = options.confType ?? 'log-log';
  const level = options.level ?? 0.95;
  const grouped = options.group === undefined ? null : encodeGroups(options.group);
  const nGroups = grouped ? grouped.levels.length : 1;
  const table = riskTable(time, event, grouped ? grouped.codes : null, nGroups);
  const { times, entryStart, entryGroup, entryEvents, entryRemoved } = table;

  const nSteps = new Uint32Array(nGroups);
  for (let e = 0; e < entryEvents.length; e++) if (entryEvents[e] > 0) nSteps[entryGroup[e]]++;
  const curves = Array.from({ length: nGroups }, (_, g) => ({
    time: new Float64Array(nSteps[g]),
    nRisk: new Uint32Array(nSteps[g]),
    nEvent: new Uint32Array(nSteps[g]),
    survival: new Float64Array(nSteps[g]),
    seCumHazard: new Float64Array(nSteps[g]),
  }));

  // Per-group running state, mutated in place through the pass.
  const atRisk = Uint32Array.from(table.groupSize);
  const survival = new Float64Array(nGroups).fill(1);
  const greenwood = new Float64Array(nGroups);
  const filled = new Uint32Array(nGroups);
  const lastTime = new Float64Array(nGroups);
  const events = new Uint32Array(nGroups);
  for (let i = 0; i < times.length; i++) {
    for (let e = entryStart[i]; e < entryStart[i + 1]; e++) {
      const g = entryGroup[e];
      const n = atRisk[g];
      const d = entryEvents[e];
      if (d > 0) {
        survival[g] *= (n - d) / n;
        // n = d gives ∞ (S = 0), whence a NaN SE as in R.
        greenwood[g] += d / (n * (n - d));
        const c = curves[g];
        const s = filled[g]++;
        c.time[s] = times[i];
        c.nRisk[s] = n;
        c.nEvent[s] = d;
        c.survival[s] = survival[g];
        c.seCumHazard[s] = Math.sqrt(greenwood[g]);
        events[g] += d;
      }
      atRisk[g] = n - entryRemoved[e];
      lastTime[g] = times[i];
    }
  }

  const groups = curves.map((c, g): KaplanMeierCurve => {
    const { lower, upper } = survivalIntervals(c.survival, c.seCumHazard, confType, level);
    const standardError = new Float64Array(c.survival.length);
    for (let s = 0; s < standardError.length; s++) standardError[s] = c.survival[s] * c.seCumHazard[s];
    return Object.freeze({
      group: grouped ? grouped.levels[g] : null,
      n: table.groupSize[g],
      events: events[g],
      lastTime: lastTime[g],
      time: c.time,
      nRisk: c.nRisk,
      nEvent: c.nEvent,
      survival: c.survival,
      standardError,
      lower,
      upper,
      median: medianSurvivalTime(c.time, c.survival),
      medianLower: medianSurvivalTime(c.time, lower),
      medianUpper: medianSurvivalTime(c.time, upper),
    });
  });
  return Object.freeze({ confType, level, groups: Object.freeze(groups), logRank: logRankFromTable(table) });
}
