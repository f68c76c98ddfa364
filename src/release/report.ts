import type { PublishableSet } from '../publish/index.ts';
import { formatCount, formatLevel, formatNumber } from '../report/format.ts';
import { html, type HtmlValue } from '../report/html.ts';
import type { ReportSection } from '../report/section.ts';
import { indicatorsSection } from '../report/sections/indicators.ts';
import { writeSections, type WrittenReport } from '../report/write.ts';
import type { ReleaseParameters } from './create.ts';
import type { ProtectedIndicators } from './protect.ts';

/**
 * The released report: what it is, the indicators (tables, map, trends; src/report/sections/
 * indicators.ts), how the counts were protected and what the audit proved, and where the
 * figures come from. It is written from the protected set only — no unprotected number reaches it.
 */

export const RELEASE_TITLE = 'Unidentified victims: global indicators';

export interface ReleaseReportOptions {
  readonly outDir: string;
  readonly releaseId: string;
  readonly actor: string;
  readonly createdAt: string;
  readonly title?: string;
}

function aboutRelease(set: PublishableSet, o: ReleaseReportOptions): ReportSection {
  const m = set.manifest;
  const synthetic = m.synthetic
    ? html`<div class="notice notice-synthetic" role="note"><p><strong>Synthetic data.</strong> Every figure in this release comes from synthetic (generated) records made for demonstration and testing. They describe no real victims or cases and must not be cited as findings.</p></div>`
    : '';
  const basis = m.basis === 'census' ? 'every unit recorded in the data' : `design-based estimates from stored sample ${m.basis.slice('sample:'.length)}`;
  return {
    id: 'about',
    title: 'About this release',
    body: html`${synthetic}
<p class="lead">Release <strong>${o.releaseId}</strong>: indicators on unidentified victims in coded case metadata, computed from ${basis}, by country (with regional and global aggregates) and by year of first sighting.</p>
<p>Every count in this release passed statistical disclosure control before it was written, and every share, interval, map colour and trend test is derived from the protected counts only. Suppressed figures are marked <strong>C</strong> (too few units, or one unit dominating) or <strong>D</strong> (hidden so that a C cell cannot be worked out from the totals). The section <a href="#disclosure-control">Disclosure control</a> says how, and what the audit proved.</p>
<p>The release holds codebook codes, counts, shares and charts of aggregates only: no imagery, no media links and no descriptions of material. The same figures are given as CSV and SDMX files; <code>manifest.json</code> lists every file with its SHA-256 hash.</p>`,
  };
}

function methodText(p: ProtectedIndicators): HtmlValue {
  const r = p.record;
  switch (r.method) {
    case 'suppression': {
      const rules = [html`minimum frequency: a count from 1 to ${r.rules.threshold - 1} is suppressed${r.rules.protectZeros ? ', and so are zeros' : ''}`];
      if (r.rules.dominance) rules.push(html`dominance (${r.rules.dominance.n}, ${r.rules.dominance.k}%): the largest ${r.rules.dominance.n} contribution(s) exceeding ${r.rules.dominance.k}% of a cell`);
      if (r.rules.pPercent) rules.push(html`p% rule with p = ${r.rules.pPercent.p}`);
      const audit = p.audit;
      return html`<p><strong>Cell suppression.</strong> Primary rules: ${rules.map((x, i) => html`${i > 0 ? '; ' : ''}${x}`)}. The counts behind all indicators form one system of linked tables (the same count shown by two indicators is one cell; each total equals the sum of its parts: countries within regions within the world, years within the total, numerator plus its complement within the denominator). Complementary cells were chosen by the mixed-integer programme of Fischetti and Salazar-González (2001), solved by ${r.solver.name} ${r.solver.version}, minimising the ${r.cost === 'value' ? 'total of the suppressed counts' : 'number of suppressed cells'}${r.proven ? ' (the minimum is proven)' : ' (after the exact rounds, the remaining cuts were covered by rounding the LP relaxation; the pattern is protective, as the audit proves, but not proven minimal)'}.</p>
<p><strong>Audit: ${audit?.pass ? 'passed' : 'FAILED'}.</strong> For each of the ${formatCount(audit?.suppressedCells ?? 0)} suppressed cells, linear programming found the tightest interval an attacker can deduce from everything published; for each of the ${formatCount(audit?.sensitiveCells ?? 0)} primary cells it is at least as wide as the required protection interval (for the minimum-frequency rule: from 0 to the threshold). The intervals themselves are not released, since they would narrow the hidden counts.</p>
<p>Cells: ${formatCount(p.cells.total)} counts and ${formatCount(p.cells.constraints)} additivity constraints; ${formatCount(p.cells.byStatus.published ?? 0)} published, ${formatCount(p.cells.byStatus.primary ?? 0)} suppressed by the primary rules (C), ${formatCount(p.cells.byStatus.secondary ?? 0)} by complementary suppression (D).</p>`;
    }
    case 'rounding':
      return html`<p><strong>Controlled rounding to base ${r.base}.</strong> Every count was rounded to a multiple of ${r.base} (zero-restricted controlled rounding, Cox 1987, solved by ${r.solver.name} ${r.solver.version}) so that the rounded tables still add up; the total change was ${formatCount(r.totalChange)}. Shares, intervals and trend tests are computed from the rounded counts. Figures that cannot be derived from counts alone (Kaplan–Meier times, design-based estimates) are not released with this method.</p>`;
    case 'noise':
      return html`<p><strong>Differential privacy.</strong> Every count received two-sided geometric noise (Ghosh, Roughgarden &amp; Sundararajan 2012) with ε = ${formatNumber(r.budget.epsilonPerCell, 3)} per count; negative results were set to 0. Privacy budget: ${formatNumber(r.budget.totalEpsilon, 3)} in total over ${formatCount(r.budget.cells)} counts (sequential composition), seed ${r.budget.seed}. Shares and intervals are computed from the noisy counts and do not include the noise in their width.</p>`;
  }
}

