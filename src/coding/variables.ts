/**
 * The variables a coder can code in a round, and the store reader of a round. Shared by the
 * rounds/sheets modules and the reliability/adjudication modules.
 */
import { CODEBOOK, findVariable, SCALE_CODES } from '../codebook/index.ts';
import type { SeverityScale, Variable } from '../codebook/index.ts';
import { compileFastVariable, type FastFieldCheck } from '../codebook/compile.ts';
import { VindexError } from '../errors.ts';
import { columnOf } from '../store/schema.ts';
import type { Selectable } from 'kysely';
import type { CodingRoundTable } from '../store/schema.ts';
import type { Store } from '../store/store.ts';

export type CodedRecord = 'series' | 'victim';
/** Krippendorff's levels of measurement, as used by the reliability coefficients. */
export type ReliabilityLevel = 'nominal' | 'ordinal' | 'ratio';

export interface CodableVariable {
  readonly name: string;
  readonly record: CodedRecord;
  /** Store column of the variable in its record's table (columnOf(name)). */
  readonly column: string;
  /** ordered category → ordinal, unordered → nominal, count → ratio, severityCode → nominal. */
  readonly level: ReliabilityLevel;
  readonly notDeterminable: string | null;
  /** Codes in codebook order; null for counts and free codes (severityCode). */
  readonly categories: readonly string[] | null;
}

export const DEFAULT_CODING_VARIABLES: readonly string[] = [
  'series.victimCount',
  'series.selfGenerated',
  'series.paraphilicThemes',
  'victim.gender',
  'victim.ageBand',
  'victim.severityScale',
  'victim.severityCode',
  'victim.penetration',
];

/** Facts about where the series came from and what happened later are bookkeeping, not coded from the material. */
const BOOKKEEPING = new Set([
  'series.source',
  'series.country',
  'series.firstSeen',
  'series.identified',
  'series.identifiedOn',
  'series.provenance',
  'series.offenderIdentified',
  'series.abuseCountryConfirmed',
  'series.abuseCountrySuspected',
  'victim.identified',
  'victim.identifiedOn',
]);

function toCodable(v: Variable, record: CodedRecord): CodableVariable | null {
  if (v.derived || BOOKKEEPING.has(v.name)) return null;
  const base = { name: v.name, record, column: columnOf(v.name) };
  if (v.type === 'category') {
    return { ...base, level: v.set.ordered ? 'ordinal' : 'nominal', notDeterminable: v.set.notDeterminable, categories: v.set.categories.map((c) => c.code) };
  }
  if (v.type === 'count') return { ...base, level: 'ratio', notDeterminable: null, categories: null };
  if (v.name === 'victim.severityCode') return { ...base, level: 'nominal', notDeterminable: 'notDeterminable', categories: null };
  return null;
}

/** Every codable variable of the codebook, series first, in codebook order. */
export const CODABLE_VARIABLES: readonly CodableVariable[] = CODEBOOK.entities.flatMap((e) =>
  e.name === 'series' || e.name === 'victim' ? e.variables.map((v) => toCodable(v, e.name as CodedRecord)).filter((x): x is CodableVariable => x !== null) : [],
);

const BY_NAME = new Map(CODABLE_VARIABLES.map((v) => [v.name, v]));

export function codableVariable(name: string): CodableVariable {
  const v = BY_NAME.get(name);
  if (!v) throw new VindexError('VDX_ROUND_INVALID', `"${name}" cannot be coded in a round; codable variables are: ${CODABLE_VARIABLES.map((x) => x.name).join(', ')}`);
  return v;
}

const CHECKS = new Map<string, FastFieldCheck>();

/** Check of one variable's values exactly as record imports accept them (codes, labels, aliases), compiled once per variable. Used by sheets and adjudication. */
export function valueCheck(name: string): FastFieldCheck {
  let c = CHECKS.get(name);
  if (!c) CHECKS.set(name, (c = compileFastVariable(findVariable(name)!, { today: '9999-12-31' })));
  return c;
}

/**
 * A coded severity code read on the scale coded with it, by the crosswalk's rules
 * (src/codebook/severity.ts): notDeterminable or nd (any case) is notDeterminable, other codes are
 * upper-cased. `fault`: on a not-determinable scale the code must be notDeterminable ('needs-nd');
 * on a scale it must be one of that scale's codes ('not-on-scale'). Used by sheets and adjudication.
 */
export function severityCodeOnScale(code: string, scale: string): { code: string; fault: 'needs-nd' | 'not-on-scale' | null } {
  const nd = code === 'notDeterminable' || code.toLowerCase() === 'nd';
  const canon = nd ? 'notDeterminable' : code.toUpperCase();
  const fault = nd ? null : scale === 'notDeterminable' ? 'needs-nd' : SCALE_CODES[scale as SeverityScale].includes(canon) ? null : 'not-on-scale';
  return { code: canon, fault };
}

export interface CodingRound {
  readonly id: string;
  readonly sampleId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly coders: readonly string[];
  readonly variables: readonly string[];
  readonly overlap: number;
  readonly ratersPerOverlap: number;
  readonly seed: number;
  readonly codebookVersion: string;
  readonly closedAt: string | null;
  readonly closedBy: string | null;
}

type RoundRow = Selectable<CodingRoundTable>;

export function roundFromRow(r: RoundRow): CodingRound {
  return {
    id: r.id,
    sampleId: r.sample_id,
    createdAt: r.created_at,
    createdBy: r.created_by,
    coders: JSON.parse(r.coders) as string[],
    variables: JSON.parse(r.variables) as string[],
    overlap: r.overlap,
    ratersPerOverlap: r.raters_per_overlap,
    seed: Number(r.seed),
    codebookVersion: r.codebook_version,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
  };
}

/** The round with that id; VDX_ROUND_NOT_FOUND otherwise. */
export async function loadRound(store: Store, id: string): Promise<CodingRound> {
  const row = await store.db.selectFrom('coding_round').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new VindexError('VDX_ROUND_NOT_FOUND', `there is no coding round "${id}" in this store`);
  return roundFromRow(row);
}
