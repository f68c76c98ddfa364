import { VindexError } from '../errors.js';

/**
 * Tables as linear systems (Hundepool et al. 2012, §4.2): non-negative integer cells and
 * additivity constraints "total = sum of parts". Several tables sharing a cell id are LINKED: the
 * id is one variable, so the constraints of all tables bind together (Hundepool §4.4.4).
 */

export interface Cell {
  /** Unique across every linked table; letters, digits, `_`, `.`, `:`, `-` and `|`. */
  readonly id: string;
  readonly value: number;
  /** Individual contributions (e.g. victims per series) for the dominance and p% rules. */
  readonly contributions?: readonly number[];
  /** An upper bound the attacker is assumed to know (e.g. a population size); default none. */
  readonly upperBound?: number;
  /** The table(s) the cell came from, for messages. */
  readonly tables?: readonly string[];
}

export interface AdditivityConstraint {
  readonly table: string;
  readonly total: string;
  readonly parts: readonly string[];
}

export interface TableSystem {
  readonly cells: ReadonlyMap<string, Cell>;
  readonly constraints: readonly AdditivityConstraint[];
}

const ID = /^[A-Za-z0-9_.:|-]+$/;

function checkCount(table: string, id: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}, cell ${id}: count ${value} is not a non-negative whole number`);
  }
}

/**
 * Builds (and checks) a system from cells and constraints: ids valid and unique, counts
 * non-negative integers, every constraint naming known cells and adding up exactly.
 */
export function makeSystem(cells: readonly Cell[], constraints: readonly AdditivityConstraint[]): TableSystem {
  const map = new Map<string, Cell>();
  for (const cell of cells) {
    const table = cell.tables?.[0] ?? '(cells)';
    if (!ID.test(cell.id)) throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}: cell id ${JSON.stringify(cell.id)} has characters other than letters, digits, _ . : | -`);
    checkCount(table, cell.id, cell.value);
    if (cell.contributions) {
      for (const c of cell.contributions) {
        if (!(c >= 0) || !Number.isFinite(c)) throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}, cell ${cell.id}: contribution ${c} is not a non-negative number`);
      }
    }
    if (cell.contributions && Math.abs(cell.contributions.reduce((a, b) => a + b, 0) - cell.value) > 1e-9 * Math.max(1, cell.value)) {
      throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}, cell ${cell.id}: contributions add up to ${cell.contributions.reduce((a, b) => a + b, 0)}, not the cell value ${cell.value}`);
    }
    if (cell.upperBound !== undefined && !(cell.upperBound >= cell.value)) {
      throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}, cell ${cell.id}: upper bound ${cell.upperBound} is below its value ${cell.value}`);
    }
    const seen = map.get(cell.id);
    if (seen) {
      if (seen.value !== cell.value) {
        throw new VindexError('VDX_DISCLOSURE_TABLE', `cell ${cell.id} is ${seen.value} in table ${seen.tables?.join(', ') ?? '?'} but ${cell.value} in table ${table}: linked tables must agree`);
      }
      map.set(cell.id, { ...seen, tables: [...(seen.tables ?? []), ...(cell.tables ?? [])] });
    } else {
      map.set(cell.id, cell);
    }
  }
  for (const c of constraints) {
    const missing = [c.total, ...c.parts].find((id) => !map.has(id));
    if (missing !== undefined) throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${c.table}: constraint ${c.total} = sum(${c.parts.join(', ')}) names unknown cell ${missing}`);
    if (c.parts.includes(c.total) || new Set(c.parts).size !== c.parts.length) {
      throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${c.table}: constraint for ${c.total} repeats a cell among its parts`);
    }
    const sum = c.parts.reduce((s, id) => s + map.get(id)!.value, 0);
    const total = map.get(c.total)!.value;
    if (sum !== total) {
      throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${c.table}: total ${c.total} = ${total} but its parts (${c.parts.join(', ')}) add up to ${sum}`);
    }
  }
  return Object.freeze({ cells: map, constraints: Object.freeze([...constraints]) });
}

