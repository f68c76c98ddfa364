import type { VegaLiteSpec } from './Chart.tsx';

/** Calm palette shared by every chart (matches the stylesheet's accent). */
const ACCENT = '#2f5fb3';
const AXIS = { labelColor: '#445', titleColor: '#334', gridColor: '#e6e9ef', domainColor: '#c9ced8', tickColor: '#c9ced8', labelFont: 'system-ui, sans-serif', titleFont: 'system-ui, sans-serif' };

export interface ChartRow {
  readonly category: string;
  readonly value: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

const base = (title: string): VegaLiteSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: { text: title, anchor: 'start', fontSize: 13, fontWeight: 600, color: '#223' },
  width: 'container',
  height: 240,
  autosize: { type: 'fit-x', contains: 'padding' },
  config: { axis: AXIS, view: { stroke: null }, background: 'transparent' },
});

/** Values with their 95 % intervals: bars (categories, largest first) or a line (years). `percent` formats the axis as %. */
export function estimateChart(rows: readonly ChartRow[], opts: { title: string; dimension: string; valueTitle: string; percent: boolean; line: boolean }): VegaLiteSpec {
  const format = opts.percent ? '.0%' : ',.1~f';
  // One x for every layer (declared once, so the layers share its sort).
  const order = opts.line ? [...rows].sort((a, b) => a.category.localeCompare(b.category)) : [...rows].sort((a, b) => b.value - a.value);
  const x = { field: 'category', type: opts.line ? 'ordinal' : 'nominal', title: opts.dimension, sort: order.map((r) => r.category), axis: { labelAngle: opts.line ? 0 : -30 } };
  const y = { field: 'value', type: 'quantitative', title: opts.valueTitle, axis: { format } };
  const tooltip = [{ field: 'category', title: opts.dimension }, { field: 'value', title: opts.valueTitle, format }];
  const withInterval = rows.some((r) => r.lower !== null && r.upper !== null);
  const layers: unknown[] = [
    opts.line
      ? { mark: { type: 'line', point: { filled: true, size: 40 }, color: ACCENT, strokeWidth: 2 }, encoding: { y, tooltip } }
      : { mark: { type: 'bar', color: ACCENT, cornerRadiusEnd: 2, opacity: 0.85 }, encoding: { y, tooltip } },
  ];
  if (withInterval) layers.push({ mark: { type: 'rule', color: '#1c2a44', strokeWidth: 1.2 }, encoding: { y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } } });
  return { ...base(opts.title), data: { values: order.map((r) => ({ ...r })) }, encoding: { x }, layer: layers };
}

/** Shares of categories (a profile table) as horizontal bars with intervals. */
export function shareBars(rows: readonly ChartRow[], title: string): VegaLiteSpec {
  const y = { field: 'category', type: 'nominal', title: null, sort: rows.map((r) => r.category) };
  const x = { field: 'value', type: 'quantitative', title: 'Share', axis: { format: '.0%' } };
  return {
    ...base(title),
    height: { step: 22 },
    data: { values: rows.map((r) => ({ ...r })) },
    encoding: { y },
    layer: [
      { mark: { type: 'bar', color: ACCENT, opacity: 0.85, cornerRadiusEnd: 2 }, encoding: { x, tooltip: [{ field: 'category' }, { field: 'value', format: '.1%', title: 'share' }] } },
      { mark: { type: 'rule', color: '#1c2a44' }, encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } } },
    ],
  };
}
