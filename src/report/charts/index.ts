export { shareIntervalsSpec } from './share-intervals.ts';
export { indicatorTrendSpec, type TrendPoint } from './indicator-trend.ts';
export { rowShareHeatmapSpec, type HeatmapLabels } from './row-share-heatmap.ts';
export { renderChartSvg, scopeSvgIds } from './render.ts';
export { CHART_CONFIG, CHART_FONT, POPULATION_COLOURS, POPULATION_LABELS } from './theme.ts';
export { helveticaWidth, withHelveticaMetrics } from './text-metrics.ts';
