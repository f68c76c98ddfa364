import { CODEBOOK_V1 } from './v1.ts';
import type { Category, Codebook, Variable } from './types.ts';

export function findVariable(name: string, codebook: Codebook = CODEBOOK_V1): Variable | undefined {
  for (const e of codebook.entities) for (const v of e.variables) if (v.name === name) return v;
  return undefined;
}

/** The categories of a categorical variable, in codebook order; throws for other types. */
export function categoriesOf(name: string, codebook: Codebook = CODEBOOK_V1): readonly Category[] {
  const v = findVariable(name, codebook);
  if (!v || v.type !== 'category') throw new Error(`${name} is not a categorical variable of the codebook`);
  return v.set.categories;
}
