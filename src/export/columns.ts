import { CODEBOOK, type EntityName } from '../codebook/index.ts';
import { columnOf } from '../store/index.ts';

/** What `vindex export` can write: one row per series, victim or offender. */
export type ExportDataset = 'series' | 'victims' | 'offenders';

export const EXPORT_DATASETS: readonly ExportDataset[] = ['series', 'victims', 'offenders'];

/** One exported column: its canonical codebook name (the header) and where it is read from. */
export interface ExportColumn {
  /** Header in the file: the codebook variable name, or `<entity>.key` for a keyed id. */
  readonly name: string;
  /** `own` is the dataset's table, `series` the parent series joined in. */
  readonly table: 'own' | 'series';
  readonly column: string;
  /** Counts are written as JSON numbers; everything else is a code, date or key (text). */
  readonly numeric: boolean;
}

/** The series variables a victim row carries so that analysts can group by them. */
export const VICTIM_SERIES_COLUMNS = ['series.source', 'series.country', 'series.firstSeen', 'series.identified'] as const;

const ENTITY_OF: Readonly<Record<ExportDataset, Exclude<EntityName, 'source'>>> = { series: 'series', victims: 'victim', offenders: 'offender' };

function variableColumns(entity: EntityName, table: ExportColumn['table'], only?: readonly string[]): ExportColumn[] {
  const e = CODEBOOK.entities.find((x) => x.name === entity)!;
  // External identifiers are never stored; their keyed hash is the `key` column instead.
  const vars = e.variables.filter((v) => v.type !== 'identifier' && (!only || only.includes(v.name)));
  const ordered = only ? only.map((n) => vars.find((v) => v.name === n)!) : vars;
  return ordered.map((v) => ({ name: v.name, table, column: columnOf(v.name), numeric: v.type === 'count' }));
}

/**
 * The columns of a dataset, in file order: its own key, the parent series key, every stored codebook
 * variable of the entity (derived ones included), and for victims the series variables to group by.
 */
export function exportColumns(dataset: ExportDataset): readonly ExportColumn[] {
  const entity = ENTITY_OF[dataset];
  const key: ExportColumn = { name: `${entity}.key`, table: 'own', column: 'key', numeric: false };
  if (entity === 'series') return [key, ...variableColumns('series', 'own')];
  const parent: ExportColumn = { name: 'series.key', table: 'own', column: 'series_key', numeric: false };
  const own = variableColumns(entity, 'own');
  return entity === 'victim' ? [key, parent, ...own, ...variableColumns('series', 'series', VICTIM_SERIES_COLUMNS)] : [key, parent, ...own];
}

/** The table a dataset is read from. */
export function tableOf(dataset: ExportDataset): 'series' | 'victim' | 'offender' {
  return ENTITY_OF[dataset];
}
