import { z } from 'zod';
import { cohenKappa } from '../reliability/cohen-kappa.ts';
import { defineMethod } from './method.ts';

const rating = z.union([z.number(), z.string(), z.null()]);

const request = z
  .strictObject({
    pairs: z
      .array(z.tuple([rating, rating]))
      .min(1)
      .describe('One [a, b] per unit: the category the first and the second rater gave (numbers or strings, one type throughout; null = not rated, and a pair with a null is dropped).'),
    weights: z
      .enum(['none', 'linear', 'quadratic'])
      .default('none')
      .describe('Agreement weights: "none" (Cohen 1960), "linear" (1 − |i − j|/(k − 1), vcd "Equal-Spacing") or "quadratic" (1 − (i − j)²/(k − 1)², vcd "Fleiss-Cohen"), by position i, j in the ordered categories.'),
    level: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the interval κ ± z·SE.'),
    categories: z
      .union([z.array(z.number()), z.array(z.string())])
      .optional()
      .describe('All categories of the scale in order, when some may go unused (weights depend on positions). Default: the categories seen in either column, numbers ascending, strings in code-unit order.'),
  })
  .superRefine((r, ctx) => {
    const types = new Set(r.pairs.flat().filter((v) => v !== null).map((v) => typeof v));
    if (types.size > 1) ctx.addIssue({ code: 'custom', path: ['pairs'], message: 'mixes numbers and strings; use one type so the categories have one order' });
  });

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * `vindex stats cohen-kappa`: Cohen's κ or weighted κ with the Fleiss–Cohen–Everitt (1969) SE and
 * vcd's interval. κ, SE and limits are null (R: NaN) when all ratings fall in one category, with a
 * warning; no complete pair is a NumericalError.
 */
export const cohenKappaMethod = defineMethod({
  name: 'cohen-kappa',
  summary: "Cohen's kappa for two raters, unweighted or weighted, with its asymptotic SE and interval",
  reference: 'Cohen (1960, 1968); Fleiss, Cohen & Everitt (1969). R vcd::Kappa(table, weights) and confint',
  request,
  run(r) {
    const k = cohenKappa(r.pairs, { weights: r.weights, level: r.level, ...(r.categories ? { categories: r.categories } : {}) });
    return {
      kappa: orNull(k.kappa),
      standardError: orNull(k.standardError),
      lower: orNull(k.lower),
      upper: orNull(k.upper),
      observedAgreement: k.observedAgreement,
      expectedAgreement: k.expectedAgreement,
      weights: k.weights,
      level: k.level,
      n: k.n,
      categories: k.categories,
      warnings: k.warnings,
    };
  },
});
