/**
 * The indicators of a released (disclosure-protected) indicator set as a report section: per
 * indicator its definition, a world map and a table by country and region, a chart and a table
 * by first-sighting year with the test for trend, and each table as CSV.
 *
 * Fail-closed on suppression: every observation goes through `cellOf` first, and an observation
 * flagged anything but free (confStatus C, D or an unknown flag) becomes a cell that carries its
 * flag and nothing else. Tables, CSV, map and chart are drawn from those cells (the map from a
 * copy of the result with the suppressed figures blanked), so a number a suppressed observation
 * still carries can never reach the page or a file.
 */
import { COUNTRIES, COUNTRY_NOT_DETERMINABLE, regionOf } from '../../codebook/countries.ts';
import type { Dimension, IndicatorDefinition, IntervalMethod, TrendResult } from '../../indicators/types.ts';
import { choroplethSvg } from '../../publish/map/choropleth.ts';
import { mapLegendOf, mapValuesOf } from '../../publish/map/values.ts';
import { scaleOf } from '../../publish/sdmx/dsd.ts';
import type { PublishableObservation, PublishableResult, PublishableSet } from '../../publish/sdmx/rows.ts';
import { indicatorTrendSpec, type TrendPoint } from '../charts/indicator-trend.ts';
import { toCsv, type CsvValue } from '../csv.ts';
import { formatCount, formatLevel, formatNumber, formatP, MISSING } from '../format.ts';
import { html, joinHtml, trusted, type Html } from '../html.ts';
import type { ReportFile, ReportSection } from '../section.ts';
import { chartFigure } from './figure.ts';
import { slug } from './labels.ts';

export interface IndicatorsSectionOptions {
  /** Map the countries' figures of this first-sighting year (when a country result is also broken down by year) instead of all years together. */
  readonly mapYear?: string;
}

// ---------------------------------------------------------------------------------------------
// Cells: what may be shown of one observation.

type Flag = 'C' | 'D';

/** What the report may show of an observation. A suppressed cell has no number at all. */
type Cell =
  | { readonly kind: 'suppressed'; readonly flag: Flag; readonly status: string }
  | { readonly kind: 'no-data'; readonly numerator: number | null; readonly denominator: number | null }
  | { readonly kind: 'not-reached'; readonly lower: number | null; readonly numerator: number | null; readonly denominator: number | null }
  | { readonly kind: 'estimated'; readonly value: number | null; readonly lower: number | null; readonly upper: number | null; readonly numerator: number | null; readonly denominator: number | null };

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Anything but free (absent = an unflagged set, or 'F') is suppressed: C stays C, D stays D, an unknown flag becomes C. */
function isSuppressed(o: PublishableObservation): boolean {
  return o.confStatus !== undefined && o.confStatus !== 'F';
}

function cellOf(o: PublishableObservation): Cell {
  if (isSuppressed(o)) return { kind: 'suppressed', flag: o.confStatus === 'D' ? 'D' : 'C', status: String(o.status) };
  const numerator = finite(o.numerator);
  const denominator = finite(o.denominator);
  if (o.status === 'no-data') return { kind: 'no-data', numerator, denominator };
  if (o.status === 'not-reached') return { kind: 'not-reached', lower: finite(o.lower), numerator, denominator };
  return { kind: 'estimated', value: finite(o.value), lower: finite(o.lower), upper: finite(o.upper), numerator, denominator };
}

