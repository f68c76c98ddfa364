import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, INK, POPULATION_COLOURS } from './theme.ts';

/** One year of an indicator's series as drawn: the value and its interval bounds, in the unit shown (e.g. percent). */
export interface TrendPoint {
  readonly year: string;
  readonly value: number;
  /** Null when the bound is not estimable; the year then has no interval line. */
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * An indicator over first-sighting years: a point per year with its interval as a vertical line.
 * `years` is the whole axis (every year of the series, in order), so a year left out of `points`
 * (suppressed, no data) shows as a gap instead of closing up. The points carry only published,
 * unsuppressed figures: the caller decides what may be drawn.
 */
export function indicatorTrendSpec(
  points: readonly TrendPoint[],
  options: { readonly description: string; readonly years: readonly string[]; readonly axisTitle: string; readonly zeroBased: boolean; readonly percent: boolean },
): TopLevelSpec {
  const values = points.map((p) => ({ year: p.year, value: p.value, lower: p.lower, upper: p.upper }));
  const withInterval = values.filter((v) => v.lower !== null && v.upper !== null);
  const colour = POPULATION_COLOURS.unidentified;
  const x = { field: 'year', type: 'ordinal', sort: [...options.years], scale: { domain: [...options.years] }, title: 'Year of first sighting', axis: { labelAngle: 0, ticks: false, labelPadding: 6 } } as const;
  const y = { type: 'quantitative', scale: { zero: options.zeroBased, nice: true }, axis: { title: options.axisTitle, grid: true, ...(options.percent ? { format: '.0f' } : {}) } } as const;
  return {
    description: options.description,
    config: CHART_CONFIG,
    width: { step: Math.max(28, Math.min(64, Math.round(480 / Math.max(1, options.years.length)))) },
    height: 220,
    encoding: { x },
    layer: [
      {
        data: { values: withInterval },
        mark: { type: 'rule', color: INK, strokeWidth: 1.4 },
        encoding: { y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
      },
      {
        data: { values },
        mark: { type: 'point', filled: true, size: 60, color: colour, opacity: 1 },
        encoding: { y: { ...y, field: 'value' } },
      },
    ],
  } as TopLevelSpec;
}
