import type { Comparison, Profile, ProfileRow, ProfileTable } from '../../profile/types.ts';
import { shareIntervalsSpec } from '../charts/share-intervals.ts';
import { POPULATION_LABELS } from '../charts/theme.ts';
import { formatCount, formatInterval, formatLevel, formatNumber, formatPercent, MISSING } from '../format.ts';
import { html, joinHtml, type Html } from '../html.ts';
import { tableCsv, tableCsvPath } from '../profile-csv.ts';
import type { ReportSection } from '../section.ts';
import { chartFigure } from './figure.ts';
import { groupByPopulation, slug } from './labels.ts';
import { testSentence } from './stats-text.ts';

const UNITS: readonly { unit: ProfileTable['unit']; title: string; intro: string }[] = [
  { unit: 'victims', title: 'Victims', intro: 'Counts of victims by each coded characteristic.' },
  { unit: 'series', title: 'Series', intro: 'Counts of series (sets of material showing the same victims), by series-level characteristics.' },
  { unit: 'offenders', title: 'Offenders', intro: 'Counts of offenders coded in the series; identification status is that of their series.' },
];

const ND = 'notDeterminable';

/** The categories of a variable across its populations, in the first table's order. */
function categoryOrder(tables: readonly ProfileTable[]): { code: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const t of tables) for (const r of t.rows) if (!seen.has(r.category)) seen.set(r.category, r.label);
  return [...seen].map(([code, label]) => ({ code, label }));
}

/**
 * One variable, populations side by side: count, share (%) and interval (%) for each; for
 * design-based tables (a sample) also the standard error (percentage points) and design effect,
 * and the estimated population size in the foot.
 */
export function distributionTable(tables: readonly ProfileTable[], level: number): Html {
  const first = tables[0]!;
  const ci = `${formatLevel(level)} CI`;
  if (first.estimator === 'design') {
    // A design-based table: sampled count, weighted share, t interval, SE and design effect per population.
    return populationsTable(tables, {
      className: 'distribution design',
      caption: html`<span class="caption-title">${first.title}, by identification status (design-based estimates)</span> <span class="caption-note">n: sampled ${first.unit}; %: weighted share of the population (estimate for the sampling frame); ${formatLevel(level)} design-based t interval (%); SE: standard error in percentage points; Deff: design effect (variance relative to simple random sampling of as many ${first.unit}). Foot: estimated number of ${first.unit} (Σ weights) and degrees of freedom. Variable <code>${first.variable}</code>.</span>`,
      span: 5,
      heads: html`<th scope="col" class="num">n</th><th scope="col" class="num">%</th><th scope="col" class="num ci">${ci} (%)</th><th scope="col" class="num"><abbr title="standard error, percentage points">SE</abbr></th><th scope="col" class="num"><abbr title="design effect">Deff</abbr></th>`,
      missing: html`<td class="num first">${MISSING}</td><td class="num">${MISSING}</td><td class="num ci">${MISSING}</td><td class="num">${MISSING}</td><td class="num">${MISSING}</td>`,
      cells: (r) => html`<td class="num first">${formatCount(r.count)}</td><td class="num">${formatPercent(r.share)}</td><td class="num ci">${formatInterval(r.lower, r.upper)}</td><td class="num">${formatPercent(r.standardError ?? NaN, 2)}</td><td class="num">${formatNumber(r.designEffect ?? NaN, 2)}</td>`,
      foot: (t) => html`<td class="num ci" colspan="3">${t.total > 0 ? `est. ${formatNumber(t.weightedTotal ?? NaN, 0)} ${first.unit}; df ${t.degreesOfFreedom ?? MISSING}` : ''}</td>`,
    });
  }
  return populationsTable(tables, {
    className: 'distribution',
    caption: html`<span class="caption-title">${first.title}, by identification status</span> <span class="caption-note">Count of ${first.unit}, share of the population (%) and ${formatLevel(level)} Wilson interval (%). Variable <code>${first.variable}</code>.</span>`,
    span: 3,
    heads: html`<th scope="col" class="num">Count</th><th scope="col" class="num">%</th><th scope="col" class="num ci">${ci} (%)</th>`,
    missing: html`<td class="num first">${MISSING}</td><td class="num">${MISSING}</td><td class="num ci">${MISSING}</td>`,
    cells: (r) => html`<td class="num first">${formatCount(r.count)}</td><td class="num">${formatPercent(r.share)}</td><td class="num ci">${formatInterval(r.lower, r.upper)}</td>`,
    foot: () => html`<td class="num ci"></td>`,
  });
}

/** What a distribution table shows for each population: `span` columns under the population's heading. */
interface PopulationColumns {
  readonly className: string;
  readonly caption: Html;
  readonly span: number;
  /** The column headings under each population. */
  readonly heads: Html;
  /** The cells of a category a population's table has no row for. */
  readonly missing: Html;
  readonly cells: (row: ProfileRow) => Html;
  /** The foot cells after the total count and 100%. */
  readonly foot: (table: ProfileTable) => Html;
}

