import { z } from 'zod';
import { fleissKappa } from '../reliability/fleiss-kappa.ts';
import { defineMethod } from './method.ts';

const rating = z.union([z.number(), z.string(), z.null()]);

const request = z
  .strictObject({
    ratings: z
      .array(z.array(rating).min(2))
      .min(1)
      .describe('Units × raters: one row per unit, the category each rater gave (numbers or strings, one type throughout; at least 2 raters, the same number in every row). A unit with a null is dropped, as irr does.'),
  })
  .superRefine((r, ctx) => {
    const raters = r.ratings[0]?.length ?? 0;
    r.ratings.forEach((row, i) => {
      if (row.length !== raters) ctx.addIssue({ code: 'custom', path: ['ratings', i], message: `has ${row.length} ratings but the first unit has ${raters}` });
    });
    const types = new Set(r.ratings.flat().filter((v) => v !== null).map((v) => typeof v));
    if (types.size > 1) ctx.addIssue({ code: 'custom', path: ['ratings'], message: 'mixes numbers and strings; use one type' });
  });

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * `vindex stats fleiss-kappa`: Fleiss' κ for m raters with the SE under κ = 0, z and the two-sided
 * p, as irr::kappam.fleiss. All four are null (R: NaN) when every rating is the same category.
 */
export const fleissKappaMethod = defineMethod({
  name: 'fleiss-kappa',
  summary: "Fleiss' kappa for a fixed number of raters per unit, with z test of kappa = 0",
  reference: 'Fleiss (1971). R irr::kappam.fleiss(ratings) (exact = FALSE), irr 0.84.1',
  request,
  run(r) {
    const k = fleissKappa(r.ratings);
    return {
      kappa: orNull(k.kappa),
      standardError: orNull(k.standardError),
      z: orNull(k.z),
      pValue: orNull(k.pValue),
      subjects: k.subjects,
      raters: k.raters,
      categories: k.categories,
      warnings: k.warnings,
    };
  },
});
