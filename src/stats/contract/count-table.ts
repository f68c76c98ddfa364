import { z } from 'zod';

/**
 * A contingency table in a request: rows of non-negative counts, all rows the same length. A
 * ragged table is reported at the first row whose length differs (e.g. `table[2]`).
 */
export function countTableSchema(description: string) {
  return z
    .array(z.array(z.number().nonnegative()).min(1))
    .min(1)
    .superRefine((rows, ctx) => {
      const width = rows[0]?.length ?? 0;
      const bad = rows.findIndex((row) => row.length !== width);
      if (bad >= 0) ctx.addIssue({ code: 'custom', path: [bad], message: `row has ${rows[bad]!.length} counts where the first row has ${width}` });
    })
    .describe(description);
}