/** The table both kinds share: a column group per population, a row per category, the totals in the foot. */
function populationsTable(tables: readonly ProfileTable[], columns: PopulationColumns): Html {
  const head1 = tables.map((t) => html`<th scope="colgroup" colspan="${columns.span}" class="pop pop-${t.population}"><span class="key" aria-hidden="true"></span>${POPULATION_LABELS[t.population]}</th>`);
  const head2 = tables.map(() => columns.heads);
  const body = categoryOrder(tables).map((c) => {
    const cells = tables.map((t) => {
      const r = t.rows.find((x) => x.category === c.code);
      return r ? columns.cells(r) : columns.missing;
    });
    return html`<tr${c.code === ND ? html` class="nd"` : ''}><th scope="row">${c.label}</th>${cells}</tr>\n`;
  });
  const foot = tables.map((t) => html`<td class="num first">${formatCount(t.total)}</td><td class="num">${t.total > 0 ? '100.0' : MISSING}</td>${columns.foot(t)}`);
  return html`<div class="table-wrap">
<table class="data ${columns.className}">
<caption>${columns.caption}</caption>
<colgroup><col class="label-col"></colgroup>${tables.map(() => html`<colgroup span="${columns.span}"></colgroup>`)}
<thead>
<tr><th scope="col" rowspan="2" class="category">Category</th>${head1}</tr>
<tr>${head2}</tr>
</thead>
<tbody>
${body}</tbody>
<tfoot>
<tr><th scope="row">Total</th>${foot}</tr>
</tfoot>
</table>
</div>`;
}

function csvLinks(tables: readonly ProfileTable[]): Html {
  const links = tables.map((t) => html`<a href="${tableCsvPath(t)}">${POPULATION_LABELS[t.population].toLowerCase()}</a>`);
  return html`<p class="data-links">Data (CSV): ${joinHtml(links, ' · ')}</p>`;
}

function comparisonNote(comparison: Comparison | undefined, unit: string, sampled: boolean): Html | '' {
  if (!comparison) return '';
  if (sampled) return html`<p class="test">Identified vs unidentified ${unit}, unweighted sample counts (not-determinable codes excluded; the p-value ignores weights, strata and clusters): ${testSentence(comparison)}.</p>`;
  return html`<p class="test">Identified vs unidentified ${unit} (not-determinable codes excluded): ${testSentence(comparison)}.</p>`;
}

async function variableSection(tables: readonly ProfileTable[], key: string, profile: Profile): Promise<ReportSection> {
  const first = tables[0]!;
  const level = profile.manifest.level;
  const id = `var-${slug(key)}`;
  const populations = tables.map((t) => POPULATION_LABELS[t.population].toLowerCase());
  const design = first.estimator === 'design';
  const interval = design ? 'design-based intervals' : 'Wilson intervals';
  const description = `Bar chart: ${first.title.toLowerCase()}, ${design ? 'estimated ' : ''}share of ${first.unit} in each category for the ${populations.join(', ')} populations, with ${formatLevel(level)} intervals as lines. The numbers are in the table that follows.`;
  const figure = await chartFigure({
    id: `fig-${slug(key)}`,
    spec: shareIntervalsSpec(tables, { description, level }),
    caption: html`${first.title}: ${design ? 'estimated ' : ''}share of ${first.unit} by identification status. Bars show ${design ? 'weighted ' : ''}shares; lines show ${formatLevel(level)} ${interval}.`,
  });
  const comparison = profile.comparisons.find((c) => c.variable === first.variable);
  return {
    id,
    title: first.title,
    body: html`${figure}
${distributionTable(tables, level)}
${comparisonNote(comparison, first.unit, profile.manifest.sample !== undefined)}
${csvLinks(tables)}`,
    files: tables.map((t) => tableCsv(t, level)),
  };
}

/** One section per unit (victims, series, offenders), one subsection per variable: chart, table, comparison, CSV. */
export async function distributionSections(profile: Profile): Promise<ReportSection[]> {
  const groups = groupByPopulation(profile.tables);
  const known = new Set(UNITS.map((u) => u.unit));
  const sections: ReportSection[] = [];
  for (const u of UNITS) {
    const mine = groups.filter((g) => g.items[0]!.unit === u.unit);
    if (mine.length === 0) continue;
    const subsections: ReportSection[] = [];
    for (const g of mine) subsections.push(await variableSection(g.items, g.key, profile));
    sections.push({
      id: u.unit,
      title: u.title,
      body: profile.manifest.sample
        ? html`<p>${u.intro.replace('Counts of', 'Estimates for the sampling frame of')} Shares are design-based estimates from sample ${profile.manifest.sample.id}: weighted shares of all ${u.unit} in each population, not-determinable codes included, with ${formatLevel(profile.manifest.level)} t intervals, standard errors and design effects (see “Sampling design”). Counts are sampled ${u.unit}.</p>`
        : html`<p>${u.intro} Shares are of all ${u.unit} in each population, not-determinable codes included, with ${formatLevel(profile.manifest.level)} Wilson score intervals.</p>`,
      subsections,
    });
  }
  const others = groups.filter((g) => !known.has(g.items[0]!.unit));
  if (others.length > 0) {
    const subsections: ReportSection[] = [];
    for (const g of others) subsections.push(await variableSection(g.items, g.key, profile));
    sections.push({ id: 'other-tables', title: 'Other tables', body: html``, subsections });
  }
  return sections;
}
