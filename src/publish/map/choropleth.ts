/**
 * A world choropleth as one self-contained inline SVG: Equal Earth projection (Šavrič, Patterson
 * & Jenny 2018; d3-geo geoEqualEarth), countries coloured by equal-interval bins of a sequential
 * ColorBrewer scale (Brewer 2003, "Blues"), a legend in the same units, a hatch pattern for
 * suppressed values and plain grey for countries without data. Accessible: role="img",
 * <title> and <desc> (a text alternative naming the range and the extremes) referenced by
 * aria-labelledby, and a <title> per country for hover. No external references: no fonts, no
 * images, no links; internal url(#…) fills only.
 */

import { geoEqualEarth, geoPath } from 'd3-geo';
import { COUNTRIES } from '../../codebook/countries.ts';
import { escapeXml } from '../sdmx/structure-xml.ts';
import { worldCountries } from './world.ts';

/** ColorBrewer sequential Blues, 3 to 7 classes. */
export const BLUES: Readonly<Record<number, readonly string[]>> = {
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
};

export const NO_DATA_FILL = '#d9d9d9';

/** Colours of n bins (3–6): the darker n of the (n + 1)-class Blues, so the lowest bin stands out from the white ocean. */
export function binColours(n: number): readonly string[] {
  const scheme = BLUES[n + 1];
  if (scheme === undefined) throw new Error(`no colour scheme for ${n} bins`);
  return scheme.slice(1);
}
const STROKE = '#ffffff';

export interface ChoroplethScale {
  /** Value range of the bins; default the min and max of the values. */
  readonly domain?: readonly [number, number];
  /** Number of equal-interval bins (3–6); default 5. Ignored when thresholds are given. */
  readonly bins?: number;
  /** Interior cut points, ascending; n thresholds give n + 1 bins (2 to 5 thresholds). */
  readonly thresholds?: readonly number[];
}

export interface ChoroplethOptions {
  readonly title: string;
  /** What the colours measure, in its unit, e.g. "Unidentified victims (%)". Used by the legend and the text alternative. */
  readonly legend: string;
  readonly scale?: ChoroplethScale;
  /** Formats a value for legend, hover and text alternative; default up to 3 significant digits. */
  readonly format?: (v: number) => string;
  /** Prefix of element ids, unique per page when several maps are inlined; default `map`. */
  readonly id?: string;
  /** Width in SVG units (the SVG scales to its container); default 960. */
  readonly width?: number;
  /** Adds xmlns for use as a standalone .svg file (inline SVG in HTML does not need it). */
  readonly standalone?: boolean;
}

export function defaultFormat(v: number): string {
  if (v === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(v))));
  return String(Number(v.toFixed(Math.min(digits, 6))));
}

/** Interior cut points of `bins` equal intervals over [lo, hi]. */
export function equalIntervals(lo: number, hi: number, bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, k) => lo + ((k + 1) * (hi - lo)) / bins);
}

/** Bin index of a value: the number of thresholds at or below it (values on a cut point go up). */
export function binOf(value: number, thresholds: readonly number[]): number {
  let i = 0;
  while (i < thresholds.length && value >= thresholds[i]!) i++;
  return i;
}

export function thresholdsFor(values: readonly number[], scale: ChoroplethScale = {}): number[] {
  if (scale.thresholds !== undefined) {
    const t = [...scale.thresholds];
    if (t.length < 2 || t.length > 5 || t.some((x, i) => !Number.isFinite(x) || (i > 0 && x <= t[i - 1]!))) throw new Error('thresholds must be 2 to 5 ascending finite numbers');
    return t;
  }
  const bins = scale.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 3 || bins > 6) throw new Error('bins must be an integer from 3 to 6');
  const lo = scale.domain?.[0] ?? (values.length > 0 ? Math.min(...values) : 0);
  const hi = scale.domain?.[1] ?? (values.length > 0 ? Math.max(...values) : 1);
  return equalIntervals(lo, hi > lo ? hi : lo + 1, bins);
}

/**
 * values: ISO alpha-2 → value, or null for a suppressed (confidential) value. Countries absent
 * from the map have no data. Non-finite values are refused.
 */
