import { NumericalError } from '../contract/method.ts';

/** A rating: a numeric code or a string label. */
export type Category = number | string;

/** A rating as supplied: null, undefined and NaN mean "not rated". */
export type Rating = Category | null | undefined;

export function isMissing(value: Rating): value is null | undefined {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/**
 * The ordered category set of reliability data: the distinct ratings, numbers ascending by value,
 * strings in UTF-16 code-unit order (JavaScript's default sort, R's `sort` in the C locale).
 * Mixing numbers and strings, or ±Infinity, throws NumericalError: `1` and `"1"` would be two
 * categories and no order between them is meaningful.
 */
export function sortedCategories(values: Iterable<Category>): Category[] {
  const distinct = new Set<Category>();
  let numbers = 0;
  let strings = 0;
  for (const v of values) {
    if (distinct.has(v)) continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new NumericalError(`ratings must be finite numbers or strings; got ${v}`);
      numbers++;
    } else strings++;
    distinct.add(v);
  }
  if (numbers > 0 && strings > 0) {
    throw new NumericalError('ratings mix numbers and strings; use one type so that the categories have one order');
  }
  const out = [...distinct];
  return numbers > 0 ? (out as number[]).sort((a, b) => a - b) : (out as string[]).sort();
}

/** Index of each category in `categories`, for counting into tables. */
export function categoryIndex(categories: readonly Category[]): Map<Category, number> {
  const index = new Map<Category, number>();
  categories.forEach((c, i) => index.set(c, i));
  return index;
}
