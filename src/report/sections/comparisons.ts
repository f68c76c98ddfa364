import type { Profile } from '../../profile/types.ts';
import { formatCount, formatP } from '../format.ts';
import { html, type Html } from '../html.ts';
import { comparisonCsv, comparisonCsvPath, comparisonTestsCsv, COMPARISON_TESTS_CSV } from '../profile-csv.ts';
import type { ReportSection } from '../section.ts';
import { unweightedNote } from './associations.ts';
import { profileLabels } from './labels.ts';
import { formatChi, formatDf, formatV } from './stats-text.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Identified against unidentified, one row per variable: the χ² test of their two distributions. */
export function comparisonsSection(profile: Profile): ReportSection | undefined {
  if (profile.comparisons.length === 0) return undefined;
  const labels = profileLabels(profile);
  const rows: Html[] = profile.comparisons.map((c) => {
    const unit = labels.unit(c.variable) ?? '';
    const cats = c.categories.map((code) => labels.category(c.variable, code)).join(', ');
    return html`<tr><th scope="row">${labels.variable(c.variable)}<span class="sub"><code>${c.variable}</code> · ${cats}</span></th><td>${unit}</td><td class="num">${formatCount(sum(c.unidentified))}</td><td class="num">${formatCount(sum(c.identified))}</td><td class="num">${formatChi(c.chiSquare)}</td><td class="num">${formatDf(c.df, c.chiSquare)}</td><td class="num">${formatP(c.pValue)}</td><td class="num">${formatV(c.cramersV)}</td><td><a href="${comparisonCsvPath(c)}">CSV</a></td></tr>\n`;
  });
  return {
    id: 'comparisons',
    title: 'Identified and unidentified compared',
    body: html`<p>For each variable, do identified and unidentified victims (or series, or offenders) have the same distribution? The test is Pearson’s χ² on the two populations’ counts in the determinable categories listed; the shares themselves, with intervals, are in the tables above.</p>${unweightedNote(profile)}
<div class="table-wrap">
<table class="data tests">
<caption><span class="caption-title">Identified vs unidentified: tests of equal distributions</span> <span class="caption-note">Pearson χ² without continuity correction and Cramér’s V; not-determinable codes excluded.</span></caption>
<thead><tr><th scope="col">Variable and categories compared</th><th scope="col">Unit</th><th scope="col" class="num">Unidentified</th><th scope="col" class="num">Identified</th><th scope="col" class="num">χ²</th><th scope="col" class="num">df</th><th scope="col" class="num">p-value</th><th scope="col" class="num">Cramér’s V</th><th scope="col">Data</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>
<p class="data-links">Data (CSV): <a href="${COMPARISON_TESTS_CSV}">all tests</a></p>`,
    files: [...profile.comparisons.map((c) => comparisonCsv(c, labels)), comparisonTestsCsv(profile.comparisons)],
  };
}
