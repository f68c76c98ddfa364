import { allowedText, compileFastVariable, FieldFailure, type CodedValue, type CompileOptions, type FastFieldCheck } from './compile.ts';
import { harmonise, SCALE_CODES, type SeverityScale } from './severity.ts';
import type { Codebook, EntityName, Variable } from './types.ts';

/** One problem with one field of one record; the importer adds file and row. */
export interface FieldProblem {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
  readonly allowed: string;
}

export type CodedRecord = Record<string, CodedValue>;

export interface RecordResult {
  readonly values: CodedRecord;
  readonly problems: readonly FieldProblem[];
}

/** The parent series key fields that victim and offender records carry. */
export const PARENT_FIELDS = ['series.source', 'series.id'] as const;

interface CompiledEntity {
  readonly name: EntityName;
  readonly fields: ReadonlyArray<{ readonly variable: Variable; readonly name: string; readonly check: FastFieldCheck }>;
  /** Every field a record of this entity may carry (its own variables plus parent keys). */
  readonly accepted: ReadonlySet<string>;
}

export type RecordValidator = (raw: Readonly<Record<string, unknown>>) => RecordResult;

function variableOf(codebook: Codebook, name: string): Variable {
  for (const e of codebook.entities) for (const v of e.variables) if (v.name === name) return v;
  throw new Error(`codebook has no variable ${name}`);
}

function compileEntity(codebook: Codebook, name: EntityName, options: CompileOptions): CompiledEntity {
  const entity = codebook.entities.find((e) => e.name === name);
  if (!entity) throw new Error(`codebook has no entity ${name}`);
  const own = entity.variables.map((variable) => ({ variable, name: variable.name, check: compileFastVariable(variable, options) }));
  const parents = name === 'victim' || name === 'offender' ? PARENT_FIELDS.map((p) => variableOf(codebook, p)) : [];
  const fields = [...parents.map((variable) => ({ variable, name: variable.name, check: compileFastVariable(variable, options) })), ...own];
  return { name, fields, accepted: new Set(fields.map((f) => f.variable.name)) };
}

function problem(v: Variable, value: unknown, message: string): FieldProblem {
  return { field: v.name, value, message, allowed: allowedText(v) };
}

/** The rule that an identification date goes with, and only with, identified = yes. */
function checkIdentification(values: CodedRecord, flag: string, date: string, codebook: Codebook, problems: FieldProblem[]): void {
  const identified = values[flag];
  const on = values[date];
  if (identified === 'yes' && on === null && !problems.some((p) => p.field === date)) {
    problems.push(problem(variableOf(codebook, date), null, `is required when ${flag} is yes`));
  } else if (identified !== 'yes' && identified !== undefined && on !== null && on !== undefined) {
    problems.push(problem(variableOf(codebook, date), on, `must be empty when ${flag} is ${String(identified)}`));
  }
}

/** Severity: the code must exist on its scale; the harmonised value is derived, and must agree if given. */
function deriveSeverity(values: CodedRecord, codebook: Codebook, problems: FieldProblem[]): void {
  const scale = values['victim.severityScale'];
  const rawCode = values['victim.severityCode'];
  if (scale === null || rawCode === null || scale === undefined || rawCode === undefined) return;
  const nd = rawCode === 'notDeterminable' || rawCode === 'nd';
  const code = nd ? 'notDeterminable' : String(rawCode).toUpperCase();
  if (scale === 'notDeterminable' && !nd) {
    problems.push(problem(variableOf(codebook, 'victim.severityCode'), rawCode, 'must be notDeterminable when the scale is not determinable'));
    return;
  }
  if (scale !== 'notDeterminable' && !nd && !SCALE_CODES[scale as SeverityScale].includes(code)) {
    problems.push({ field: 'victim.severityCode', value: rawCode, message: `is not a code of the ${String(scale)} scale`, allowed: SCALE_CODES[scale as SeverityScale].join(', ') });
    return;
  }
  values['victim.severityCode'] = code;
  const penetration = (values['victim.penetration'] ?? 'notDeterminable') as 'yes' | 'no' | 'notDeterminable';
  const h = harmonise(scale as SeverityScale | 'notDeterminable', code, penetration);
  const given = values['victim.severity'];
  if (given !== null && given !== undefined && given !== h.severity) {
    problems.push(problem(variableOf(codebook, 'victim.severity'), given, `disagrees with the crosswalk (${String(scale)} ${code} → ${h.severity})`));
    return;
  }
  const ambiguous = h.ambiguous ? 'yes' : 'no';
  const givenAmbiguous = values['victim.severityAmbiguous'];
  if (givenAmbiguous !== null && givenAmbiguous !== undefined && givenAmbiguous !== ambiguous) {
    problems.push(problem(variableOf(codebook, 'victim.severityAmbiguous'), givenAmbiguous, `disagrees with the crosswalk (${String(scale)} ${code} → ambiguous ${ambiguous})`));
    return;
  }
  values['victim.severity'] = h.severity;
  values['victim.severityAmbiguous'] = ambiguous;
}

/** Compiles the validator of one entity's records: field checks, then cross-field rules and derivations. */
export function compileRecordValidator(codebook: Codebook, name: EntityName, options: CompileOptions): RecordValidator & { accepted: ReadonlySet<string> } {
  const compiled = compileEntity(codebook, name, options);
  const validator = (raw: Readonly<Record<string, unknown>>): RecordResult => {
    const values: CodedRecord = {};
    const problems: FieldProblem[] = [];
    const fields = compiled.fields;
    for (let i = 0; i < fields.length; i++) {
      const { variable, name: field, check } = fields[i]!;
      const r = check(raw[field]);
      if (r instanceof FieldFailure) problems.push(problem(variable, raw[field], r.message));
      else values[field] = r;
    }
    if (name === 'series') checkIdentification(values, 'series.identified', 'series.identifiedOn', codebook, problems);
    if (name === 'victim') {
      checkIdentification(values, 'victim.identified', 'victim.identifiedOn', codebook, problems);
      if (!problems.some((p) => p.field.startsWith('victim.severity'))) deriveSeverity(values, codebook, problems);
    }
    return { values, problems };
  };
  return Object.assign(validator, { accepted: compiled.accepted });
}
