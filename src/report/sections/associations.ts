import type { Association, Profile } from '../../profile/types.ts';
import { rowShareHeatmapSpec } from '../charts/row-share-heatmap.ts';
import { POPULATION_LABELS } from '../charts/theme.ts';
import { formatCount, formatP, formatPercent, MISSING } from '../format.ts';
import { html, joinHtml, type Html } from '../html.ts';
import { associationCsv, associationCsvPath, associationTestsCsv, ASSOCIATION_TESTS_CSV } from '../profile-csv.ts';
import type { ReportSection } from '../section.ts';
import { chartFigure } from './figure.ts';
import { groupByPopulation, profileLabels, slug, type ProfileLabels } from './labels.ts';
import { formatChi, formatDf, formatV } from './stats-text.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const total = (a: Association): number => sum(a.table.map(sum));

/** The χ² test of each population's cross-tabulation, one row per population. */
function testsTable(group: readonly Association[], labels: ProfileLabels): Html {
  const first = group[0]!;
  const unit = labels.unit(first.rowVariable) ?? 'victims';
  const rows = group.map(
    (a) =>
      html`<tr><th scope="row">${POPULATION_LABELS[a.population]}</th><td class="num">${formatCount(total(a))}</td><td class="num">${formatChi(a.chiSquare)}</td><td class="num">${formatDf(a.df, a.chiSquare)}</td><td class="num">${formatP(a.pValue)}</td><td class="num">${formatV(a.cramersV)}</td></tr>\n`,
  );
  return html`<div class="table-wrap">
<table class="data tests">
<caption><span class="caption-title">${first.title}: tests of association</span> <span class="caption-note">Pearson χ² without continuity correction and Cramér’s V, on ${unit} with determinable codes for both variables.</span></caption>
<thead><tr><th scope="col">Population</th><th scope="col" class="num">${unit[0]!.toUpperCase() + unit.slice(1)} tested</th><th scope="col" class="num">χ²</th><th scope="col" class="num">df</th><th scope="col" class="num">p-value</th><th scope="col" class="num">Cramér’s V</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>`;
}

/** Counts with row percentages, row and column totals. */
export function contingencyTable(a: Association, labels: ProfileLabels): Html {
  const colTotals = a.columnCategories.map((_, j) => sum(a.table.map((row) => row[j] ?? 0)));
  const n = sum(colTotals);
  const head = a.columnCategories.map((c) => html`<th scope="col" class="num">${labels.category(a.columnVariable, c)}</th>`);
  const body = a.rowCategories.map((r, i) => {
    const row = a.table[i] ?? [];
    const rowTotal = sum(row);
    const cells = a.columnCategories.map((_, j) => {
      const x = row[j] ?? 0;
      return html`<td class="num">${formatCount(x)}<span class="pct">${rowTotal > 0 ? formatPercent(x / rowTotal) : MISSING}%</span></td>`;
    });
    return html`<tr><th scope="row">${labels.category(a.rowVariable, r)}</th>${cells}<td class="num total">${formatCount(rowTotal)}<span class="pct">100.0%</span></td></tr>\n`;
  });
  const foot = colTotals.map((x) => html`<td class="num">${formatCount(x)}<span class="pct">${n > 0 ? formatPercent(x / n) : MISSING}%</span></td>`);
  return html`<div class="table-wrap">
<table class="data contingency">
<caption><span class="caption-title">${POPULATION_LABELS[a.population]}: ${labels.variable(a.rowVariable)} by ${labels.variable(a.columnVariable).toLowerCase()}</span> <span class="caption-note">Counts, with row percentages below. Rows <code>${a.rowVariable}</code>, columns <code>${a.columnVariable}</code>; not-determinable codes excluded.</span></caption>
<thead><tr><th scope="col">${labels.variable(a.rowVariable)}</th>${head}<th scope="col" class="num">Total</th></tr></thead>
<tbody>
${body}</tbody>
<tfoot><tr><th scope="row">Total</th>${foot}<td class="num total">${formatCount(n)}<span class="pct">${n > 0 ? '100.0' : MISSING}%</span></td></tr></tfoot>
</table>
</div>`;
}

async function associationSection(key: string, group: readonly Association[], labels: ProfileLabels): Promise<ReportSection> {
  const first = group[0]!;
  const rowTitle = labels.variable(first.rowVariable);
  const colTitle = labels.variable(first.columnVariable);
  // The chart compares the two populations; "all" (their union and more) stays in the tables.
  const subsets = group.filter((a) => a.population !== 'all');
  const charted = subsets.length > 0 ? subsets : group;
  const populations = charted.map((a) => POPULATION_LABELS[a.population].toLowerCase());
  const figure = await chartFigure({
    id: `fig-${slug(key)}`,
    spec: rowShareHeatmapSpec(charted, { row: (c) => labels.category(first.rowVariable, c), column: (c) => labels.category(first.columnVariable, c), rowTitle, columnTitle: colTitle }, {
      description: `Heatmap: ${first.title}. For each category of ${rowTitle.toLowerCase()}, the share in each category of ${colTitle.toLowerCase()}, for the ${populations.join(', ')} populations; darker is a larger share. The numbers are in the tables that follow.`,
    }),
    caption: html`${first.title}, by identification status. Each column is one category of “${rowTitle}” and shows how its ${labels.unit(first.rowVariable) ?? 'units'} divide across “${colTitle}” (the column sums to 100%). Cells give the share and the count.`,
  });
  const links = group.map((a) => html`<a href="${associationCsvPath(a)}">${POPULATION_LABELS[a.population].toLowerCase()}</a>`);
  return {
    id: `assoc-${slug(key)}`,
    title: first.title,
    body: html`${testsTable(group, labels)}
${figure}
${group.map((a) => contingencyTable(a, labels))}
<p class="data-links">Data (CSV): ${joinHtml(links, ' · ')} · <a href="${ASSOCIATION_TESTS_CSV}">tests</a></p>`,
    files: group.map((a) => associationCsv(a, labels)),
  };
}

/** For a sample: the tests below are on unweighted counts. */
export function unweightedNote(profile: Profile): Html | '' {
  const s = profile.manifest.sample;
  if (!s) return '';
  return html`
<p class="notice notice-caveat" role="note"><strong>Unweighted.</strong> These counts are the sampled units of sample ${s.id}, not estimates for the frame, and the χ² tests treat them as a simple random sample: the p-values ignore the sampling weights, strata and clustering of victims in series (no design-based Rao–Scott correction yet). Read them as descriptive of the sample.</p></div>`;
}

/** Cross-tabulations with their χ² tests, a heatmap, and the contingency tables of each population. */
export async function associationsSection(profile: Profile): Promise<ReportSection | undefined> {
  if (profile.associations.length === 0) return undefined;
  const labels = profileLabels(profile);
  const subsections: ReportSection[] = [];
  for (const g of groupByPopulation(profile.associations)) subsections.push(await associationSection(g.key, g.items, labels));
  return {
    id: 'associations',
    title: 'Associations',
    body: html`<p>Does the recorded severity differ with the victim’s age band or gender? Each cross-tabulation counts victims with a determinable code for both variables; categories with no victims are left out. The χ² test asks whether the two variables are independent; Cramér’s V measures the strength of the association from 0 (none) to 1 (complete). With large counts, even weak associations are significant: read V and the percentages, not only p.</p>${unweightedNote(profile)}`,
    subsections,
    files: [associationTestsCsv(profile.associations)],
  };
}