export function choroplethSvg(values: ReadonlyMap<string, number | null>, opts: ChoroplethOptions): string {
  for (const [k, v] of values) if (v !== null && !Number.isFinite(v)) throw new Error(`value of ${k} is not finite`);
  const fmt = opts.format ?? defaultFormat;
  const id = opts.id ?? 'map';
  const width = opts.width ?? 960;
  const numeric = [...values.values()].filter((v): v is number => v !== null);
  const thresholds = thresholdsFor(numeric, opts.scale);
  const colours = binColours(thresholds.length + 1);
  const lo = opts.scale?.domain?.[0] ?? (numeric.length > 0 ? Math.min(...numeric) : 0);
  const highest = opts.scale?.domain?.[1] ?? (numeric.length > 0 ? Math.max(...numeric) : 1);
  // All values equal: the bins span [lo, lo + 1] (thresholdsFor), so the legend's last edge does too.
  const hi = highest > lo ? highest : lo + 1;

  // Small states (Singapore, Malta, most island states) have no shape at 1:110m; their values are listed under the legend instead.
  const drawn = new Set(worldCountries().map((s) => s.alpha2));
  const undrawn = [...values].filter(([k]) => !drawn.has(k)).sort((a, b) => a[0].localeCompare(b[0]));
  const top = 8;
  const mapHeight = Math.round(width * 0.487);
  const legendTop = top + mapHeight + 14;
  const height = legendTop + 58 + (undrawn.length > 0 ? 18 : 0);
  const projection = geoEqualEarth().fitExtent(
    [
      [4, top],
      [width - 4, top + mapHeight],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection).digits(1);

  const hatch = `${id}-hatch`;
  const out: string[] = [];
  const ns = opts.standalone === true ? ' xmlns="http://www.w3.org/2000/svg"' : '';
  out.push(`<svg${ns} viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12" class="choropleth">`);
  out.push(`<title id="${id}-title">${escapeXml(opts.title)}</title>`);
  out.push(`<desc id="${id}-desc">${escapeXml(textAlternative(values, opts.legend, fmt))}</desc>`);
  out.push(`<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="5" stroke="#737373" stroke-width="1.6"/></pattern></defs>`);
  out.push(`<path d="${path({ type: 'Sphere' }) ?? ''}" fill="#ffffff" stroke="#969696" stroke-width="0.6"/>`);
  out.push('<g stroke-width="0.4" stroke-linejoin="round">');
  for (const shape of worldCountries()) {
    const d = path(shape.feature);
    if (d === null || d === '') continue;
    const v = shape.alpha2 === undefined ? undefined : values.get(shape.alpha2);
    let fill: string;
    let label: string;
    if (v === undefined) {
      fill = NO_DATA_FILL;
      label = `${shape.name}: no data`;
    } else if (v === null) {
      fill = `url(#${hatch})`;
      label = `${shape.name}: suppressed (confidential)`;
    } else {
      fill = colours[binOf(v, thresholds)]!;
      label = `${shape.name}: ${fmt(v)}`;
    }
    const code = shape.alpha2 === undefined ? '' : ` data-country="${shape.alpha2}"`;
    out.push(`<path${code} d="${d}" fill="${fill}" stroke="${STROKE}"><title>${escapeXml(label)}</title></path>`);
  }
  out.push('</g>');

  // Legend: one swatch per bin labelled with its range, then the two special fills.
  const sw = 44;
  out.push(`<g transform="translate(8,${legendTop})">`);
  out.push(`<text x="0" y="0" dominant-baseline="hanging" font-weight="600">${escapeXml(opts.legend)}</text>`);
  const edges = [lo, ...thresholds, hi];
  colours.forEach((c, i) => {
    const x = i * (sw + 30);
    const range = `${fmt(edges[i]!)}–${fmt(edges[i + 1]!)}`;
    out.push(`<rect x="${x}" y="18" width="${sw}" height="12" fill="${c}" stroke="#969696" stroke-width="0.5"><title>${escapeXml(range)}</title></rect><text x="${x}" y="36" dominant-baseline="hanging" font-size="10">${escapeXml(range)}</text>`);
  });
  const sx = colours.length * (sw + 30) + 16;
  out.push(`<rect x="${sx}" y="18" width="${sw}" height="12" fill="url(#${hatch})" stroke="#969696" stroke-width="0.5"/><text x="${sx}" y="36" dominant-baseline="hanging" font-size="10">suppressed</text>`);
  out.push(`<rect x="${sx + sw + 40}" y="18" width="${sw}" height="12" fill="${NO_DATA_FILL}" stroke="#969696" stroke-width="0.5"/><text x="${sx + sw + 40}" y="36" dominant-baseline="hanging" font-size="10">no data</text>`);
  if (undrawn.length > 0) {
    const shown = undrawn.slice(0, 12).map(([k, v]) => `${COUNTRIES.get(k)?.name ?? k} ${v === null ? 'suppressed' : fmt(v)}`);
    const more = undrawn.length > 12 ? `; and ${undrawn.length - 12} more` : '';
    out.push(`<text x="0" y="56" dominant-baseline="hanging" font-size="10">${escapeXml(`Too small to draw at this scale: ${shown.join('; ')}${more}.`)}</text>`);
  }
  out.push('</g></svg>');
  return out.join('\n');
}

/** The text alternative: what is shown, how many countries, the range and the three highest and lowest. */
export function textAlternative(values: ReadonlyMap<string, number | null>, legend: string, fmt: (v: number) => string = defaultFormat): string {
  const names = new Map([...COUNTRIES.values()].map((c) => [c.alpha2, c.name]));
  const withData = [...values].filter((e): e is [string, number] => e[1] !== null).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const suppressed = [...values.values()].filter((v) => v === null).length;
  const label = ([k, v]: [string, number]): string => `${names.get(k) ?? k} ${fmt(v)}`;
  const parts = [`World map of ${legend} by country.`];
  if (withData.length === 0) parts.push('No country has data.');
  else {
    parts.push(`${withData.length} ${withData.length === 1 ? 'country has' : 'countries have'} a value, from ${fmt(withData.at(-1)![1])} to ${fmt(withData[0]![1])}.`);
    parts.push(`Highest: ${withData.slice(0, 3).map(label).join('; ')}.`);
    if (withData.length > 3) parts.push(`Lowest: ${withData.slice(-3).reverse().map(label).join('; ')}.`);
  }
  if (suppressed > 0) parts.push(`${suppressed} suppressed for confidentiality.`);
  parts.push('Other countries: no data.');
  return parts.join(' ');
}
