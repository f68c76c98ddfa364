import type { Profile } from '../../profile/types.ts';
import { formatCount, formatLevel } from '../format.ts';
import { html, type Html } from '../html.ts';
import { MANIFEST_CSV } from '../profile-csv.ts';
import { manifestCsv } from '../profile-csv.ts';
import type { ReportSection } from '../section.ts';

/** The data manifest: what was analysed, with what, how — enough to reproduce every figure. */
export function manifestSection(profile: Profile): ReportSection {
  const m = profile.manifest;
  const rows: [string, Html | string][] = [
    ['Data snapshot (SHA-256)', html`<code class="hash">${m.snapshotHash}</code>`],
    ['Data', m.synthetic ? 'synthetic (generated for demonstration)' : 'as imported'],
    ['Codebook version', m.codebookVersion],
    ['Software', `Vindex ${m.softwareVersion}`],
    ['Generated', html`<time datetime="${m.generatedAt}">${m.generatedAt}</time>`],
    ['Sources', formatCount(m.counts.sources)],
    ['Series', formatCount(m.counts.series)],
    ['Victims', formatCount(m.counts.victims)],
    ['Offenders', formatCount(m.counts.offenders)],
    ['Confidence level', formatLevel(m.level)],
    ['Method', m.method],
  ];
  if (m.sample) {
    // The counts above are then sampled units; the sample and round identify what was estimated from.
    rows.splice(5, 4, ['Sampled series', `${formatCount(m.counts.series)} (sample ${m.sample.id}, of ${formatCount(m.sample.frameSize)} in the frame)`], ['Sampled victims', formatCount(m.counts.victims)], ['Sampled offenders', formatCount(m.counts.offenders)], ['Sources of the sampled series', formatCount(m.counts.sources)]);
    rows.push(['Sample', html`${m.sample.id}: frame hash <code class="hash">${m.sample.frameHash}</code>, seed ${m.sample.seed} (${m.sample.prng})`]);
  }
  if (m.round) rows.push(['Coding round', `${m.round.id}: final values for ${m.round.variables.join(', ')}; ${m.round.adjudicated} adjudicated; ${m.round.unresolvedUsedStoreValue} without a final value (store value used)`]);
  return {
    id: 'manifest',
    title: 'Data manifest',
    body: html`<p>The same snapshot, codebook and software version give the same figures: the snapshot hash identifies the analysed data exactly.</p>
<div class="table-wrap">
<table class="data manifest">
<caption><span class="caption-title">Manifest</span> <span class="caption-note">Also in <a href="${MANIFEST_CSV}">${MANIFEST_CSV}</a>.</span></caption>
<tbody>
${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>\n`)}</tbody>
</table>
</div>`,
    files: [manifestCsv(profile)],
  };
}
