import { z } from 'zod';
import { krippendorffAlpha } from '../reliability/krippendorff-alpha.ts';
import { defineMethod } from './method.ts';

const value = z.union([z.number(), z.string(), z.null()]);

const request = z
  .strictObject({
    data: z
      .array(z.array(value))
      .min(1)
      .describe('Coders × units: one row per coder, one entry per unit (the same number in every row), null = not coded. Numbers, or strings at the nominal level only. Units with fewer than two values are not pairable and are dropped.'),
    level: z
      .enum(['nominal', 'ordinal', 'interval', 'ratio'])
      .default('nominal')
      .describe('Measurement level, which sets the difference function δ²: nominal (equal or not), ordinal (distance between midranks of the value frequencies), interval ((c − k)²) or ratio (((c − k)/(c + k))², values ≥ 0).'),
    bootstrap: z
      .strictObject({
        samples: z.int().min(1).max(100_000).default(1000).describe('Bootstrap replicates.'),
        seed: z.int().min(1).max(4_294_967_295).describe('Mersenne Twister seed; the same seed gives the same interval.'),
        level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the percentile interval.'),
      })
      .optional()
      .describe('Percentile bootstrap interval from resampling the pairable units with replacement: {"samples": 1000, "seed": N (required), "level": 0.95}. Omit for α alone.'),
  })
  .superRefine((r, ctx) => {
    const units = r.data[0]?.length ?? 0;
    r.data.forEach((row, i) => {
      if (row.length !== units) ctx.addIssue({ code: 'custom', path: ['data', i], message: `has ${row.length} entries but the first coder has ${units}` });
    });
    const types = new Set(r.data.flat().filter((v) => v !== null).map((v) => typeof v));
    if (types.size > 1) ctx.addIssue({ code: 'custom', path: ['data'], message: 'mixes numbers and strings; use one type' });
    else if (types.has('string') && r.level !== 'nominal') ctx.addIssue({ code: 'custom', path: ['level'], message: `is ${r.level} but the data are strings; strings are only allowed at the nominal level` });
  });

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * `vindex stats krippendorff-alpha`: Krippendorff's α from the coincidence matrix, optionally with
 * a seeded unit-resampling percentile bootstrap interval. α is null when the pairable values do not
 * vary (D_e = 0); no pairable unit, or negative ratio data, is a NumericalError.
 */
export const krippendorffAlphaMethod = defineMethod({
  name: 'krippendorff-alpha',
  summary: "Krippendorff's alpha for any number of coders, missing values and four measurement levels",
  reference: "Krippendorff (2011) Computing Krippendorff's Alpha-Reliability (coincidence matrix; worked example C reproduced)",
  request,
  run(r) {
    const a = krippendorffAlpha(r.data, { level: r.level, ...(r.bootstrap ? { bootstrap: r.bootstrap } : {}) });
    return {
      alpha: orNull(a.alpha),
      ...(a.bootstrap ? { lower: orNull(a.lower!), upper: orNull(a.upper!), bootstrap: a.bootstrap } : {}),
      level: a.level,
      observedDisagreement: a.observedDisagreement,
      expectedDisagreement: a.expectedDisagreement,
      pairableValues: a.pairableValues,
      units: a.units,
      droppedUnits: a.droppedUnits,
      values: a.values,
      warnings: a.warnings,
    };
  },
});