function disclosureSection(p: ProtectedIndicators, params: ReleaseParameters): ReportSection {
  const withheld = p.withheld.length > 0 ? html`<p>Not released: ${p.withheld.map((w, i) => html`${i > 0 ? '; ' : ''}<code>${w.indicator}</code> (${w.reason})`)}.</p>` : '';
  const trends = p.results.filter((r) => r.trendWithheld !== undefined);
  const trendText = trends.length > 0 ? html`<p>Trend tests not released: ${trends.map((r, i) => html`${i > 0 ? '; ' : ''}<code>${r.definition.id}</code>: ${r.trendWithheld}`)}.</p>` : '';
  return {
    id: 'disclosure-control',
    title: 'Disclosure control',
    body: html`${methodText(p)}${withheld}${trendText}
<p>After writing, every CSV and SDMX file of the release was read back and checked: ${params.method === 'suppression' ? html`no published count lies between 0 and the threshold ${params.threshold}` : params.method === 'rounding' ? html`every published count is a multiple of ${params.base}` : 'the SDMX files match their structure'}; the SDMX files were validated against their data structure definition.</p>`,
  };
}

function provenanceSection(set: PublishableSet, params: ReleaseParameters, o: ReleaseReportOptions): ReportSection {
  const m = set.manifest;
  const rows: [string, string][] = [
    ['Release', o.releaseId],
    ['Released by', `${o.actor} on ${o.createdAt}`],
    ['Data snapshot (SHA-256)', m.snapshotHash],
    ['Data date (censoring of times)', m.dataDate],
    ['Basis', m.basis],
    ['Codebook', m.codebookVersion],
    ['Vindex', m.softwareVersion],
    ['Tables', params.tables.map((t) => t.join(' × ')).join('; ')],
    ['Aggregation', params.aggregation],
    ['Interval level', formatLevel(params.level)],
    ['Protection', params.method],
  ];
  return {
    id: 'provenance',
    title: 'Provenance',
    body: html`<table class="manifest"><caption>Where the figures come from</caption><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td><code>${v}</code></td></tr>`)}</tbody></table>
<p>The indicator definitions (numerators and denominators as codebook filters), every parameter and the content hash of every file are in <code>manifest.json</code> beside this report; <code>vindex release verify</code> checks a copy of the release against it.</p>`,
  };
}

export async function writeReleaseReport(set: PublishableSet, protection: ProtectedIndicators, params: ReleaseParameters, o: ReleaseReportOptions): Promise<WrittenReport> {
  const m = set.manifest;
  const sections = [aboutRelease(set, o), await indicatorsSection(set), disclosureSection(protection, params), provenanceSection(set, params, o)];
  return writeSections(sections, {
    outDir: o.outDir,
    title: o.title ?? RELEASE_TITLE,
    subtitle: `Release ${o.releaseId}: disclosure-protected indicators by country, region and year`,
    meta: [
      { label: 'Released', value: o.createdAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') },
      { label: 'Snapshot', value: m.snapshotHash.slice(0, 12) },
      { label: 'Codebook', value: m.codebookVersion },
      { label: 'Vindex', value: m.softwareVersion },
    ],
    ...(m.synthetic ? { badge: 'Synthetic data' } : {}),
    colophon: [
      html`Released by ${o.actor} with Vindex ${m.softwareVersion} from data snapshot <code>${m.snapshotHash.slice(0, 16)}</code>…, codebook ${m.codebookVersion}.`,
      'Codes, counts, shares and charts of disclosure-protected aggregates only: no imagery, no media links, no descriptions of material.',
    ],
    generator: `Vindex ${m.softwareVersion}`,
  });
}
