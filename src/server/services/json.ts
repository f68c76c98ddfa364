/**
 * JSON has no NaN or Infinity: JSON.stringify writes them as null. The statistics mark undefined
 * coefficients with NaN (e.g. κ with one category), so responses replace every non-finite number
 * by null before they are checked against their schemas, which then say `number | null`.
 */
export type Jsonable<T> = T extends number
  ? number | null
  : T extends readonly (infer U)[]
    ? Jsonable<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Jsonable<T[K]> }
      : T;

export function finiteOrNull<T>(value: T): Jsonable<T> {
  if (typeof value === 'number') return (Number.isFinite(value) ? value : null) as Jsonable<T>;
  if (Array.isArray(value)) return value.map(finiteOrNull) as Jsonable<T>;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, finiteOrNull(v)])) as Jsonable<T>;
  return value as Jsonable<T>;
}
