import { describe, expect, it } from 'vitest';
import { drawSample } from './draw-sample.ts';
import type { SamplingDesign } from './design.ts';

// A seeded simulation check that the weighted (Horvitz–Thompson; here equal to Hájek, since the
// weights of a sample sum to N) estimator of a share is unbiased under each design: the mean of
// the estimates over R seeded samples must lie within 4 Monte Carlo standard errors
// (sd of the estimates / √R) of the frame's true share. Seeds 1 … R, so the result is fixed.

const R = 2000;
const N_A = 500;
const N_B = 300;
const N_C = 200;

/** 1,000 units; the attribute is 1 for 10% of A, 50% of B, 90% of C: true share 380/1000. */
const ids: string[] = [];
const strata: string[] = [];
const hasAttribute = new Map<string, boolean>();
for (let i = 0; i < N_A + N_B + N_C; i++) {
  const id = `u${String(i).padStart(4, '0')}`;
  const stratum = i < N_A ? 'A' : i < N_A + N_B ? 'B' : 'C';
  const k = stratum === 'A' ? i : stratum === 'B' ? i - N_A : i - N_A - N_B;
  const share = stratum === 'A' ? 0.1 : stratum === 'B' ? 0.5 : 0.9;
  ids.push(id);
  strata.push(stratum);
  hasAttribute.set(id, k % 10 < share * 10);
}
const TRUE_SHARE = [...hasAttribute.values()].filter(Boolean).length / ids.length;

function simulate(design: SamplingDesign, weighted: boolean): { mean: number; mcse: number } {
  const estimates: number[] = [];
  for (let seed = 1; seed <= R; seed++) {
    const s = drawSample({ ids, strata }, design, seed);
    let num = 0;
    let den = 0;
    for (const u of s.units) {
      const w = weighted ? u.weight : 1;
      den += w;
      if (hasAttribute.get(u.id) === true) num += w;
    }
    estimates.push(num / den);
  }
  const mean = estimates.reduce((a, b) => a + b, 0) / R;
  const variance = estimates.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1);
  return { mean, mcse: Math.sqrt(variance / R) };
}

function report(label: string, r: { mean: number; mcse: number }): string {
  return `${label}: mean ${r.mean}, true ${TRUE_SHARE}, difference ${r.mean - TRUE_SHARE}, tolerance 4 × MCSE = ${4 * r.mcse}`;
}

// A generous timeout: the checks are about values, never about speed.
describe('weighted share is unbiased over 2,000 seeded samples', { timeout: 600_000 }, () => {
  it('the frame is as designed', () => {
    expect(TRUE_SHARE).toBe(0.38);
  });

  it('simple random sampling, n = 100', () => {
    const r = simulate({ kind: 'srs', n: 100 }, true);
    expect(Math.abs(r.mean - TRUE_SHARE), report('SRS', r)).toBeLessThan(4 * r.mcse);
  });

  const neyman: SamplingDesign = {
    kind: 'stratified',
    n: 100,
    allocation: 'neyman',
    standardDeviations: { A: Math.sqrt(0.09), B: Math.sqrt(0.25), C: Math.sqrt(0.09) },
  };

  // N_h·S_h = 150/150/60 of 360 → 41.67/41.67/16.67 → floors 41/41/16, two leftover units to the tied A and B.
  it('stratified Neyman, n = 100 (42/42/16)', () => {
    expect(drawSample({ ids, strata }, neyman, 1).allocation.map((a) => a.sampleSize)).toEqual([42, 42, 16]);
    const r = simulate(neyman, true);
    expect(Math.abs(r.mean - TRUE_SHARE), report('Neyman', r)).toBeLessThan(4 * r.mcse);
  });

  it('has power: the unweighted mean under Neyman (expected 0.40) is rejected', () => {
    const r = simulate(neyman, false);
    expect(Math.abs(r.mean - TRUE_SHARE), report('Neyman unweighted', r)).toBeGreaterThan(4 * r.mcse);
  });
});
