import { COUNTRIES, COUNTRY_NOT_DETERMINABLE, findVariable } from '../codebook/index.ts';
import type { Filter } from './types.ts';

/** The entities a filter may test (sources are not units of analysis). */
export type FilterEntity = 'series' | 'victim' | 'offender';

export interface FilterProblem {
  /** Path inside the filter, e.g. `victim.ageBand[1]`. */
  readonly path: string;
  readonly message: string;
}

export function entityOf(variable: string): FilterEntity | null {
  const e = variable.slice(0, variable.indexOf('.'));
  return e === 'series' || e === 'victim' || e === 'offender' ? e : null;
}

/**
 * Checks every variable and code of a filter against the codebook: only categorical and country
 * variables of series, victims and offenders can be filtered on, each code must be one of the
 * variable's codes (canonical spelling, no aliases, so that a definition reads the same everywhere).
 */
export function filterProblems(filter: Filter): FilterProblem[] {
  const problems: FilterProblem[] = [];
  for (const [variable, codes] of Object.entries(filter)) {
    const v = findVariable(variable);
    if (!v || entityOf(variable) === null) {
      problems.push({ path: variable, message: `unknown variable "${variable}" (allowed: categorical or country variables of series, victim and offender, e.g. victim.ageBand)` });
      continue;
    }
    let allowed: ReadonlySet<string>;
    let allowedText: string;
    if (v.type === 'category') {
      allowed = new Set(v.set.categories.map((c) => c.code));
      allowedText = [...allowed].join(', ');
    } else if (v.type === 'country') {
      allowed = new Set([...COUNTRIES.keys(), COUNTRY_NOT_DETERMINABLE]);
      allowedText = `ISO 3166-1 alpha-2 codes or ${COUNTRY_NOT_DETERMINABLE}`;
    } else {
      problems.push({ path: variable, message: `${variable} is a ${v.type} variable; filters take categorical or country variables only` });
      continue;
    }
    if (codes.length === 0) problems.push({ path: variable, message: 'lists no codes (give at least one)' });
    codes.forEach((code, i) => {
      if (!allowed.has(code)) problems.push({ path: `${variable}[${i}]`, message: `"${code}" is not a code of ${variable} (allowed: ${allowedText})` });
    });
  }
  return problems;
}
