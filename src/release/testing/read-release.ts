import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';

/**
 * Independent readers of a release's files for tests: every published count, read from the CSVs,
 * the SDMX-JSON data message and the HTML report's tables, without the release code's own scan.
 */

export interface FoundCount {
  readonly file: string;
  /** Where in the file: row, observation key or table/row. */
  readonly where: string;
  readonly column: string;
  readonly value: number;
}

export function readCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]!.message}`);
  return parsed.data;
}

/**
 * Counts in a release CSV: numerator, denominator (and their difference, which a share reveals),
 * `value` of count rows (unit `count` or a unit starting with "count"), and OBS_VALUE of SDMX rows in NUMBER.
 */
export function csvCounts(dir: string, file: string): FoundCount[] {
  const out: FoundCount[] = [];
  readCsv(join(dir, file)).forEach((row, i) => {
    const where = `line ${i + 2}`;
    const num = (k: string): number | undefined => (row[k] === undefined || row[k] === '' ? undefined : Number(row[k]));
    const x = num('numerator');
    const n = num('denominator');
    if (x !== undefined) out.push({ file, where, column: 'numerator', value: x });
    if (n !== undefined) out.push({ file, where, column: 'denominator', value: n });
    if (x !== undefined && n !== undefined) out.push({ file, where, column: 'denominator − numerator', value: n - x });
    if (row.unit !== undefined && /^count/.test(row.unit) && num('value') !== undefined) out.push({ file, where, column: 'value', value: num('value')! });
    if (row.UNIT_MEASURE === 'NUMBER' && num('OBS_VALUE') !== undefined) out.push({ file, where, column: 'OBS_VALUE', value: num('OBS_VALUE')! });
  });
  return out;
}

interface SdmxJsonData {
  data: {
    structures: { attributes: { observation: { id: string; values: { id?: string; value?: unknown }[] }[] }; dimensions: { observation: { id: string; values: { id: string }[] }[] } }[];
    dataSets: { observations: Record<string, (number | null)[]> }[];
  };
}

/** Every observation of an SDMX-JSON data message: its key, OBS_VALUE and its coded attributes. */
export function sdmxJsonObservations(path: string): { key: Record<string, string>; value: number | null; attributes: Record<string, string | undefined> }[] {
  const msg = JSON.parse(readFileSync(path, 'utf8')) as SdmxJsonData;
  const structure = msg.data.structures[0]!;
  const dims = structure.dimensions.observation;
  const attrs = structure.attributes.observation;
  return Object.entries(msg.data.dataSets[0]!.observations).map(([k, arr]) => {
    const key = Object.fromEntries(k.split(':').map((ix, i) => [dims[i]!.id, dims[i]!.values[Number(ix)]!.id]));
    const attributes = Object.fromEntries(attrs.map((a, i) => {
      const ix = arr[i + 1];
      const v = ix === null || ix === undefined ? undefined : a.values[ix];
      return [a.id, v === undefined ? undefined : (v.id ?? String(v.value))];
    }));
    return { key, value: arr[0] ?? null, attributes };
  });
}

const stripTags = (s: string): string => s.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/g, ' ').trim();

/** Columns of the report's indicator tables that hold counts of units. */
const COUNT_HEADER = /^(Numerator|Denominator|Count|Events|At risk)\b|^Value \(number\)/;

/** Numbers in the count columns of every indicator table of an HTML report (suppressed and empty cells skipped). */
export function htmlTableCounts(dir: string, file: string): FoundCount[] {
  const html = readFileSync(join(dir, file), 'utf8');
  const out: FoundCount[] = [];
  const tables = html.match(/<table class="data indicator[\s\S]*?<\/table>/g) ?? [];
  tables.forEach((table, t) => {
    const rows = table.match(/<tr[\s\S]*?<\/tr>/g) ?? [];
    const header = (rows[0]?.match(/<th[^>]*>[\s\S]*?<\/th>/g) ?? []).map(stripTags);
    for (const row of rows.slice(1)) {
      const cells = (row.match(/<t[hd][^>]*>[\s\S]*?<\/t[hd]>/g) ?? []).map(stripTags);
      cells.forEach((text, c) => {
        if (!COUNT_HEADER.test(header[c] ?? '')) return;
        const digits = text.replace(/[\s,\u202f\u2009]/g, '');
        if (!/^\d+$/.test(digits)) return;
        out.push({ file, where: `table ${t + 1} row ${cells[0]}`, column: header[c]!, value: Number(digits) });
      });
    }
  });
  return out;
}

/**
 * Counts in the hover titles of the report's maps: a count map labels each country "Name: 12";
 * share maps always print one decimal ("Name: 31.6"), so only whole numbers are counts.
 */
export function htmlMapCounts(dir: string, file: string): FoundCount[] {
  const html = readFileSync(join(dir, file), 'utf8');
  return [...html.matchAll(/<title>([^<:]+): (\d+)<\/title>/g)].map((m) => ({ file, where: `map title ${m[1]}`, column: 'map', value: Number(m[2]) }));
}
