import { PARENT_FIELDS } from './validate.ts';
import type { Codebook } from './types.ts';

/**
 * The columns of a record-format import file, in a fixed order: `record`, then every importable
 * (non-derived) variable of source, series, victim and offender. Parent keys are the series columns.
 */
export function importColumns(codebook: Codebook): readonly string[] {
  const cols = ['record'];
  for (const e of codebook.entities) for (const v of e.variables) if (!v.derived) cols.push(v.name);
  return cols;
}

/** The columns a record of the entity may fill (parent series keys included for victims and offenders). */
export function recordFields(codebook: Codebook, entity: string): readonly string[] {
  const e = codebook.entities.find((x) => x.name === entity);
  if (!e) throw new Error(`no entity ${entity}`);
  const own = e.variables.filter((v) => !v.derived).map((v) => v.name);
  return entity === 'victim' || entity === 'offender' ? [...PARENT_FIELDS, ...own] : own;
}
