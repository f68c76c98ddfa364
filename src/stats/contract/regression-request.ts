import { z } from 'zod';

/**
 * Request fields shared by the regression methods (logistic, ordinal-logistic, cox): covariate
 * rows with their names, and the cross-field checks that name the offending field.
 */
export const covariateRows = z
  .array(z.array(z.number()))
  .describe('Covariate values, one array per observation (row), one number per entry of `names`, in that order. Code categories as 0/1 indicator columns.');

export const covariateNames = z
  .array(z.string().min(1))
  .describe('Name of each covariate column of `x` (distinct; "(Intercept)" is reserved). Results list coefficients under these names.');

/** Adds an issue for each row of x whose length differs from names, and for x/outcome length mismatch. */
export function checkCovariateShape(
  r: { x: readonly (readonly number[])[]; names: readonly string[] },
  outcome: { field: string; length: number },
  ctx: z.RefinementCtx,
): void {
  if (r.x.length !== outcome.length) {
    ctx.addIssue({ code: 'custom', path: ['x'], message: `has ${r.x.length} rows but ${outcome.field} has ${outcome.length} values` });
  }
  const bad = r.x.findIndex((row) => row.length !== r.names.length);
  if (bad >= 0) {
    ctx.addIssue({ code: 'custom', path: ['x', bad], message: `has ${r.x[bad].length} values but names has ${r.names.length}` });
  }
  const seen = new Set<string>();
  r.names.forEach((name, j) => {
    if (seen.has(name)) ctx.addIssue({ code: 'custom', path: ['names', j], message: `duplicate covariate name "${name}"` });
    seen.add(name);
  });
}
