import { z } from 'zod';
import { sampleSize } from '../sample-size/proportion-sample-size.ts';
import { defineMethod } from './method.ts';

const request = z.strictObject({
  marginOfError: z.number().gt(0).lt(1).describe('Margin of error wanted: the half-width of the interval on the proportion scale (0.05 = ±5 percentage points).'),
  proportion: z.number().gt(0).lt(1).default(0.5).describe('Expected proportion; 0.5 gives the largest, safest sample.'),
  level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level.'),
  designEffect: z.number().positive().default(1).describe('Design effect of the planned design (variance relative to simple random sampling); 1 for SRS.'),
  populationSize: z.number().min(1).optional().describe('Population size N for the finite-population correction n = n₀ / (1 + (n₀ − 1)/N). Omit for an infinite population.'),
});

/**
 * `vindex stats sample-size`: units to sample to estimate a proportion within a margin of error,
 * Cochran's n₀ = z²p(1 − p)·deff/e² with the finite-population correction, rounded up.
 */
export const sampleSizeMethod = defineMethod({
  name: 'sample-size',
  summary: 'Sample size to estimate a proportion to a margin of error (Cochran, with fpc and design effect)',
  reference: 'Cochran (1977) Sampling Techniques, 3rd ed., §4.4; Krejcie & Morgan (1970)',
  request,
  run(r) {
    return sampleSize({
      marginOfError: r.marginOfError,
      proportion: r.proportion,
      level: r.level,
      designEffect: r.designEffect,
      ...(r.populationSize !== undefined ? { populationSize: r.populationSize } : {}),
    });
  },
});
