import { describe, expect, it } from 'vitest';
import type { Coefficient, RoundReliability, VariableReliability } from '../coding/reliability.ts';
import { reliabilitySection } from './reliability-section.ts';

const c = (value: number, lower: number, upper: number): Coefficient => ({ value, lower, upper });
const variable = (over: Partial<VariableReliability>): VariableReliability => ({
  variable: 'victim.gender', record: 'victim', level: 'nominal', units: 40, codings: 80,
  percentAgreement: c(0.9, 0.8, 0.975), cohenKappa: c(0.81, 0.66, 0.93), kappaWeights: 'none', pairwiseKappa: [],
  fleissKappa: c(0.805, 0.65, 0.92), krippendorffAlpha: c(0.8125, 0.66, 0.93), verdict: 'reliable', ...over,
});
const round = (coders: string[], variables: VariableReliability[]): RoundReliability => ({
  roundId: 'r1', sampleId: 's1', coders, level: 0.95, bootstrap: { replicates: 1000, seed: 1 },
  thresholds: { reliable: 0.8, tentative: 0.667, minimumUnits: 10 }, variables,
});

describe('reliabilitySection', () => {
  const two = round(['alice', 'bob'], [
    variable({}),
    variable({ variable: 'victim.ageBand', level: 'ordinal', kappaWeights: 'linear', krippendorffAlpha: c(0.7, 0.55, 0.82), verdict: 'tentative' }),
    variable({ variable: 'series.victimCount', record: 'series', level: 'ratio', units: 4, codings: 8, kappaWeights: 'linear', cohenKappa: c(NaN, NaN, NaN), fleissKappa: null, krippendorffAlpha: c(1, 1, 1), verdict: 'insufficient' }),
    variable({ variable: 'series.selfGenerated<x>', record: 'series', krippendorffAlpha: c(0.31, 0.1, 0.5), verdict: 'unreliable' }),
  ]);
  const s = reliabilitySection(two);
  const body = s.body.toString();

  it('one row per variable with coefficients, intervals and a written verdict with its colour', () => {
    expect(s.id).toBe('reliability');
    expect(s.title).toBe('Inter-coder reliability');
    expect(body.match(/<tr><th scope="row">/g)).toHaveLength(4);
    expect(body).toContain('<th scope="row"><code>victim.gender</code></th><td>nominal</td><td class="num">40</td><td class="num">0.900</td><td class="num ci">0.800 to 0.975</td><td class="num">0.810</td><td class="num ci">0.660 to 0.930</td><td class="num">0.805</td><td class="num ci">0.650 to 0.920</td><td class="num">0.813</td><td class="num ci">0.660 to 0.930</td><td class="verdict verdict-reliable" style="background:#d1e7dd;color:#0f5132"><span aria-hidden="true">✓</span> reliable</td>');
    expect(body).toContain('<span aria-hidden="true">~</span> tentative</td>');
    expect(body).toContain('<span aria-hidden="true">✗</span> unreliable</td>');
    // Undefined κ and an absent Fleiss κ print as a dash, not NaN.
    expect(body).toMatch(/series\.victimCount<\/code><\/th><td>ratio<\/td><td class="num">4<\/td><td class="num">0\.900<\/td><td class="num ci">0\.800 to 0\.975<\/td><td class="num">–<\/td><td class="num ci">–<\/td><td class="num">–<\/td><td class="num ci">–<\/td>/);
    expect(body).not.toContain('NaN');
    expect(body).toContain('series.selfGenerated&lt;x&gt;');
  });

  it('states thresholds, level, bootstrap and weights', () => {
    expect(body).toContain('<strong>reliable</strong> when α ≥ 0.800, <strong>tentative</strong> when 0.667 ≤ α &lt; 0.800');
    expect(body).toContain('fewer than 10 pairable units');
    expect(body).toContain('95% percentile bootstrap intervals from 1,000 resamples of units (seed 1)');
    expect(body).toContain('with linear weights for ordinal and count variables');
    expect(body).not.toContain('reliability-pairs');
  });

  it('writes the table as CSV', () => {
    expect(s.files).toHaveLength(1);
    const [file] = s.files!;
    expect(file!.path).toBe('tables/reliability-r1.csv');
    const lines = file!.content.trim().split(/\r?\n/);
    expect(lines[0]).toBe('variable,record,level,units,codings,percent_agreement,pa_lower,pa_upper,kappa_weights,cohen_kappa,kappa_lower,kappa_upper,fleiss_kappa,fleiss_lower,fleiss_upper,alpha,alpha_lower,alpha_upper,verdict');
    expect(lines[1]).toBe('victim.gender,victim,nominal,40,80,0.9,0.8,0.975,none,0.81,0.66,0.93,0.805,0.65,0.92,0.8125,0.66,0.93,reliable');
    expect(lines[3]).toBe('series.victimCount,series,ratio,4,8,0.9,0.8,0.975,linear,,,,,,,1,1,1,insufficient');
    expect(lines).toHaveLength(5);
  });

  it('with more than two coders: no Cohen column, a table of pairwise κ instead', () => {
    const three = reliabilitySection(round(['a', 'b', 'c'], [variable({ cohenKappa: null, pairwiseKappa: [{ coders: ['a', 'b'], units: 12, kappa: c(0.5, 0.2, 0.8) }, { coders: ['a', 'c'], units: 11, kappa: c(0.6, 0.3, 0.9) }] })]));
    const b = three.body.toString();
    expect(b).not.toMatch(/<th scope="col">Cohen(&#39;|')s κ<\/th>/);
    expect(b).toMatch(/Cohen(&#39;|')s κ is given per pair of coders below/);
    expect(b).toContain('<td>a + b</td><td class="num">12</td><td class="num">0.500</td><td class="num ci">0.200 to 0.800</td>');
    expect(three.files![0]!.content).toContain('pair a+c');
  });
});
