import type { TopLevelSpec } from 'vega-lite';
import type { Population, ProfileTable } from '../../profile/types.ts';
import { CHART_CONFIG, INK, POPULATION_COLOURS, POPULATION_LABELS } from './theme.ts';

/**
 * Shares of one variable's categories, one bar per population side by side, each with its
 * interval drawn as a line: the picture of a profile table. Categories keep the codebook's order
 * (top to bottom); populations keep the order of `tables`. Rows with no share (an empty
 * population) are left out.
 */
export function shareIntervalsSpec(tables: readonly ProfileTable[], options: { readonly description: string; readonly level: number }): TopLevelSpec {
  const populations = tables.map((t) => t.population);
  const popLabels = populations.map((p) => POPULATION_LABELS[p]);
  const categories = tables[0]?.rows.map((r) => r.label) ?? [];
  const values = tables.flatMap((t) =>
    t.rows.filter((r) => Number.isFinite(r.share)).map((r) => ({ population: POPULATION_LABELS[t.population], label: r.label, share: r.share, lower: r.lower, upper: r.upper })),
  );
  const max = Math.max(0.1, ...values.map((v) => v.upper));
  const domainMax = Math.min(1, Math.ceil(max * 10) / 10);
  const colour = { field: 'population', type: 'nominal', title: null, sort: popLabels, scale: { domain: popLabels, range: populations.map((p: Population) => POPULATION_COLOURS[p]) }, legend: { orient: 'top', direction: 'horizontal', title: null, offset: 6 } } as const;
  return {
    description: options.description,
    config: CHART_CONFIG,
    width: 480,
    // With yOffset, the step is that of one bar (Vega-Lite's `for: 'offset'`).
    height: { step: 11, for: 'offset' },
    data: { values },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: categories, title: null, scale: { paddingInner: 0.3, paddingOuter: 0.15 }, axis: { labelLimit: 240, minExtent: 230, ticks: false, domain: false, labelPadding: 8 } },
      yOffset: { field: 'population', type: 'nominal', sort: popLabels, scale: { paddingInner: 0.12 } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: colour,
          x: {
            field: 'share',
            type: 'quantitative',
            scale: { domain: [0, domainMax], nice: false },
            axis: { format: '.0%', title: `Share, with ${Number((100 * options.level).toFixed(2))}% interval`, grid: true, tickCount: Math.round(domainMax * 10) },
          },
        },
      },
      {
        mark: { type: 'rule', color: INK, strokeWidth: 1.4 },
        encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } },
      },
    ],
  } as TopLevelSpec;
}
