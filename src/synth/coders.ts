/**
 * Simulated coders, only to rehearse the coding workflow on synthetic stores: each coder's
 * completed sheet holds the store's value of every round variable, except that each coder ×
 * unit × variable independently, with probability `errorRate`, gets a wrong value:
 *   unordered category → another code of the set, uniformly;
 *   ordered category   → an adjacent category (a not-determinable truth → any category, uniformly);
 *   count              → ±1, never below 0;
 *   severity code      → another code of the coded scale.
 * A severity code is always valid for the scale on its row (when a simulated error changed the
 * scale, the code is redrawn on that scale). Seeded MT19937 ('simulate' stream): same store,
 * round, rate and seed → the same bytes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCALE_CODES, type SeverityScale } from '../codebook/index.ts';
import { CodingRandom } from '../coding/random.ts';
import { encodeSheet, sheetFileName, sheetUnits, writeFileAtomic, type SheetFormat, type SheetRow } from '../coding/sheet-export.ts';
import { codableVariable, loadRound, type CodableVariable, type CodingRound } from '../coding/variables.ts';
import { VindexError } from '../errors.ts';
import { isSyntheticStore } from '../store/meta.ts';
import type { Store } from '../store/store.ts';

export interface SimulateOptions {
  /** Probability of a wrong value per coder × unit × variable, 0 … 1. */
  readonly errorRate: number;
  readonly seed: number;
  readonly format: SheetFormat;
  /** Simulate on a store not marked synthetic (never for real data). */
  readonly force?: boolean;
}

export interface SimulatedSheet {
  readonly coder: string;
  readonly text: string;
  readonly rows: number;
  /** Cells given a wrong value. */
  readonly errors: number;
  /** Cells filled. */
  readonly cells: number;
}

type Truth = Map<string, Record<string, string | null>>;

/** The store's value of every round variable per unit (`series\0key` / `victim\0key`), as sheet codes. */
async function truthOf(store: Store, round: CodingRound): Promise<Truth> {
  const vars = round.variables.map((v) => codableVariable(v));
  const truth: Truth = new Map();
  const units = store.db.selectFrom('coding_assignment').select('series_id').where('round_id', '=', round.id);
  const asCode = (v: CodableVariable, raw: unknown): string | null => (raw === null || raw === undefined ? (v.level === 'ratio' ? null : v.notDeterminable) : String(raw));
  const seriesRows = await store.db.selectFrom('series').selectAll().where('id', 'in', units).execute();
  for (const s of seriesRows) {
    const row = s as unknown as Record<string, unknown>;
    truth.set(`series\u0000${s.key}`, Object.fromEntries(vars.filter((v) => v.record === 'series').map((v) => [v.name, asCode(v, row[v.column])])));
  }
  const victimRows = await store.db.selectFrom('victim').selectAll().where('series_id', 'in', units).execute();
  for (const x of victimRows) {
    const row = x as unknown as Record<string, unknown>;
    truth.set(`victim\u0000${x.key}`, Object.fromEntries(vars.filter((v) => v.record === 'victim').map((v) => [v.name, asCode(v, row[v.column])])));
  }
  return truth;
}

/** A wrong category: uniform over the other codes, or for an ordered set a neighbour of the true one. */
export function wrongCategory(v: CodableVariable, truth: string, random: CodingRandom): string {
  const codes = v.categories!;
  if (v.level === 'ordinal') {
    const ordered = codes.filter((c) => c !== v.notDeterminable);
    const i = ordered.indexOf(truth);
    if (i < 0) return ordered[random.int(ordered.length)]!;
    const neighbours = [ordered[i - 1], ordered[i + 1]].filter((c): c is string => c !== undefined);
    return neighbours[random.int(neighbours.length)]!;
  }
  const others = codes.filter((c) => c !== truth);
  return others[random.int(others.length)]!;
}

export function wrongCount(truth: number, random: CodingRandom): number {
  if (truth === 0) return 1;
  return random.int(2) === 0 ? truth - 1 : truth + 1;
}

const scaleCodes = (scale: string): readonly string[] => (scale === 'notDeterminable' ? ['notDeterminable'] : [...SCALE_CODES[scale as SeverityScale], 'notDeterminable']);

