import type { TopLevelSpec } from 'vega-lite';
import type { Association } from '../../profile/types.ts';
import { CHART_CONFIG, INK, POPULATION_LABELS, SEQUENTIAL } from './theme.ts';

export interface HeatmapLabels {
  /** Category label by code, for the association's row variable. */
  readonly row: (code: string) => string;
  /** Category label by code, for the column variable. */
  readonly column: (code: string) => string;
  readonly rowTitle: string;
  readonly columnTitle: string;
}

/**
 * A cross-tabulation as a heatmap, one panel per population: for each category of the row
 * variable (across), the share of it in each category of the column variable (up), so each
 * column of a panel sums to 100% — the row percentages of the printed table. The column
 * variable runs bottom to top in codebook order (for severity: the most severe at the top).
 * Each cell prints its share and count, so the chart needs no colour legend.
 */
export function rowShareHeatmapSpec(associations: readonly Association[], labels: HeatmapLabels, options: { readonly description: string }): TopLevelSpec {
  const values = associations.flatMap((a) =>
    a.rowCategories.flatMap((r, i) => {
      const row = a.table[i] ?? [];
      const total = row.reduce((s, x) => s + x, 0);
      return a.columnCategories.map((c, j) => {
        const count = row[j] ?? 0;
        const share = total > 0 ? count / total : 0;
        return { population: POPULATION_LABELS[a.population], row: labels.row(r), column: labels.column(c), share, text: `${(100 * share).toFixed(0)}%\nn = ${count}` };
      });
    }),
  );
  const rowOrder = [...new Set(associations.flatMap((a) => a.rowCategories))];
  const columnOrder = [...new Set(associations.flatMap((a) => a.columnCategories))];
  const max = Math.max(0.01, ...values.map((v) => v.share));
  return {
    description: options.description,
    config: CHART_CONFIG,
    data: { values },
    facet: {
      column: { field: 'population', type: 'nominal', sort: associations.map((a) => POPULATION_LABELS[a.population]), title: null, header: { labelPadding: 6 } },
    },
    spacing: 14,
    spec: {
      width: { step: 82 },
      height: { step: 36 },
      encoding: {
        x: { field: 'row', type: 'nominal', sort: rowOrder.map(labels.row), title: labels.rowTitle, axis: { labelAngle: 0, ticks: false, domain: false, labelLimit: 80, labelFontSize: 11, orient: 'bottom' } },
        y: { field: 'column', type: 'nominal', sort: [...columnOrder].reverse().map(labels.column), title: null, axis: { ticks: false, domain: false, labelLimit: 240, minExtent: 230 } },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 2 },
          encoding: { color: { field: 'share', type: 'quantitative', scale: { domain: [0, max], range: [...SEQUENTIAL] }, legend: null } },
        },
        {
          mark: { type: 'text', lineBreak: '\n', fontSize: 11, lineHeight: 13, color: INK },
          encoding: { text: { field: 'text', type: 'nominal' } },
        },
      ],
    },
  } as TopLevelSpec;
}
