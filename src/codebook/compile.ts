import { normaliseCountry } from './countries.ts';
import type { Category, CategorySet, Variable } from './types.ts';

/** A value after validation: category codes, ISO dates and country codes as strings; counts as numbers. */
export type CodedValue = string | number | null;

export type FieldCheck = (raw: unknown) => { ok: true; value: CodedValue } | { ok: false; message: string };

/** Why a field failed; shared constants, so that checking a million rows allocates nothing per field. */
export class FieldFailure {
  constructor(readonly message: string) {}
}

/** The allocation-free form of a check: the coded value, or a FieldFailure. */
export type FastFieldCheck = (raw: unknown) => CodedValue | FieldFailure;

const REQUIRED = new FieldFailure('is required');
const NOT_A_CODE = new FieldFailure('is not a code of this variable');
const NOT_STRING_OR_NUMBER = new FieldFailure('must be a string or number');
const BAD_IDENTIFIER = new FieldFailure('is not a valid identifier');
const BAD_FORM = new FieldFailure('does not have the required form');
const BAD_DATE = new FieldFailure('is not a valid date');
const BEFORE_1970 = new FieldFailure('is before 1970');
const BAD_COUNTRY = new FieldFailure('is not an ISO 3166-1 country code');
const BAD_COUNT = new FieldFailure('is not a whole number in range');

/** Latest acceptable date; injected so tests and synthetic data are reproducible. */
export interface CompileOptions {
  readonly today: string;
}

function isMissing(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

/** Lookup of every accepted spelling (code, label, alias; any case) to the stored code. */
export function categoryLookup(set: CategorySet): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  const add = (spelling: string, code: string): void => {
    map.set(spelling, code);
    map.set(spelling.toLowerCase(), code);
  };
  for (const c of set.categories as readonly Category[]) {
    add(c.code, c.code);
    add(c.label, c.code);
    for (const a of c.aliases ?? []) add(a, c.code);
  }
  return map;
}

/** The allowed values of a variable, as told to a user in an error message. */
export function allowedText(v: Variable): string {
  switch (v.type) {
    case 'category':
      return v.set.categories.map((c) => c.code).join(', ') + ' (codes or labels, any case)';
    case 'identifier':
      return 'an identifier of 1–128 characters without control characters';
    case 'code':
      return v.patternText;
    case 'date':
      return 'a date YYYY-MM-DD, not in the future';
    case 'country':
      return 'an ISO 3166-1 alpha-2 or alpha-3 country code, or ZZ (not determinable)';
    case 'count':
      return `a whole number from 0 to ${v.max}`;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Turns a variable into a check of one raw field (string from CSV, or a JSON value). */
export function compileVariable(v: Variable, options: CompileOptions): FieldCheck {
  const fast = compileFastVariable(v, options);
  return (raw) => {
    const r = fast(raw);
    return r instanceof FieldFailure ? { ok: false, message: r.message } : { ok: true, value: r };
  };
}

/** The same check as compileVariable, returning the value or a shared FieldFailure (the import's hot path). */
export function compileFastVariable(v: Variable, options: CompileOptions): FastFieldCheck {
  const required = v.required && !v.derived;
  const missing = required ? REQUIRED : null;
  switch (v.type) {
    case 'category': {
      const lookup = categoryLookup(v.set);
      return (raw) => {
        if (isMissing(raw)) return missing;
        const s = typeof raw === 'string' ? raw : String(raw);
        const code = lookup.get(s) ?? lookup.get(s.trim()) ?? lookup.get(s.trim().toLowerCase());
        return code === undefined ? NOT_A_CODE : code;
      };
    }
    case 'identifier':
      return (raw) => {
        if (isMissing(raw)) return missing;
        if (typeof raw !== 'string' && typeof raw !== 'number') return NOT_STRING_OR_NUMBER;
        const s = String(raw).trim();
        // eslint-disable-next-line no-control-regex
        if (s.length > 128 || /[\u0000-\u001f]/.test(s)) return BAD_IDENTIFIER;
        return s;
      };
    case 'code':
      return (raw) => {
        if (isMissing(raw)) return missing;
        const s = String(raw).trim();
        return v.pattern.test(s) ? s : BAD_FORM;
      };
    case 'date': {
      const future = new FieldFailure(`is in the future (after ${options.today})`);
      return (raw) => {
        if (isMissing(raw)) return missing;
        const s = String(raw).trim();
        if (!isValidDate(s)) return BAD_DATE;
        if (s > options.today) return future;
        if (s < '1970-01-01') return BEFORE_1970;
        return s;
      };
    }
    case 'country':
      return (raw) => {
        if (isMissing(raw)) return missing;
        const c = normaliseCountry(String(raw));
        return c === undefined ? BAD_COUNTRY : c;
      };
    case 'count':
      return (raw) => {
        if (isMissing(raw)) return missing;
        const n = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(String(raw)) ? Number(raw) : NaN;
        return Number.isInteger(n) && n >= 0 && n <= v.max ? n : BAD_COUNT;
      };
  }
}