/** The result with every suppressed observation blanked (for code outside this file, such as the map's values). */
function blanked(result: PublishableResult): PublishableResult {
  return {
    ...result,
    observations: result.observations.map((o) =>
      isSuppressed(o) ? { indicator: o.indicator, dims: o.dims, status: o.status, value: null, lower: null, upper: null, numerator: null, denominator: null, confStatus: o.confStatus === 'D' ? 'D' : 'C' } : o,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Units and formatting.

const ENTITY_PLURAL: Readonly<Record<IndicatorDefinition['entity'], string>> = { victim: 'victims', series: 'series' };

const INTERVAL_NAMES: Readonly<Record<IntervalMethod, string>> = {
  wilson: 'Wilson score interval',
  design: 'design-based t interval (Taylor linearisation)',
  'kaplan-meier': 'Kaplan–Meier interval (log transformation; Brookmeyer–Crowley limits for the median)',
  poisson: 'exact Poisson interval (Garwood)',
  none: 'no interval',
};

const UNIT_NAMES: Readonly<Record<IndicatorDefinition['unit'], string>> = {
  share: 'share, shown in percent',
  count: 'count',
  'median-time': 'median time in years',
  rate: 'rate',
};

/** The unit of the shown values, for headings: "%", "years", "number", "per 100". */
function unitLabel(def: IndicatorDefinition): string {
  if (def.unit === 'share') return '%';
  if (def.unit === 'median-time') return 'years';
  if (def.unit === 'rate') return `per ${formatCount(def.per ?? 1)}`;
  return 'number';
}

/** The unit column of the CSV files: values there are as computed (shares as proportions 0–1). */
function csvUnit(def: IndicatorDefinition): string {
  if (def.unit === 'share') return 'share (proportion 0-1)';
  if (def.unit === 'median-time') return 'years';
  if (def.unit === 'rate') return `rate per ${def.per ?? 1}`;
  return 'count';
}

/** A value in the unit shown (shares as percent). */
function formatValue(def: IndicatorDefinition, v: number): string {
  const x = v * scaleOf(def);
  if (def.unit === 'count') return formatCount(x);
  if (def.unit === 'rate') return formatNumber(x, 2);
  return formatNumber(x, 1);
}

/** An interval bound; Poisson bounds of counts are not whole numbers, so one decimal. */
function formatBound(def: IndicatorDefinition, v: number): string {
  const x = v * scaleOf(def);
  if (def.unit === 'rate') return formatNumber(x, 2);
  return formatNumber(x, 1);
}

function formatIntervalOf(def: IndicatorDefinition, lower: number | null, upper: number | null): string {
  if (lower !== null && upper !== null) return `${formatBound(def, lower)}–${formatBound(def, upper)}`;
  // A Kaplan–Meier median whose upper limit the curve never reaches.
  if (def.unit === 'median-time' && lower !== null) return `${formatBound(def, lower)}–not reached`;
  return MISSING;
}

const signed = (x: number, decimals: number): string => (x > 0 ? '+' : '') + formatNumber(x, decimals);

// ---------------------------------------------------------------------------------------------
// Markers.

const FLAG_TITLES: Readonly<Record<Flag, string>> = {
  C: 'suppressed: below the threshold or dominated by few contributors',
  D: 'suppressed to protect another cell',
};
const NO_DATA = '…';
const NOT_REACHED = 'not reached';

const flagMark = (flag: Flag): Html => html`<abbr class="flag" title="${FLAG_TITLES[flag]}">${flag}</abbr>`;
const noDataMark = (): Html => html`<abbr class="flag" title="no data">${NO_DATA}</abbr>`;

function countOrMissing(x: number | null): string {
  return x === null ? MISSING : formatCount(x);
}

/** The numeric cells (value, interval, numerator, denominator) and the flag cell of a table row. */
function rowCells(def: IndicatorDefinition, cell: Cell): Html {
  switch (cell.kind) {
    case 'suppressed': {
      const m = flagMark(cell.flag);
      return html`<td class="num">${m}</td><td class="num ci">${m}</td><td class="num">${m}</td><td class="num">${m}</td><td class="flag">${m}</td>`;
    }
    case 'no-data': {
      const m = noDataMark();
      return html`<td class="num">${m}</td><td class="num ci">${m}</td><td class="num">${countOrMissing(cell.numerator)}</td><td class="num">${countOrMissing(cell.denominator)}</td><td class="flag">${m}</td>`;
    }
    case 'not-reached':
      return html`<td class="num">${NOT_REACHED}</td><td class="num ci">${formatIntervalOf(def, cell.lower, null)}</td><td class="num">${countOrMissing(cell.numerator)}</td><td class="num">${countOrMissing(cell.denominator)}</td><td class="flag"></td>`;
    case 'estimated':
      return html`<td class="num">${cell.value === null ? MISSING : formatValue(def, cell.value)}</td><td class="num ci">${formatIntervalOf(def, cell.lower, cell.upper)}</td><td class="num">${countOrMissing(cell.numerator)}</td><td class="num">${countOrMissing(cell.denominator)}</td><td class="flag"></td>`;
  }
}

/** value, lower, upper, numerator, denominator, status, conf_status as CSV fields; suppressed: all numbers empty. */
function csvCells(cell: Cell, status: string): CsvValue[] {
  switch (cell.kind) {
    case 'suppressed':
      return [null, null, null, null, null, cell.status, cell.flag];
    case 'no-data':
      return [null, null, null, cell.numerator, cell.denominator, 'no-data', 'F'];
    case 'not-reached':
      return [null, cell.lower, null, cell.numerator, cell.denominator, 'not-reached', 'F'];
    case 'estimated':
      return [cell.value, cell.lower, cell.upper, cell.numerator, cell.denominator, status, 'F'];
  }
}

/** Column headings of the numerator and denominator, by unit. */
function countHeads(def: IndicatorDefinition): [string, string] {
  const units = ENTITY_PLURAL[def.entity];
  if (def.unit === 'count') return [`Count (${units})`, 'Denominator'];
  if (def.unit === 'median-time') return [`Events (${units})`, `At risk (${units})`];
  return [`Numerator (${units})`, `Denominator (${units})`];
}

function tableHead(def: IndicatorDefinition, level: number, first: string): Html {
  const [num, den] = countHeads(def);
  const unit = unitLabel(def);
  return html`<thead><tr><th scope="col">${first}</th><th scope="col" class="num">Value (${unit})</th><th scope="col" class="num ci">${formatLevel(level)} interval${def.unit === 'count' ? '' : ` (${unit})`}</th><th scope="col" class="num">${num}</th><th scope="col" class="num">${den}</th><th scope="col">Flag</th></tr></thead>`;
}

// ---------------------------------------------------------------------------------------------
// Selecting observations.

/** The dimensions an observation is broken down by (those with a value). */
function dimsOf(o: PublishableObservation): Dimension[] {
  return (Object.keys(o.dims) as Dimension[]).filter((d) => o.dims[d] !== undefined);
}

/** Observations broken down by nothing outside `allowed` (the margins over every other dimension), first of each key kept. */
function marginal(results: readonly PublishableResult[], allowed: readonly Dimension[]): PublishableObservation[] {
  const seen = new Set<string>();
  const out: PublishableObservation[] = [];
  for (const r of results) {
    for (const o of r.observations) {
      const dims = dimsOf(o);
      if (!dims.every((d) => allowed.includes(d))) continue;
      const key = JSON.stringify(dims.sort().map((d) => [d, o.dims[d]]));
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(o);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// By country and region.

const REGION_ORDER = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Antarctic', 'Not determinable'];
const regionRank = (r: string): number => {
  const i = REGION_ORDER.indexOf(r);
  return i < 0 ? REGION_ORDER.length : i;
};

const countryName = (code: string): string => (code === COUNTRY_NOT_DETERMINABLE ? 'Country not determinable (ZZ)' : (COUNTRIES.get(code)?.name ?? code));

interface GeoRow {
  readonly level: 'world' | 'region' | 'country';
  readonly region: string | null;
  readonly country: string | null;
  readonly name: string;
  /** Undefined: a region heading without a regional figure. */
  readonly cell: Cell | undefined;
  readonly status: string;
}

/** World, then each region (in the usual order) with its countries (by name). */
function geoRows(observations: readonly PublishableObservation[]): GeoRow[] {
  const world = observations.find((o) => dimsOf(o).length === 0);
  const regions = new Map<string, PublishableObservation>();
  const countries = new Map<string, PublishableObservation[]>();
  for (const o of observations) {
    const dims = dimsOf(o);
    if (dims.length !== 1) continue;
    if (o.dims.region !== undefined) regions.set(o.dims.region, o);
    if (o.dims.country !== undefined) {
      const region = regionOf(o.dims.country);
      countries.set(region, [...(countries.get(region) ?? []), o]);
    }
  }
  const regionNames = [...new Set([...regions.keys(), ...countries.keys()])].sort((a, b) => regionRank(a) - regionRank(b) || a.localeCompare(b));
  const rows: GeoRow[] = [];
  if (world) rows.push({ level: 'world', region: null, country: null, name: 'World', cell: cellOf(world), status: world.status });
  for (const region of regionNames) {
    const r = regions.get(region);
    const regionCell = r && cellOf(r);
    rows.push({ level: 'region', region, country: null, name: region, cell: regionCell, status: r?.status ?? '' });
    const members = [...(countries.get(region) ?? [])].sort((a, b) => countryName(a.dims.country!).localeCompare(countryName(b.dims.country!)));
    for (const c of members) {
      const cell = cellOf(c);
      // ZZ is the whole region "Not determinable": the same units, so the same figures; shown once.
      if (c.dims.country === COUNTRY_NOT_DETERMINABLE && regionCell !== undefined && JSON.stringify(regionCell) === JSON.stringify(cell)) continue;
      rows.push({ level: 'country', region, country: c.dims.country!, name: countryName(c.dims.country!), cell, status: c.status });
    }
  }
  return rows;
}

function geoRowHtml(def: IndicatorDefinition, row: GeoRow): Html {
  const cells = row.cell ? rowCells(def, row.cell) : html`<td class="num" colspan="5">no regional figure</td>`;
  if (row.level === 'world') return html`<tr class="world" style="font-weight:700"><th scope="row" style="font-weight:700">World</th>${cells}</tr>`;
  if (row.level === 'region') return html`<tr class="region" style="font-weight:700;background:#f7f9fb"><th scope="rowgroup" style="font-weight:700">${row.name}</th>${cells}</tr>`;
  return html`<tr class="country"><th scope="row" style="padding-left:1.6rem">${row.name}</th>${cells}</tr>`;
}

function geoTable(def: IndicatorDefinition, rows: readonly GeoRow[], level: number, interval: string, note: string, path: string): Html {
  const groups: GeoRow[][] = [];
  for (const row of rows) {
    if (row.level === 'country' && groups.length > 0) groups.at(-1)!.push(row);
    else groups.push([row]);
  }
  const bodies = groups.map((g) => html`<tbody>\n${joinHtml(g.map((r) => geoRowHtml(def, r)), '\n')}\n</tbody>\n`);
  return html`<div class="table-wrap">
<table class="data indicator indicator-geo">
<caption><span class="caption-title">${def.title}, by country and region</span> <span class="caption-note">World, then each region (bold) with its countries. Value in ${unitLabel(def)}; ${formatLevel(level)} ${interval}. ${note} C, D: suppressed; ${NO_DATA}: no data. Also in <a href="${path}">${path}</a>.</span></caption>
${tableHead(def, level, 'Area')}
${bodies}</table>
</div>`;
}

function geoCsv(def: IndicatorDefinition, rows: readonly GeoRow[], level: number, path: string): ReportFile {
  const header = ['indicator', 'area_level', 'region', 'country', 'area_name', 'unit', 'value', 'lower', 'upper', 'level', 'numerator', 'denominator', 'status', 'conf_status'];
  const data = rows
    .filter((r): r is GeoRow & { cell: Cell } => r.cell !== undefined)
    .map((r) => {
      const [value, lower, upper, numerator, denominator, status, conf] = csvCells(r.cell, r.status);
      return [def.id, r.level, r.region, r.country, r.name, csvUnit(def), value!, lower!, upper!, level, numerator!, denominator!, status!, conf!];
    });
  return { path, content: toCsv(header, data) };
}

// ---------------------------------------------------------------------------------------------
// By year.

interface YearRow {
  readonly year: string | null;
  readonly cell: Cell;
  readonly status: string;
}

function yearRows(observations: readonly PublishableObservation[]): YearRow[] {
  const total = observations.find((o) => dimsOf(o).length === 0);
  const years = observations.filter((o) => dimsOf(o).length === 1 && o.dims.year !== undefined).sort((a, b) => Number(a.dims.year) - Number(b.dims.year) || a.dims.year!.localeCompare(b.dims.year!));
  return [...(total ? [{ year: null, cell: cellOf(total), status: total.status }] : []), ...years.map((o) => ({ year: o.dims.year!, cell: cellOf(o), status: o.status }))];
}

function yearTable(def: IndicatorDefinition, rows: readonly YearRow[], level: number, interval: string, note: string, path: string): Html {
  const body = rows.map((r) =>
    r.year === null
      ? html`<tr class="total" style="font-weight:700"><th scope="row" style="font-weight:700">All years</th>${rowCells(def, r.cell)}</tr>\n`
      : html`<tr><th scope="row">${r.year}</th>${rowCells(def, r.cell)}</tr>\n`,
  );
  return html`<div class="table-wrap">
<table class="data indicator indicator-year">
<caption><span class="caption-title">${def.title}, by year of first sighting</span> <span class="caption-note">All years together, then each year. Value in ${unitLabel(def)}; ${formatLevel(level)} ${interval}. ${note} C, D: suppressed; ${NO_DATA}: no data. Also in <a href="${path}">${path}</a>.</span></caption>
${tableHead(def, level, 'Year of first sighting')}
<tbody>
${body}</tbody>
</table>
</div>`;
}

function yearCsv(def: IndicatorDefinition, rows: readonly YearRow[], level: number, path: string): ReportFile {
  const header = ['indicator', 'year', 'unit', 'value', 'lower', 'upper', 'level', 'numerator', 'denominator', 'status', 'conf_status'];
  const data = rows.map((r) => {
    const [value, lower, upper, numerator, denominator, status, conf] = csvCells(r.cell, r.status);
    return [def.id, r.year, csvUnit(def), value!, lower!, upper!, level, numerator!, denominator!, status!, conf!];
  });
  return { path, content: toCsv(header, data) };
}

/** Why a year is not drawn, or undefined when it is. */
function notDrawn(cell: Cell): string | undefined {
  if (cell.kind === 'suppressed') return `suppressed, ${cell.flag}`;
  if (cell.kind === 'no-data') return 'no data';
  if (cell.kind === 'not-reached') return 'median not reached';
  if (cell.value === null) return 'no value';
  return undefined;
}

async function trendFigure(def: IndicatorDefinition, rows: readonly YearRow[], level: number, interval: string, id: string): Promise<Html> {
  const years = rows.filter((r) => r.year !== null);
  if (years.length === 0) return html``;
  const scale = scaleOf(def);
  const points: TrendPoint[] = [];
  const missing: string[] = [];
  for (const r of years) {
    const why = notDrawn(r.cell);
    if (why !== undefined || r.cell.kind !== 'estimated' || r.cell.value === null) {
      missing.push(`${r.year} (${why ?? 'no value'})`);
      continue;
    }
    const c = r.cell;
    points.push({ year: r.year!, value: c.value! * scale, lower: c.lower === null ? null : c.lower * scale, upper: c.upper === null ? null : c.upper * scale });
  }
  const missingNote = missing.length > 0 ? html` Not drawn: ${missing.join('; ')}.` : '';
  if (points.length === 0) return html`<p class="note">No first-sighting year has a value that can be drawn.${missingNote}</p>`;
  const unit = unitLabel(def);
  const description = `Chart: ${def.title}, by year of first sighting, ${points.length} ${points.length === 1 ? 'year' : 'years'} from ${points[0]!.year} to ${points.at(-1)!.year}; points with ${formatLevel(level)} intervals as lines.${missing.length > 0 ? ` Years not drawn: ${missing.join('; ')}.` : ''} The numbers are in the table that follows.`;
  return chartFigure({
    id,
    spec: indicatorTrendSpec(points, {
      description,
      years: years.map((r) => r.year!),
      axisTitle: def.unit === 'rate' ? `Rate (${unit})` : def.unit === 'count' ? 'Number' : `Value (${unit})`,
      zeroBased: def.unit !== 'median-time',
      percent: def.unit === 'share',
    }),
    caption: html`${def.title}, by year of first sighting (${unit}). Points show the value; lines show the ${formatLevel(level)} ${interval}.${missingNote}`,
  });
}

const TEST_NAMES: Readonly<Record<string, string>> = {
  'cochran-armitage': 'Cochran–Armitage test for trend over first-sighting years',
  'poisson-score': 'Poisson score test for a log-linear trend in the yearly counts',
};

/** The test-for-trend line under the year chart, or why there is none. */
function trendSentence(def: IndicatorDefinition, result: PublishableResult): Html {
  const t: TrendResult | undefined = result.trend;
  if (t === undefined || !Number.isFinite(t.statistic) || !Number.isFinite(t.pValue)) {
    if (result.estimator === 'design') return html`<p class="test">No test for trend: trend tests are not computed from samples.</p>`;
    if (def.unit === 'median-time' || def.unit === 'rate') return html`<p class="test">No test for trend is defined for ${def.unit === 'rate' ? 'rates' : 'Kaplan–Meier medians'}; compare the yearly intervals instead.</p>`;
    return html`<p class="test">No test for trend is given: it needs at least two first-sighting years with data and could not be computed, or not from the disclosure-protected counts.</p>`;
  }
  const name = TEST_NAMES[t.test] ?? `Test for trend (${t.test})`;
  const p = formatP(t.pValue);
  const pText = p.startsWith('<') ? p : `= ${p}`;
  const chi = t.test in TEST_NAMES;
  const slope = t.slope !== undefined && Number.isFinite(t.slope) ? t.slope : undefined;
  const z = chi && t.test === 'cochran-armitage' && slope !== undefined && slope !== 0 ? html`, <i>z</i> = ${formatNumber(Math.sign(slope) * Math.sqrt(t.statistic), 2)}` : '';
  const stat = chi ? html`<i>χ</i>² = ${formatNumber(t.statistic, 2)} (1 df${z})` : html`statistic = ${formatNumber(t.statistic, 2)}`;
  const change =
    slope === undefined
      ? ''
      : def.unit === 'share'
        ? html`; change per year ${signed(100 * slope, 2)} percentage points (weighted least squares)`
        : html`; change per year ${signed(slope, 2)} ${unitLabel(def)}`;
  return html`<p class="test">${name}: ${stat}, <i>p</i> ${pText}${change}.</p>`;
}

// ---------------------------------------------------------------------------------------------
// The section.

function mapFormat(def: IndicatorDefinition): (v: number) => string {
  return (v) => (def.unit === 'count' ? formatCount(v) : formatNumber(v, def.unit === 'rate' ? 2 : 1));
}

function mapFigure(def: IndicatorDefinition, result: PublishableResult, id: string, mapYear: string | undefined): Html {
  const year = mapYear !== undefined && result.by.includes('year') ? mapYear : undefined;
  const safe = blanked(result);
  const values = mapValuesOf(safe, year === undefined ? {} : { year });
  if (values.size === 0) return html`<p class="note">No country-level figures to map${year === undefined ? '' : ` for ${year}`}.</p>`;
  const when = year === undefined ? 'all first-sighting years' : `first sighted in ${year}`;
  // One distinct value (or none) leaves equal intervals nothing to span: bin from 0 to it instead.
  const numeric = [...values.values()].filter((v): v is number => v !== null);
  const flat = numeric.length > 0 && Math.min(...numeric) === Math.max(...numeric) && Math.max(...numeric) > 0;
  const scale = flat ? { scale: { domain: [0, Math.max(...numeric)] as const } } : {};
  const svg = choroplethSvg(values, { title: `${def.title}, by country (${when})`, legend: mapLegendOf(safe), id, format: mapFormat(def), ...scale });
  return html`<figure class="chart map" id="${id}">
<div class="chart-body">${trusted(svg)}</div>
<figcaption>${def.title}, by country (${when}), in ${unitLabel(def)}. Hatched: suppressed (C or D); grey: no data. Regional and world figures and the numbers behind the map are in the table that follows.</figcaption>
</figure>`;
}

/** The headline: World, all years, from the first total observation. */
function headline(def: IndicatorDefinition, results: readonly PublishableResult[], level: number): Html {
  const total = marginal(results, []).at(0);
  if (total === undefined) return html``;
  const cell = cellOf(total);
  let text: Html;
  if (cell.kind === 'suppressed') text = html`${flagMark(cell.flag)} (suppressed)`;
  else if (cell.kind === 'no-data') text = html`${noDataMark()} (no data)`;
  else if (cell.kind === 'not-reached') text = html`${NOT_REACHED} (the median lies beyond the longest follow-up)`;
  else if (cell.value === null) text = html`${MISSING}`;
  else {
    const ci = formatIntervalOf(def, cell.lower, cell.upper);
    text = html`<strong>${formatValue(def, cell.value)}${def.unit === 'share' ? '%' : def.unit === 'median-time' ? ' years' : def.unit === 'rate' ? ` ${unitLabel(def)}` : ''}</strong>${ci === MISSING ? '' : html` (${formatLevel(level)} interval ${ci}${def.unit === 'share' ? '%' : ''})`}`;
  }
  return html`<p class="headline">World, all first-sighting years: ${text}.</p>`;
}

async function indicatorSubsection(results: readonly PublishableResult[], key: string, level: number, options: IndicatorsSectionOptions): Promise<ReportSection> {
  const def = results[0]!.definition;
  const interval = INTERVAL_NAMES[def.interval] ?? def.interval;
  const countryResult = results.find((r) => r.by.includes('country') || r.by.includes('region'));
  const yearResult = results.find((r) => r.by.includes('year'));
  const design = results.some((r) => r.estimator === 'design');
  const countsNote = design ? 'Numerator and denominator: unweighted sample counts.' : '';
  const notes = [...new Set(results.map((r) => r.aggregationNote).filter((n) => n !== ''))];
  const other = [...new Set(results.flatMap((r) => r.by).filter((d) => d !== 'country' && d !== 'region' && d !== 'year'))];
  const files: ReportFile[] = [];
  const parts: Html[] = [];

  parts.push(html`<p>${def.definition}</p>
<p class="meta">Unit: ${UNIT_NAMES[def.unit]}${def.unit === 'rate' ? ` per ${formatCount(def.per ?? 1)}` : ''} of ${ENTITY_PLURAL[def.entity]}. Interval: ${formatLevel(level)} ${interval}.${design ? ' Design-based estimates from a sample.' : ''} Indicator <code>${def.id}</code>.</p>
${notes.map((n) => html`<p class="note">${n}</p>\n`)}${headline(def, results, level)}`);

  if (countryResult) {
    const rows = geoRows(marginal([countryResult], ['country', 'region']));
    const path = `indicators/${key}-by-country.csv`;
    parts.push(mapFigure(def, countryResult, `indicator-map-${key}`, options.mapYear));
    parts.push(geoTable(def, rows, level, interval, countsNote, path));
    files.push(geoCsv(def, rows, level, path));
  }
  if (yearResult) {
    const rows = yearRows(marginal([yearResult], ['year']));
    const path = `indicators/${key}-by-year.csv`;
    parts.push(await trendFigure(def, rows, level, interval, `indicator-trend-${key}`));
    parts.push(trendSentence(def, yearResult));
    parts.push(yearTable(def, rows, level, interval, countsNote, path));
    files.push(yearCsv(def, rows, level, path));
  }
  if (other.length > 0) parts.push(html`<p class="note">Breakdowns by ${other.join(', ')} are computed but not shown in this report.</p>`);
  if (files.length > 0) parts.push(html`<p class="data-links">Data (CSV): ${joinHtml(files.map((f) => html`<a href="${f.path}">${f.path}</a>`), ' · ')}</p>`);
  return { id: `indicator-${key}`, title: def.title, body: joinHtml(parts, '\n'), files };
}

/**
 * The indicators section: an introduction (what the figures are, their protection, the markers)
 * and one subsection per indicator id, in the order of the set. Async because the year charts are
 * rendered by Vega at build time.
 */
export async function indicatorsSection(set: PublishableSet, options: IndicatorsSectionOptions = {}): Promise<ReportSection> {
  const m = set.manifest;
  const level = m.level;
  const groups = new Map<string, PublishableResult[]>();
  for (const r of set.results) groups.set(r.definition.id, [...(groups.get(r.definition.id) ?? []), r]);
  const used = new Set<string>();
  const subsections: ReportSection[] = [];
  for (const [id, results] of groups) {
    let key = slug(id);
    for (let i = 2; used.has(key); i++) key = `${slug(id)}-${i}`;
    used.add(key);
    subsections.push(await indicatorSubsection(results, key, level, options));
  }
  const observations = set.results.flatMap((r) => r.observations);
  const protectedSet = observations.length > 0 && observations.every((o) => o.confStatus !== undefined);
  const basis = m.basis === 'census' ? 'every case in the store (a census)' : m.basis.startsWith('sample:') ? html`the sample <code>${m.basis.slice('sample:'.length)}</code> (design-based estimates)` : m.basis;
  const omitted = m.omitted ?? [];
  const body = html`${m.synthetic === true ? html`<div class="notice notice-synthetic"><p><strong>Synthetic data.</strong> These indicators are computed from generated test data and describe no real cases.</p></div>\n` : ''}<p>Indicators are fixed, defined summaries of the coded case metadata (codes, counts, dates and countries only): shares, counts, rates and times to identification, by country, region and year of first sighting. Each is computed from ${basis}, with data up to ${m.dataDate} and ${formatLevel(level)} intervals.</p>
${protectedSet
  ? html`<p>Every figure here comes from disclosure-protected counts: cells that could identify a case were suppressed before release, and a suppressed cell shows only its marker, never a number.</p>`
  : html`<div class="notice notice-status"><p><strong>Not disclosure-protected.</strong> These indicators carry no disclosure flags: they have not passed disclosure control and are not for release.</p></div>`}
<p>Markers: <strong>C</strong> suppressed (primary: below the threshold or dominated by few contributors); <strong>D</strong> suppressed to protect another cell (secondary); <strong>${NO_DATA}</strong> no data (nothing to estimate from); <strong>${NOT_REACHED}</strong> the Kaplan–Meier median lies beyond the longest follow-up; ${MISSING} not available. In the CSV files, values are as computed (shares as proportions 0–1), suppressed figures are empty and <code>conf_status</code> gives the flag (F free, C, D).</p>
${omitted.length > 0 ? html`<p class="note">Not computed: ${joinHtml(omitted.map((o) => html`<code>${o.indicator}</code> (${o.reason})`), '; ')}.</p>` : ''}`;
  return { id: 'indicators', title: 'Indicators', body, subsections };
}
