import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import Papa from 'papaparse';
import { DIMENSIONS } from '../indicators/index.ts';
import type { PublishableSet } from '../publish/index.ts';
import { toCsv } from '../report/csv.ts';

/**
 * The flat CSV of a released set (one row per observation: dims, figures, counts, flags) and the
 * file-level checks every release runs on what it wrote: content hashes, and the scan that no
 * count column of any CSV in the release holds a count the protection method forbids.
 */

export const INDICATORS_CSV = 'indicators.csv';

export const INDICATORS_CSV_HEADER = ['indicator', 'unit', 'by', ...DIMENSIONS, 'value', 'lower', 'upper', 'numerator', 'denominator', 'status', 'conf_status'] as const;

/** Shares are 0…1 here (the SDMX files carry percentages); empty = suppressed or not estimable. */
export function indicatorsCsv(set: PublishableSet): string {
  const rows = set.results.flatMap((r) =>
    r.observations.map((o) => {
      const hidden = o.confStatus === 'C' || o.confStatus === 'D';
      const fig = (x: number | null | undefined): number | null => (hidden || x === null || x === undefined || !Number.isFinite(x) ? null : x);
      const value = o.status === 'estimated' || o.status === 'not-reached' ? fig(o.value) : null;
      return [r.definition.id, r.definition.unit, r.by.join('+'), ...DIMENSIONS.map((d) => o.dims[d] ?? null), value, fig(o.lower), fig(o.upper), fig(o.numerator), fig(o.denominator), o.status, o.confStatus ?? 'F'];
    }),
  );
  return toCsv([...INDICATORS_CSV_HEADER], rows);
}

export interface ReleaseFile {
  /** Path inside the release folder, with `/`. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const data = await readFile(path);
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}

/** Every file under `dir` (recursively), as release-relative paths with `/`, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

export async function describeFiles(dir: string, paths: readonly string[]): Promise<ReleaseFile[]> {
  return Promise.all(paths.map(async (path) => ({ path, ...(await hashFile(join(dir, path))) })));
}

/** What a published count must satisfy under the release's method. */
export type CountRule = { readonly kind: 'threshold'; readonly threshold: number } | { readonly kind: 'multiple'; readonly base: number } | { readonly kind: 'none' };

export interface CountViolation {
  readonly file: string;
  /** 1-based line of the CSV (header = 1). */
  readonly line: number;
  readonly column: string;
  readonly value: string;
}

/** Columns that hold counts of units in the release's CSVs. */
const COUNT_COLUMNS = new Set(['numerator', 'denominator', 'count']);

function breaks(rule: CountRule, raw: string): boolean {
  if (rule.kind === 'none') return false;
  const x = Number(raw);
  if (!Number.isFinite(x) || !Number.isInteger(x) || x < 0) return true;
  if (rule.kind === 'threshold') return x > 0 && x < rule.threshold;
  return x % rule.base !== 0;
}

/**
 * Scans every CSV of the release: count columns (numerator, denominator, count; value of count
 * indicators) of indicator and report tables, and OBS_VALUE of SDMX rows whose UNIT_MEASURE is NUMBER (count indicators). A
 * value breaking the rule is returned with file, line and column. Fails closed on unreadable CSV.
 */
export async function scanCounts(dir: string, rule: CountRule): Promise<CountViolation[]> {
  const violations: CountViolation[] = [];
  for (const path of (await listFiles(dir)).filter((p) => p.endsWith('.csv'))) {
    const text = await readFile(join(dir, path), 'utf8');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    if (parsed.errors.length > 0) {
      violations.push({ file: path, line: (parsed.errors[0]!.row ?? 0) + 2, column: '', value: `unreadable CSV: ${parsed.errors[0]!.message}` });
      continue;
    }
    parsed.data.forEach((row, i) => {
      for (const [column, raw] of Object.entries(row)) {
        if (raw === '' || raw === undefined) continue;
        const isCount = COUNT_COLUMNS.has(column) || (column === 'OBS_VALUE' && row.UNIT_MEASURE === 'NUMBER') || (column === 'value' && row.unit === 'count');
        if (isCount && breaks(rule, raw)) violations.push({ file: path, line: i + 2, column, value: raw });
      }
    });
  }
  return violations;
}

export async function isEmptyOrMissing(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => undefined);
  if (s === undefined) return true;
  if (!s.isDirectory()) return false;
  return (await readdir(dir)).length === 0;
}
