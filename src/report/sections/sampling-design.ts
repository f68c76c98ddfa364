import type { Profile, SampleManifest } from '../../profile/types.ts';
import { formatCount, formatLevel, formatNumber } from '../format.ts';
import { html, type Html } from '../html.ts';
import { toCsv } from '../csv.ts';
import type { ReportFile, ReportSection } from '../section.ts';

export const SAMPLING_DESIGN_CSV = 'sampling/allocation.csv';

/** "stratified random sampling without replacement, proportional allocation". */
export function describeDesign(sample: SampleManifest): string {
  const d = sample.design;
  if (d.kind === 'srs') return 'simple random sampling of series without replacement';
  return `stratified random sampling of series without replacement${typeof d.allocation === 'string' ? `, ${d.allocation} allocation` : ''}`;
}

/** N_h, n_h and the weight N_h / n_h of each stratum, for R or a spreadsheet. */
function allocationCsv(sample: SampleManifest): ReportFile {
  const rows = sample.allocation.map((a) => [sample.id, a.stratum ?? '', a.populationSize, a.sampleSize, a.sampleSize > 0 ? a.populationSize / a.sampleSize : null]);
  return { path: SAMPLING_DESIGN_CSV, content: toCsv(['sample_id', 'stratum', 'population_size', 'sample_size', 'weight'], rows) };
}

function roundParagraph(profile: Profile): Html | '' {
  const r = profile.manifest.round;
  if (!r) return '';
  const incomplete = r.unresolvedUsedStoreValue > 0
    ? html` <strong>${formatCount(r.unresolvedUsedStoreValue)} unit × variable ${r.unresolvedUsedStoreValue === 1 ? 'value' : 'values'} had no final value yet</strong> (unresolved disagreement or not coded) and kept the value recorded in the store.`
    : ' Every coded value had a final value.';
  return html`<p>Coded values come from coding round <strong>${r.id}</strong> (coders: ${r.coders.join(', ')}): for ${r.variables.map((v, i) => html`${i > 0 ? ', ' : ''}<code>${v}</code>`)} the final value of each unit — the value all its coders agreed on, or the adjudicator’s decision — replaces the value in the store; the harmonised severity is derived again from the final scale, code and penetration. ${formatCount(r.adjudicated)} ${r.adjudicated === 1 ? 'value was' : 'values were'} decided by adjudication.${incomplete}</p>`;
}

/**
 * What a design-based report rests on: the frame, the design, the allocation (N_h, n_h, weight),
 * seed, PRNG and frame hash (enough to redraw the sample), and the estimator. Undefined for a
 * census profile.
 */
export function samplingDesignSection(profile: Profile): ReportSection | undefined {
  const s = profile.manifest.sample;
  if (!s) return undefined;
  const level = formatLevel(profile.manifest.level);
  const stratified = s.strataBy !== null;
  const rows: [string, Html | string][] = [
    ['Sample', s.id],
    ['Frame', `${s.frame} (N = ${formatCount(s.frameSize)} series)`],
    ['Design', describeDesign(s)],
    ['Strata', stratified ? `${s.allocation.length} strata by ${s.strataBy!.join(' × ')}` : 'none'],
    ['Sample size', `n = ${formatCount(s.sampleSize)} of N = ${formatCount(s.frameSize)} series (${formatNumber((100 * s.sampleSize) / s.frameSize, 1)}%)`],
    ['Seed and PRNG', `${s.seed}, ${s.prng}`],
    ['Frame hash (SHA-256)', html`<code class="hash">${s.frameHash}</code>`],
    [
      'Data when drawn',
      s.drawnFromSnapshot === profile.manifest.snapshotHash
        ? 'the same snapshot as analysed here'
        : html`<strong>snapshot <code class="hash">${s.drawnFromSnapshot.slice(0, 16)}</code>…, not the one analysed here</strong>: data were imported after the sample was drawn, so the frame may have changed (check with <code>vindex sample show ${s.id}</code>)`,
    ],
  ];
  const allocation = s.allocation.map(
    (a) => html`<tr><th scope="row">${a.stratum ?? 'whole frame'}</th><td class="num">${formatCount(a.populationSize)}</td><td class="num">${formatCount(a.sampleSize)}</td><td class="num">${a.sampleSize > 0 ? formatNumber(a.populationSize / a.sampleSize, 3) : '–'}</td></tr>\n`,
  );
  return {
    id: 'sampling-design',
    title: 'Sampling design',
    body: html`<p>The figures in this report are <strong>design-based estimates</strong> for the sampling frame, computed from a probability sample of series, not counts of every series in the store. The sample can be drawn again from the same frame with the design, seed and pseudo-random number generator below; the frame hash identifies the frame exactly.</p>
<div class="table-wrap">
<table class="data manifest">
<caption><span class="caption-title">The sample and its frame</span></caption>
<tbody>
${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>\n`)}</tbody>
</table>
</div>
<div class="table-wrap">
<table class="data allocation">
<caption><span class="caption-title">Allocation</span> <span class="caption-note">Series in the frame (N<sub>h</sub>) and in the sample (n<sub>h</sub>) per stratum; each sampled series carries the weight N<sub>h</sub>/n<sub>h</sub>. Also in <a href="${SAMPLING_DESIGN_CSV}">${SAMPLING_DESIGN_CSV}</a>.</span></caption>
<thead><tr><th scope="col">Stratum</th><th scope="col" class="num">N<sub>h</sub></th><th scope="col" class="num">n<sub>h</sub></th><th scope="col" class="num">Weight</th></tr></thead>
<tbody>
${allocation}</tbody>
</table>
</div>
<p><strong>Estimator.</strong> Series are the sampled units; victims and offenders are all those of the sampled series, so for them the design is a one-stage ${stratified ? 'stratified ' : ''}cluster sample with the series as clusters (primary sampling units). Each share is the weighted mean of the category indicator (Horvitz–Thompson ratio estimator) with its Taylor-linearised standard error, including the finite-population correction 1 − n<sub>h</sub>/N<sub>h</sub>; populations (unidentified, identified) are estimated as domains over the whole design. Intervals are ${level} t intervals with the domain’s degrees of freedom (sampled series − strata holding units of the population); the design effect compares the variance with that of a simple random sample of as many units. This is R’s <code>svydesign(ids = ~series, strata = ~stratum, weights = ~weight, fpc = ~N_h)</code> with <code>svymean(…, deff = TRUE)</code> (survey package; Lumley 2010). See <code>docs/design-based-estimation.md</code>.</p>
${roundParagraph(profile)}`,
    files: [allocationCsv(s)],
  };
}
