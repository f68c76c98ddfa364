import type { Config } from 'vega-lite';
import type { Population } from '../../profile/types.ts';

/**
 * The report's chart look: a font stack ending in a generic family (so SVG text renders anywhere,
 * with no web fonts), dark text, light grid, and one colour per population that stays apart for
 * the common colour-vision deficiencies (blue / orange / grey) and matches the HTML tables' keys.
 */
export const CHART_FONT = 'Helvetica, Arial, sans-serif';

export const INK = '#1b1f24';
export const MUTED_INK = '#4a5560';
export const GRID = '#dde2e7';

export const POPULATION_COLOURS: Readonly<Record<Population, string>> = {
  unidentified: '#2166ac',
  identified: '#d9731a',
  all: '#8c969f',
};

export const POPULATION_LABELS: Readonly<Record<Population, string>> = {
  unidentified: 'Unidentified',
  identified: 'Identified',
  all: 'All',
};

/**
 * Light to mid blue, for shares in heatmaps. The dark end stops at relative luminance 0.31 so the
 * cells' dark text keeps a contrast of at least 5.6:1 on every cell (WCAG AA needs 4.5:1).
 */
export const SEQUENTIAL: readonly [string, string] = ['#f4f7fb', '#6d9ad0'];

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  axis: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', domainColor: MUTED_INK, tickColor: MUTED_INK, gridColor: GRID },
  legend: { labelColor: INK, titleColor: INK, labelFontSize: 12, titleFontSize: 12, symbolType: 'square', symbolSize: 120 },
  header: { labelColor: INK, titleColor: INK, labelFontSize: 13, labelFontWeight: 'bold' },
  text: { color: INK, fontSize: 11 },
};
