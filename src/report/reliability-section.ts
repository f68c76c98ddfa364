/**
 * The inter-coder reliability of a coding round as a report section: per variable the
 * coefficients with their bootstrap intervals and the verdict, the thresholds and the method.
 */
import type { Coefficient, RoundReliability, VariableReliability } from '../coding/reliability.ts';
import { toCsv } from './csv.ts';
import { formatLevel, formatNumber, MISSING } from './format.ts';
import { html, type Html } from './html.ts';
import type { ReportSection } from './section.ts';

const VERDICT_STYLE: Readonly<Record<VariableReliability['verdict'], string>> = {
  // Pastel backgrounds with dark text (contrast above 7:1); the verdict is always written out too.
  reliable: 'background:#d1e7dd;color:#0f5132',
  tentative: 'background:#fff3cd;color:#664d03',
  unreliable: 'background:#f8d7da;color:#842029',
  insufficient: 'background:#e2e3e5;color:#41464b',
};
const VERDICT_MARK: Readonly<Record<VariableReliability['verdict'], string>> = { reliable: '✓', tentative: '~', unreliable: '✗', insufficient: '?' };

export const reliabilityCsvPath = (r: RoundReliability): string => `tables/reliability-${r.roundId}.csv`;

const value = (c: Coefficient | null): string => (c === null ? MISSING : formatNumber(c.value, 3));
const interval = (c: Coefficient | null): string => (c === null || !Number.isFinite(c.lower) || !Number.isFinite(c.upper) ? MISSING : `${formatNumber(c.lower, 3)} to ${formatNumber(c.upper, 3)}`);

function cell(c: Coefficient | null): Html {
  return html`<td class="num">${value(c)}</td><td class="num ci">${interval(c)}</td>`;
}

function csv(r: RoundReliability): string {
  const n = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  const c = (x: Coefficient | null): (number | null)[] => [n(x?.value), n(x?.lower), n(x?.upper)];
  const rows = r.variables.map((v) => [v.variable, v.record, v.level, v.units, v.codings, ...c(v.percentAgreement), v.kappaWeights, ...c(v.cohenKappa), ...c(v.fleissKappa), ...c(v.krippendorffAlpha), v.verdict]);
  const pairs = r.variables.flatMap((v) => v.pairwiseKappa.map((p) => [v.variable, v.record, v.level, p.units, null, null, null, null, v.kappaWeights, ...c(p.kappa), null, null, null, null, null, null, `pair ${p.coders[0]}+${p.coders[1]}`]));
  const header = ['variable', 'record', 'level', 'units', 'codings', 'percent_agreement', 'pa_lower', 'pa_upper', 'kappa_weights', 'cohen_kappa', 'kappa_lower', 'kappa_upper', 'fleiss_kappa', 'fleiss_lower', 'fleiss_upper', 'alpha', 'alpha_lower', 'alpha_upper', 'verdict'];
  return toCsv(header, [...rows, ...pairs]);
}

export function reliabilitySection(r: RoundReliability): ReportSection {
  const t = r.thresholds;
  const level = formatLevel(r.level);
  const path = reliabilityCsvPath(r);
  const two = r.coders.length === 2;
  const weights = r.variables.find((v) => v.kappaWeights !== 'none')?.kappaWeights;
  const rows = r.variables.map(
    (v) => html`<tr><th scope="row"><code>${v.variable}</code></th><td>${v.level}</td><td class="num">${formatNumber(v.units)}</td>${cell(v.percentAgreement)}${two ? cell(v.cohenKappa) : ''}${cell(v.fleissKappa)}${cell(v.krippendorffAlpha)}<td class="verdict verdict-${v.verdict}" style="${VERDICT_STYLE[v.verdict]}"><span aria-hidden="true">${VERDICT_MARK[v.verdict]}</span> ${v.verdict}</td></tr>\n`,
  );
  const pairs = r.variables.flatMap((v) => v.pairwiseKappa.map((p) => html`<tr><th scope="row"><code>${v.variable}</code></th><td>${p.coders[0]} + ${p.coders[1]}</td><td class="num">${formatNumber(p.units)}</td>${cell(p.kappa)}</tr>\n`));
  const body = html`<p>Agreement between the coders of round <code>${r.roundId}</code> (sample <code>${r.sampleId}</code>; coders ${r.coders.join(', ')}), per variable, over the units coded by two or more coders. Krippendorff's α decides the verdict: <strong>reliable</strong> when α ≥ ${formatNumber(t.reliable, 3)}, <strong>tentative</strong> when ${formatNumber(t.tentative, 3)} ≤ α &lt; ${formatNumber(t.reliable, 3)}, <strong>unreliable</strong> below, and <strong>insufficient</strong> with fewer than ${formatNumber(t.minimumUnits)} pairable units or no variation (Krippendorff 2004, §11.4). Only variables judged reliable support firm conclusions.</p>
<p>Percent agreement is the mean share of agreeing pairs of codings per unit. ${two ? "Cohen's κ compares the two coders" : "Cohen's κ is given per pair of coders below"}${weights ? `, with ${weights} weights for ordinal and count variables (unweighted for nominal ones)` : ''}. Fleiss' κ uses the units with the round's planned number of coders. α is computed at each variable's level of measurement (nominal, ordinal; ratio for counts). "Not determinable" is a category of nominal variables; on ordinal and count scales it has no place and is left out of κ and α, but counts as a code in percent agreement. Intervals are ${level} percentile bootstrap intervals from ${formatNumber(r.bootstrap.replicates)} resamples of units (seed ${r.bootstrap.seed}). <code>victim.severity</code>, when present, is the harmonised severity derived from each coder's scale and code with the codebook's crosswalk.</p>
<div class="table-wrap">
<table class="data reliability">
<caption><span class="caption-title">Inter-coder reliability, round ${r.roundId}</span> <span class="caption-note">Coefficient and ${level} bootstrap interval. Also in <a href="${path}">${path}</a>.</span></caption>
<thead><tr><th scope="col">Variable</th><th scope="col">Level</th><th scope="col">Units</th><th scope="col">% agreement</th><th scope="col">Interval</th>${two ? html`<th scope="col">Cohen's κ</th><th scope="col">Interval</th>` : ''}<th scope="col">Fleiss' κ</th><th scope="col">Interval</th><th scope="col">Krippendorff's α</th><th scope="col">Interval</th><th scope="col">Verdict</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</div>
${pairs.length
  ? html`<div class="table-wrap">
<table class="data reliability-pairs">
<caption><span class="caption-title">Cohen's κ per pair of coders, round ${r.roundId}</span> <span class="caption-note">Units coded by both; pairs with fewer than 2 such units are left out.</span></caption>
<thead><tr><th scope="col">Variable</th><th scope="col">Coders</th><th scope="col">Units</th><th scope="col">κ</th><th scope="col">Interval</th></tr></thead>
<tbody>
${pairs}</tbody>
</table>
</div>`
  : ''}`;
  return { id: 'reliability', title: 'Inter-coder reliability', body, files: [{ path, content: csv(r) }] };
}