/** One coder's completed rows; counts the errors made. */
function simulateRows(units: readonly { record: 'series' | 'victim'; series: string; unit: string }[], vars: readonly CodableVariable[], truth: Truth, errorRate: number, random: CodingRandom): { rows: SheetRow[]; errors: number; cells: number } {
  let errors = 0;
  let cells = 0;
  const rows = units.map((u) => {
    const t = truth.get(`${u.record}\u0000${u.unit}`) ?? {};
    const values: Record<string, string> = {};
    // The scale first, so the code can be drawn on the scale this coder gave.
    const own = vars.filter((v) => v.record === u.record).sort((a, b) => Number(a.name === 'victim.severityCode') - Number(b.name === 'victim.severityCode'));
    for (const v of own) {
      const truthValue = t[v.name] ?? null;
      const wrong = random.uniform() < errorRate;
      if (truthValue === null) continue;
      let value = truthValue;
      if (v.name === 'victim.severityCode') {
        const scale = values['victim.severityScale'] ?? t['victim.severityScale'] ?? 'notDeterminable';
        const valid = scaleCodes(scale);
        if (wrong && valid.length > 1) value = valid.filter((c) => c !== truthValue)[random.int(valid.length - (valid.includes(truthValue) ? 1 : 0))]!;
        else if (!valid.includes(truthValue)) value = valid[random.int(valid.length)]!;
        if (value !== truthValue) errors++;
      } else if (wrong) {
        value = v.level === 'ratio' ? String(wrongCount(Number(truthValue), random)) : wrongCategory(v, truthValue, random);
        errors++;
      }
      values[v.name] = value;
      cells++;
    }
    return { record: u.record, series: u.series, unit: u.unit, values };
  });
  return { rows, errors, cells };
}

async function checkSynthetic(store: Store, force: boolean | undefined): Promise<void> {
  if (force) return;
  if (!(await isSyntheticStore(store))) throw new VindexError('VDX_USAGE', 'simulated coders only rehearse the workflow on synthetic stores (made by `vindex demo`); this store is not marked synthetic. Pass --force only if it holds no real data.');
}

/** Every coder's simulated completed sheet, in coder order. */
export async function simulateCoders(store: Store, roundId: string, options: SimulateOptions): Promise<SimulatedSheet[]> {
  if (!(options.errorRate >= 0 && options.errorRate <= 1)) throw new VindexError('VDX_USAGE', `--error-rate must be a probability from 0 to 1, not ${options.errorRate}`);
  await checkSynthetic(store, options.force);
  const round = await loadRound(store, roundId);
  let random: CodingRandom;
  try {
    random = new CodingRandom(options.seed, 'simulate');
  } catch (e) {
    throw new VindexError('VDX_USAGE', `--seed: ${(e as Error).message}`);
  }
  const vars = round.variables.map((v) => codableVariable(v));
  const truth = await truthOf(store, round);
  const out: SimulatedSheet[] = [];
  for (const coder of round.coders) {
    const units = await sheetUnits(store, round, coder);
    const { rows, errors, cells } = simulateRows(units, vars, truth, options.errorRate, random);
    out.push({ coder, text: encodeSheet(round, coder, rows, options.format), rows: rows.length, errors, cells });
  }
  return out;
}

/** Writes the simulated sheets into `outDir` as `r1-alice.csv`, …; returns the files. */
export async function writeSimulatedSheets(store: Store, roundId: string, outDir: string, options: SimulateOptions): Promise<(Omit<SimulatedSheet, 'text'> & { file: string })[]> {
  const sheets = await simulateCoders(store, roundId, options);
  mkdirSync(outDir, { recursive: true });
  return sheets.map(({ text, ...s }) => {
    const file = join(outDir, sheetFileName(roundId, s.coder, options.format));
    writeFileAtomic(file, text);
    return { ...s, file };
  });
}

/** One simulated adjudication: the store's (true) value of a disagreement. */
export interface SimulatedDecision {
  readonly unitKey: string;
  readonly variable: string;
  readonly value: string;
  readonly reason: 'source-record';
}

/**
 * A simulated adjudicator for rehearsals: for every unresolved disagreement of the round, the
 * store's value (reason `source-record`), as a decisions file for `vindex coding adjudicate
 * --file`. A severity code is decided together with its scale when the coders agreed on another scale
 * than the store's. Disagreements whose store value is missing are left out (they stay unresolved).
 */
export async function simulateDecisions(store: Store, roundId: string, options: { force?: boolean } = {}): Promise<SimulatedDecision[]> {
  await checkSynthetic(store, options.force);
  const round = await loadRound(store, roundId);
  const { listDisagreements } = await import('../coding/disagreements.ts');
  const truth = await truthOf(store, round);
  const { finalValues } = await import('../coding/final-values.ts');
  const final = await finalValues(store, roundId);
  const out: SimulatedDecision[] = [];
  const decided = new Set<string>();
  const decide = (unitKey: string, variable: string, value: string): void => {
    if (decided.has(`${unitKey}\u0000${variable}`)) return;
    decided.add(`${unitKey}\u0000${variable}`);
    out.push({ unitKey, variable, value, reason: 'source-record' });
  };
  for (const d of await listDisagreements(store, roundId, { unresolvedOnly: true })) {
    const t = truth.get(`${d.record}\u0000${d.unitKey}`);
    const value = t?.[d.variable];
    if (value === null || value === undefined) continue;
    if (d.variable === 'victim.severityCode') {
      // A code is read on the unit's scale: when the coders agreed on a wrong scale, the scale is corrected too.
      const scale = t!['victim.severityScale'];
      if (scale && final.victims.get(d.unitKey)?.['victim.severityScale'] !== scale) decide(d.unitKey, 'victim.severityScale', scale);
    }
    decide(d.unitKey, d.variable, value);
  }
  return out;
}