/** Links several systems: cells with the same id become one variable; all constraints are kept. */
export function linkSystems(...systems: readonly TableSystem[]): TableSystem {
  const constraints = systems.flatMap((s) => s.constraints);
  // Deduplicate identical constraints (the same margin published in two tables).
  const seen = new Set<string>();
  const unique = constraints.filter((c) => {
    const key = `${c.total}=${[...c.parts].sort().join('+')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return makeSystem(
    systems.flatMap((s) => [...s.cells.values()]),
    unique,
  );
}

export interface GridLabels {
  /** Table name; prefixes cell ids unless `ids` is given. */
  readonly table: string;
  readonly rows: readonly string[];
  readonly cols: readonly string[];
  /** Label of the margin row/column; default 'Total'. */
  readonly totalLabel?: string;
  /**
   * Cell id for a (row, col) label pair (either may be the total label). Default
   * `${table}:${row}|${col}`. Give your own to link tables: the same id in two tables is one cell.
   */
  readonly ids?: (row: string, col: string) => string;
}

/**
 * A 2-dimensional count table with margins and grand total (a 1-dimensional table is one row):
 * rows × cols interior cells, a total per row and per column, the grand total, and the
 * constraints row total = Σ row, column total = Σ column, grand total = Σ row totals =
 * Σ column totals. With one row, only the row constraint is added (the row total is the grand total).
 */
export function tableFromGrid(counts: readonly (readonly number[])[], labels: GridLabels): TableSystem {
  const { table, rows, cols } = labels;
  const T = labels.totalLabel ?? 'Total';
  const id = labels.ids ?? ((r: string, c: string) => `${table}:${r}|${c}`);
  if (counts.length !== rows.length || counts.some((row) => row.length !== cols.length)) {
    throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}: counts are not ${rows.length} × ${cols.length} as the labels say`);
  }
  if (rows.includes(T) || cols.includes(T)) throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}: a row or column is labelled ${T}, the total label`);
  const cells: Cell[] = [];
  const constraints: AdditivityConstraint[] = [];
  const tables = [table];
  rows.forEach((r, i) => cols.forEach((c, j) => cells.push({ id: id(r, c), value: counts[i]![j]!, tables })));
  rows.forEach((r, i) => {
    counts[i]!.forEach((v, j) => checkCount(table, id(r, cols[j]!), v));
    cells.push({ id: id(r, T), value: counts[i]!.reduce((a, b) => a + b, 0), tables });
    constraints.push({ table, total: id(r, T), parts: cols.map((c) => id(r, c)) });
  });
  if (rows.length > 1) {
    cols.forEach((c, j) => {
      cells.push({ id: id(T, c), value: counts.reduce((s, row) => s + row[j]!, 0), tables });
      constraints.push({ table, total: id(T, c), parts: rows.map((r) => id(r, c)) });
    });
    const grand = counts.flat().reduce((a, b) => a + b, 0);
    cells.push({ id: id(T, T), value: grand, tables });
    constraints.push({ table, total: id(T, T), parts: rows.map((r) => id(r, T)) });
    constraints.push({ table, total: id(T, T), parts: cols.map((c) => id(T, c)) });
  }
  return makeSystem(cells, constraints);
}

/** A node of a hierarchy: a leaf with a count, or a total of children. */
export type HierarchyNode =
  | { readonly id: string; readonly value: number; readonly children?: undefined }
  | { readonly id: string; readonly children: readonly HierarchyNode[] };

/**
 * A hierarchical classification (e.g. countries within regions within the world): leaves carry
 * counts, each inner node is a cell equal to the sum of its children (one constraint per inner
 * node). Node ids are cell ids as given, so a hierarchy links with a grid that uses the same ids.
 */
export function tableFromHierarchy(table: string, root: HierarchyNode): TableSystem {
  const cells: Cell[] = [];
  const constraints: AdditivityConstraint[] = [];
  const tables = [table];
  const walk = (node: HierarchyNode): number => {
    if (node.children === undefined) {
      checkCount(table, node.id, node.value);
      cells.push({ id: node.id, value: node.value, tables });
      return node.value;
    }
    if (node.children.length === 0) throw new VindexError('VDX_DISCLOSURE_TABLE', `table ${table}: node ${node.id} has no children`);
    const value = node.children.reduce((s, child) => s + walk(child), 0);
    cells.push({ id: node.id, value, tables });
    constraints.push({ table, total: node.id, parts: node.children.map((c) => c.id) });
    return value;
  };
  walk(root);
  return makeSystem(cells, constraints);
}
