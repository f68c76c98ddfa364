import { sql, type RawBuilder } from 'kysely';
import { columnOf } from '../store/schema.ts';
import type { Store } from '../store/index.ts';
import { entityOf, type FilterEntity } from './filter.ts';
import type { Dimension, Filter, IndicatorDefinition } from './types.ts';

/** The dimensions that come from SQL; region is derived from country. */
export type QueryDimension = Exclude<Dimension, 'region'>;

export interface CellCount {
  readonly dims: Readonly<Partial<Record<QueryDimension, string>>>;
  /** Units passing the denominator and the numerator filter. */
  readonly numerator: number;
  /** Units passing the denominator filter (all units for counts). */
  readonly denominator: number;
}

export interface TimeRow {
  readonly dims: Readonly<Partial<Record<QueryDimension, string>>>;
  readonly start: string;
  readonly event: boolean;
  readonly eventDate: string | null;
}

const ALIAS: Record<FilterEntity, string> = { series: 's', victim: 'v', offender: 'o' };

const TRUE = sql<boolean>`1 = 1`;

function inList(alias: string, variable: string, codes: readonly string[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${alias}.${columnOf(variable)}`)} in (${sql.join(codes.map((c) => sql.val(c)))})`;
}

function and(parts: readonly RawBuilder<boolean>[]): RawBuilder<boolean> {
  return parts.length === 0 ? TRUE : sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/**
 * A filter as a SQL condition on a unit of `entity` (victim rows aliased v, their series s; series
 * rows aliased s). Conditions on the unit's own entity and on series test the row; conditions on
 * another entity become EXISTS over that entity's rows of the same series, with all of them on one
 * row ("the series has a victim/offender that…").
 */
export function filterCondition(entity: 'victim' | 'series', filter: Filter): RawBuilder<boolean> {
  const direct: RawBuilder<boolean>[] = [];
  const linked = new Map<FilterEntity, RawBuilder<boolean>[]>();
  for (const [variable, codes] of Object.entries(filter)) {
    const e = entityOf(variable)!;
    if (e === entity || e === 'series') direct.push(inList(ALIAS[e], variable, codes));
    else linked.set(e, [...(linked.get(e) ?? []), inList(`x_${e}`, variable, codes)]);
  }
  for (const [e, conds] of linked) {
    direct.push(sql<boolean>`exists (select 1 from ${sql.table(e)} as ${sql.raw(`x_${e}`)} where ${sql.ref(`x_${e}.series_id`)} = ${sql.ref('s.id')} and ${and(conds)})`);
  }
  return and(direct);
}

function dimExpression(def: IndicatorDefinition, dim: QueryDimension): RawBuilder<string> {
  switch (dim) {
    case 'country':
      return sql<string>`coalesce(${sql.ref(`s.${columnOf(def.countryVariable ?? 'series.country')}`)}, 'ZZ')`;
    case 'year':
      return sql<string>`substr(${sql.ref('s.first_seen')}, 1, 4)`;
    case 'source':
      return sql<string>`${sql.ref('s.source')}`;
    case 'ageBand':
      return sql<string>`${sql.ref('v.age_band')}`;
    case 'gender':
      return sql<string>`${sql.ref('v.gender')}`;
  }
}

function fromClause(def: IndicatorDefinition): RawBuilder<unknown> {
  return def.entity === 'victim' ? sql`victim as v inner join series as s on s.id = v.series_id` : sql`series as s`;
}

/** The dimension columns `d_<dim>` of a select (census and design paths). */
export function dimColumns(def: IndicatorDefinition, dims: readonly QueryDimension[]): RawBuilder<unknown>[] {
  return dims.map((d) => sql`${dimExpression(def, d)} as ${sql.ref(`d_${d}`)}`);
}

export function readDims(row: Record<string, unknown>, dims: readonly QueryDimension[]): Partial<Record<QueryDimension, string>> {
  return Object.fromEntries(dims.map((d) => [d, String(row[`d_${d}`])]));
}

/**
 * Numerator and denominator counts per cell of `dims`, in one GROUP BY scan. The numerator counts
 * units passing both filters, so a share is always a share of its denominator.
 */
export async function cellCounts(store: Store, def: IndicatorDefinition, dims: readonly QueryDimension[]): Promise<CellCount[]> {
  const den = def.denominator === null ? TRUE : filterCondition(def.entity, def.denominator);
  const num = and([den, filterCondition(def.entity, def.numerator)]);
  const select = [...dimColumns(def, dims), sql`sum(case when ${num} then 1 else 0 end) as n_num`, sql`sum(case when ${den} then 1 else 0 end) as n_den`];
  const groupBy = dims.length === 0 ? sql`` : sql` group by ${sql.join(dims.map((d) => sql.ref(`d_${d}`)))}`;
  // Counts keep only units passing the numerator filter; shares need every denominator unit.
  const where = def.denominator === null ? sql` where ${num}` : sql``;
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(select)} from ${fromClause(def)}${where}${groupBy}`.execute(store.db);
  return rows
    .map((r) => ({ dims: readDims(r, dims), numerator: Number(r.n_num ?? 0), denominator: Number(r.n_den ?? 0) }))
    .filter((c) => c.denominator > 0);
}

/** The rows of a Kaplan–Meier indicator: each unit passing the numerator filter, with its dates. */
export async function timeRows(store: Store, def: IndicatorDefinition, dims: readonly QueryDimension[]): Promise<TimeRow[]> {
  const t = def.time!;
  const a = ALIAS[def.entity];
  const select = [
    ...dimColumns(def, dims),
    sql`${sql.ref(`${a}.${columnOf(t.start)}`)} as t_start`,
    sql`${sql.ref(`${a}.${columnOf(t.event)}`)} as t_event`,
    sql`${sql.ref(`${a}.${columnOf(t.eventDate)}`)} as t_date`,
  ];
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(select)} from ${fromClause(def)} where ${filterCondition(def.entity, def.numerator)}`.execute(store.db);
  return rows.map((r) => ({ dims: readDims(r, dims), start: String(r.t_start), event: r.t_event === 'yes', eventDate: r.t_date === null || r.t_date === undefined ? null : String(r.t_date) }));
}

/** The latest date in the data (first sightings and identifications of series and victims): the default censoring date. */
export async function latestDate(store: Store): Promise<string | null> {
  const { rows } = await sql<{ d: string | null }>`select max(d) as d from (select max(first_seen) as d from series union all select max(identified_on) from series union all select max(identified_on) from victim) as dates`.execute(store.db);
  return rows[0]?.d ?? null;
}
