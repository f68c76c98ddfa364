import type { Profile } from '../../profile/types.ts';
import { formatCount } from '../format.ts';
import { html } from '../html.ts';
import type { ReportSection } from '../section.ts';

/** What the data are (synthetic or not), what the report holds, and its release status. */
export function aboutSection(profile: Profile): ReportSection {
  const m = profile.manifest;
  const c = m.counts;
  const unidentified = profile.tables.find((t) => t.unit === 'victims' && t.population === 'unidentified')?.total;
  const sampled = m.sample ? 'Sampled ' : '';
  const figures: [string, number | undefined][] = [
    [`${sampled}${m.sample ? 'victims' : 'Victims'}`, c.victims],
    [`${sampled}${m.sample ? 'unidentified victims' : 'Unidentified victims'}`, unidentified],
    [`${sampled}${m.sample ? 'series' : 'Series'}`, c.series],
    [`${sampled}${m.sample ? 'offenders' : 'Offenders'}`, c.offenders],
    ['Sources', c.sources],
  ];
  const tiles = figures
    .filter((f): f is [string, number] => f[1] !== undefined)
    .map(([label, n]) => html`<div class="figure-tile"><dt>${label}</dt><dd>${formatCount(n)}</dd></div>`);
  const synthetic = m.synthetic
    ? html`<div class="notice notice-synthetic" role="note"><p><strong>Synthetic data.</strong> Every figure in this report comes from synthetic (generated) records made for demonstration and testing. They describe no real victims or cases and must not be cited as findings.</p></div>`
    : '';
  return {
    id: 'about',
    title: 'About these data',
    body: html`${synthetic}
${m.sample ? html`<p class="lead">This report estimates the profile of the victims recorded in coded case metadata from a probability sample: ${formatCount(c.victims)} victims in ${formatCount(c.series)} sampled series (sample ${m.sample.id}, ${formatCount(c.series)} of ${formatCount(m.sample.frameSize)} series in the frame) from ${formatCount(c.sources)} ${c.sources === 1 ? 'source' : 'sources'}, with ${formatCount(c.offenders)} offenders. Every share is a weighted, design-based estimate for the frame.` : html`<p class="lead">This report profiles the victims recorded in coded case metadata: ${formatCount(c.victims)} victims in ${formatCount(c.series)} series from ${formatCount(c.sources)} ${c.sources === 1 ? 'source' : 'sources'}, with ${formatCount(c.offenders)} offenders.`} It follows the method of the ECPAT International and INTERPOL study <cite>Towards a Global Indicator on Unidentified Victims in Child Sexual Exploitation Material</cite> (2018): who the victims who remain unidentified are, and how they differ from those identified.</p>
<dl class="key-figures">${tiles}</dl>
<p>Populations: <strong>unidentified</strong> and <strong>identified</strong> follow the coded identification status (victims: their own; series and offenders: the series’); <strong>all</strong> counts every unit, including those whose status is not determinable, so it can exceed the sum of the other two.</p>
<p>The report holds codebook codes, counts, shares and charts of aggregates only: no imagery, no media links and no descriptions of material. Each table is also given as a CSV file beside this page.</p>
<div class="notice notice-status" role="note"><p><strong>Release status: not yet disclosure-checked.</strong> Counts are shown as computed, small cells included. Before this report leaves the secure environment it must pass statistical disclosure control and an output checker’s approval.</p></div>`,
  };
}
