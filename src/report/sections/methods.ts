import type { Profile } from '../../profile/types.ts';
import { formatCount, formatLevel } from '../format.ts';
import { html } from '../html.ts';
import type { ReportSection } from '../section.ts';

/** Short methods notes with references; docs/report.md and docs/codebook.md say more. */
export function methodsSection(profile: Profile): ReportSection {
  const level = formatLevel(profile.manifest.level);
  const sample = profile.manifest.sample;
  const weighted = sample
    ? html`<dt>Weighted estimates from a sample</dt>
<dd>The shares in this report are <strong>weighted estimates</strong> for the sampling frame from sample ${sample.id} (${formatCount(sample.sampleSize)} of ${formatCount(sample.frameSize)} series), not proportions of the sampled units: each sampled series, and each of its victims and offenders, stands for N<sub>h</sub>/n<sub>h</sub> series of its stratum. Standard errors are Taylor-linearised with the finite-population correction, victims and offenders clustered in their series; intervals are ${level} t intervals on the domain’s degrees of freedom; design effects compare with simple random sampling (section “Sampling design”). Counts (n) are sampled units. The cross-tabulations and identified-vs-unidentified tests are on <strong>unweighted</strong> sample counts: their χ² p-values ignore the weights, strata and clusters (no Rao–Scott correction yet) and describe the sample only.</dd>
`
    : '';
  return {
    id: 'methods',
    title: 'Methods',
    body: html`<dl class="methods">
${weighted}<dt>Shares and intervals</dt>
<dd>Each share is a count divided by all units of its population, not-determinable codes included. Its ${level} interval is the Wilson score interval (Wilson 1927), which stays inside 0–100% and behaves well for small counts and shares near 0 or 1; it equals R’s <code>prop.test(x, n, correct = FALSE)$conf.int</code>. Where the data carry sample weights the interval is design-based instead, as the recorded method below says.</dd>
<dt>Tests of association</dt>
<dd>Pearson’s χ² test of independence without continuity correction (R <code>chisq.test(correct = FALSE)</code>), with (r − 1)(c − 1) degrees of freedom and the p-value from the χ² distribution; p-values below 0.001 are shown as “&lt; 0.001”. The approximation needs expected counts of about 5 or more in most cells. Cramér’s V = √(χ² / (n · (min(r, c) − 1))) gives the strength of association on a 0–1 scale (Cramér 1946).</dd>
<dt>Not-determinable codes</dt>
<dd>Every variable has an explicit “not determinable” code; coders never guess. These codes are shown in the distributions, but left out of the cross-tabulations and χ² tests, as are categories with no units, since they carry no information about association.</dd>
<dt>Harmonised severity</dt>
<dd>Severity is recorded as the highest level seen on the scale a source used (COPINE 1–10, SAP 1–5 or UK categories A/B/C) and mapped through a documented crosswalk to one harmonised scale: indicative (COPINE 1–3), C, B and A. Where the crosswalk cannot decide (COPINE 7 with penetration not determinable), the lower category is taken and the case flagged. The crosswalk is set out in the codebook, <code>docs/codebook.md</code>, section “Severity crosswalks”.</dd>
<dt>Method as recorded</dt>
<dd>${profile.manifest.method}</dd>
</dl>`,
    subsections: [
      {
        id: 'references',
        title: 'References',
        body: html`<ul class="references">
${sample ? html`<li>Lumley, T. (2010). <cite>Complex Surveys: A Guide to Analysis Using R</cite>. Wiley.</li>
` : ''}<li>Cramér, H. (1946). <cite>Mathematical Methods of Statistics</cite>. Princeton University Press.</li>
<li>ECPAT International and INTERPOL (2018). <cite>Towards a Global Indicator on Unidentified Victims in Child Sexual Exploitation Material</cite>. Summary report.</li>
<li>Pearson, K. (1900). On the criterion that a given system of deviations from the probable in the case of a correlated system of variables is such that it can be reasonably supposed to have arisen from random sampling. <cite>Philosophical Magazine</cite>, 5th series, 50, 157–175.</li>
<li>Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference. <cite>Journal of the American Statistical Association</cite>, 22(158), 209–212.</li>
</ul>`,
      },
    ],
  };
}
