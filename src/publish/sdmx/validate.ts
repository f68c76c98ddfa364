/**
 * Validators that read written SDMX files back and check them against the DSD of the structure
 * file released with them: SDMX-CSV 2.0 and SDMX-JSON 2.0 data messages are parsed into rows,
 * and every row is checked (every dimension present and coded in its codelist, TIME_PERIOD
 * matching FREQ, OBS_VALUE numeric — or empty only for a confidential or missing observation —,
 * mandatory attributes present, coded attributes in their codelists, bounds numeric and around
 * the value, percentages within 0–100, keys unique). A confidential observation that still
 * carries a value or a bound is an error: suppression must hold in every file.
 */

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { VindexError } from '../../errors.ts';
import { components, codesOf, FREQ_ANNUAL, FREQ_CUMULATIVE, type Dsd } from './dsd.ts';
import { CSV_LEADING } from './csv.ts';
import { keyOf, type SdmxRow } from './rows.ts';
import { parseStructureJson } from './structure-json.ts';
import { readSdmxMlSummary } from './structure-xml.ts';
import { dataflowUrn } from './urn.ts';

export interface SdmxIssue {
  readonly file: string;
  /** `header`, `row 7` (1-based line of the CSV), `observation 0:3:…` or a JSON path. */
  readonly where: string;
  readonly component?: string;
  readonly value?: string;
  readonly problem: string;
}

export type SdmxFileKind = 'sdmx-csv' | 'sdmx-json' | 'structure-json' | 'structure-xml';

export interface SdmxValidation {
  readonly ok: boolean;
  readonly files: readonly { readonly file: string; readonly kind: SdmxFileKind; readonly observations: number }[];
  readonly issues: readonly SdmxIssue[];
}

const NUMBER = /^-?(?:\d+)(?:\.\d+)?$/;
const CONFIDENTIAL = new Set(['C', 'D']);
const MISSING = new Set(['M', 'O']);

export interface SdmxCheckOptions {
  /**
   * The minimum frequency of disclosure control: a published count (UNIT_MEASURE NUMBER) strictly
   * between 0 and this is an issue — the last check that no small count reached a file. Off when absent.
   */
  readonly minCount?: number;
}

/** Checks rows (from either data format) against the DSD. `where(i)` names row i for messages. */
export function checkRows(rows: readonly SdmxRow[], dsd: Dsd, file: string, where: (i: number) => string, opts: SdmxCheckOptions = {}): SdmxIssue[] {
  const issues: SdmxIssue[] = [];
  const codes = new Map(components(dsd).map((c) => [c.id, codesOf(dsd, c)]));
  const seen = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const at = where(i);
    const bad = (component: string, problem: string): void => {
      issues.push({ file, where: at, component, value: row[component] ?? '', problem });
    };
    for (const d of dsd.dimensions) {
      const v = row[d.id] ?? '';
      if (v === '') bad(d.id, 'dimension value missing');
      else if (codes.get(d.id) !== undefined && !codes.get(d.id)!.has(v)) bad(d.id, `not a code of ${d.codelist}`);
    }
    const freq = row.FREQ ?? '';
    const time = row.TIME_PERIOD ?? '';
    if (freq === FREQ_ANNUAL && !/^\d{4}$/.test(time)) bad('TIME_PERIOD', 'FREQ A needs a year YYYY');
    if (freq === FREQ_CUMULATIVE && !/^\d{4}-\d{2}-\d{2}$/.test(time)) bad('TIME_PERIOD', 'FREQ _Z needs the data date YYYY-MM-DD');
    for (const a of dsd.attributes) {
      const v = row[a.id] ?? '';
      if (v === '') {
        if (a.mandatory === true) bad(a.id, 'mandatory attribute missing');
      } else if (codes.get(a.id) !== undefined) {
        if (!codes.get(a.id)!.has(v)) bad(a.id, `not a code of ${a.codelist}`);
      } else if (a.textType === 'Double' && !NUMBER.test(v)) bad(a.id, 'not a number');
    }
    const value = row[dsd.measure.id] ?? '';
    const conf = row.CONF_STATUS ?? '';
    const confidential = CONFIDENTIAL.has(conf);
    if (confidential) {
      if (value !== '') bad(dsd.measure.id, `a value is published for a confidential observation (CONF_STATUS ${conf})`);
      for (const b of ['LOWER_BOUND', 'UPPER_BOUND']) if ((row[b] ?? '') !== '') bad(b, `a bound is published for a confidential observation (CONF_STATUS ${conf})`);
    } else if (value === '') {
      if (!MISSING.has(row.OBS_STATUS ?? '')) bad(dsd.measure.id, 'empty value needs CONF_STATUS C/D or OBS_STATUS M/O');
    } else if (!NUMBER.test(value)) {
      bad(dsd.measure.id, 'not a number');
    } else {
      const x = Number(value);
      const lo = row.LOWER_BOUND ?? '';
      const hi = row.UPPER_BOUND ?? '';
      const tol = 1e-6 * Math.max(1, Math.abs(x));
      if (NUMBER.test(lo) && Number(lo) > x + tol) bad('LOWER_BOUND', `above the value ${value}`);
      if (NUMBER.test(hi) && Number(hi) < x - tol) bad('UPPER_BOUND', `below the value ${value}`);
      if (row.UNIT_MEASURE === 'PT' && (x < 0 || x > 100)) bad(dsd.measure.id, 'a percentage outside 0–100');
      if (row.UNIT_MEASURE === 'NUMBER' && (!Number.isInteger(x) || x < 0)) bad(dsd.measure.id, 'a count that is not a non-negative integer');
      if (row.UNIT_MEASURE === 'NUMBER' && opts.minCount !== undefined && x > 0 && x < opts.minCount) bad(dsd.measure.id, `a published count below the minimum frequency ${opts.minCount}`);
    }
    const key = keyOf(dsd, row);
    const first = seen.get(key);
    if (first !== undefined) issues.push({ file, where: at, problem: `duplicate key ${key} (first at ${where(first)})` });
    else seen.set(key, i);
  }
  return issues;
}

/** Parses an SDMX-CSV 2.0 file into rows; header and STRUCTURE/STRUCTURE_ID/ACTION problems become issues. */
export function rowsFromCsv(text: string, dsd: Dsd, file: string, opts: SdmxCheckOptions = {}): { rows: SdmxRow[]; issues: SdmxIssue[] } {
  const issues: SdmxIssue[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    return { rows: [], issues: [{ file, where: 'file', problem: `not readable as CSV: ${(e as Error).message}` }] };
  }
  const header = records[0] ?? [];
  const expected = components(dsd).map((c) => c.id);
  CSV_LEADING.forEach((h, i) => {
    if (header[i] !== h) issues.push({ file, where: 'header', value: header[i] ?? '', problem: `column ${i + 1} must be ${h}` });
  });
  const rest = header.slice(CSV_LEADING.length);
  for (const id of expected) if (!rest.includes(id)) issues.push({ file, where: 'header', component: id, problem: 'column missing' });
  for (const h of rest) if (!expected.includes(h)) issues.push({ file, where: 'header', value: h, problem: 'column is not a component of the DSD' });
  if (new Set(rest).size !== rest.length) issues.push({ file, where: 'header', problem: 'a column appears twice' });
  if (issues.length > 0) return { rows: [], issues };
  const ref = `${dsd.agency}:${dsd.dataflow}(${dsd.version})`;
  const rows: SdmxRow[] = [];
  for (const [i, rec] of records.slice(1).entries()) {
    const line = i + 2;
    if (rec[0] !== 'dataflow') issues.push({ file, where: `row ${line}`, component: 'STRUCTURE', value: rec[0] ?? '', problem: 'must be dataflow' });
    if (rec[1] !== ref) issues.push({ file, where: `row ${line}`, component: 'STRUCTURE_ID', value: rec[1] ?? '', problem: `must be ${ref}` });
    if (!['I', 'A', 'R'].includes(rec[2] ?? '')) issues.push({ file, where: `row ${line}`, component: 'ACTION', value: rec[2] ?? '', problem: 'must be I, A or R' });
    rows.push(Object.fromEntries(rest.map((h, j) => [h, rec[CSV_LEADING.length + j] ?? ''])));
  }
  return { rows, issues: [...issues, ...checkRows(rows, dsd, file, (i) => `row ${i + 2}`, opts)] };
}

interface JsonComponent {
  id?: string;
  keyPosition?: number;
  values?: { id?: string; value?: number | string }[];
}

/** Parses an SDMX-JSON 2.0 data message (flat observations) into rows and checks them. */
export function rowsFromJsonData(json: unknown, dsd: Dsd, file: string, opts: SdmxCheckOptions = {}): { rows: SdmxRow[]; issues: SdmxIssue[]; keys: string[] } {
  const issues: SdmxIssue[] = [];
  const fail = (where: string, problem: string): { rows: SdmxRow[]; issues: SdmxIssue[]; keys: string[] } => ({ rows: [], issues: [...issues, { file, where, problem }], keys: [] });
  const msg = json as { meta?: unknown; data?: { structures?: Record<string, unknown>[]; dataSets?: Record<string, unknown>[] } } | null;
  if (msg?.meta === undefined) issues.push({ file, where: 'meta', problem: 'missing' });
  const structure = msg?.data?.structures?.[0];
  const dataSet = msg?.data?.dataSets?.[0];
  if (structure === undefined) return fail('data.structures[0]', 'missing');
  if (dataSet === undefined) return fail('data.dataSets[0]', 'missing');
  const links = (structure.links as { urn?: string; rel?: string }[] | undefined) ?? [];
  if (!links.some((l) => l.rel === 'dataflow' && l.urn === dataflowUrn(dsd))) issues.push({ file, where: 'data.structures[0].links', problem: `needs a dataflow link to ${dataflowUrn(dsd)}` });
  const dims = structure.dimensions as Record<string, JsonComponent[] | undefined> | undefined;
  const attrs = structure.attributes as Record<string, JsonComponent[] | undefined> | undefined;
  if ((dims?.series?.length ?? 0) > 0 || (attrs?.series?.length ?? 0) > 0) return fail('data.structures[0]', 'series-level components are not supported; use a flat list of observations');
  const valueOf = (c: JsonComponent, idx: number): string | undefined => {
    const v = c.values?.[idx];
    return v === undefined ? undefined : v.id ?? (v.value === undefined ? undefined : String(v.value));
  };
  // dataSet-level components carry one value that applies to every observation.
  const fixed: Record<string, string> = {};
  for (const c of [...(dims?.dataSet ?? []), ...(attrs?.dataSet ?? [])]) {
    const v = c.id === undefined ? undefined : valueOf(c, 0);
    if (c.id === undefined || v === undefined) return fail('data.structures[0]', `dataSet-level component ${c.id ?? '?'} has no value`);
    fixed[c.id] = v;
  }
  const obsDims = [...(dims?.observation ?? [])];
  const obsAttrs = attrs?.observation ?? [];
  const declared = [...Object.keys(fixed), ...obsDims.map((d) => d.id ?? ''), ...obsAttrs.map((a) => a.id ?? '')];
  for (const c of components(dsd)) {
    if (c.kind !== 'measure' && !declared.includes(c.id) && !(c.kind === 'attribute' && c.mandatory !== true)) issues.push({ file, where: 'data.structures[0]', component: c.id, problem: 'component not declared' });
  }
  for (const id of declared) if (!components(dsd).some((c) => c.id === id)) issues.push({ file, where: 'data.structures[0]', value: id, problem: 'not a component of the DSD' });
  for (const d of obsDims) {
    const pos = dsd.dimensions.findIndex((x) => x.id === d.id);
    if (d.keyPosition !== pos) issues.push({ file, where: `dimension ${d.id ?? '?'}`, value: String(d.keyPosition), problem: `keyPosition must be ${pos}` });
  }
  if (issues.length > 0) return { rows: [], issues, keys: [] };
  const observations = dataSet.observations as Record<string, unknown> | undefined;
  if (observations === undefined || observations === null || typeof observations !== 'object') return fail('data.dataSets[0].observations', 'missing');
  const rows: SdmxRow[] = [];
  const keys: string[] = [];
  for (const [key, arr] of Object.entries(observations)) {
    const where = `observation ${key}`;
    const parts = key.split(':');
    if (parts.length !== obsDims.length || !Array.isArray(arr)) {
      issues.push({ file, where, problem: `key must have ${obsDims.length} indices and an array value` });
      continue;
    }
    const row: Record<string, string> = { ...Object.fromEntries(components(dsd).map((c) => [c.id, ''])), ...fixed };
    let ok = true;
    obsDims.forEach((d, j) => {
      const v = /^\d+$/.test(parts[j]!) ? valueOf(d, Number(parts[j])) : undefined;
      if (v === undefined) {
        issues.push({ file, where, component: d.id ?? '?', value: parts[j]!, problem: 'index out of range' });
        ok = false;
      } else row[d.id!] = v;
    });
    const value = arr[0] as unknown;
    if (value !== null && typeof value !== 'number') {
      issues.push({ file, where, component: dsd.measure.id, value: String(value), problem: 'must be a number or null' });
      ok = false;
    }
    row[dsd.measure.id] = typeof value === 'number' ? String(value) : '';
    obsAttrs.forEach((a, j) => {
      const idx = arr[j + 1] as unknown;
      if (idx === null || idx === undefined) return;
      const v = typeof idx === 'number' && Number.isInteger(idx) ? valueOf(a, idx) : undefined;
      if (v === undefined) {
        issues.push({ file, where, component: a.id ?? '?', value: String(idx), problem: 'attribute value index out of range' });
        ok = false;
      } else row[a.id!] = v;
    });
    if (ok) {
      rows.push(row);
      keys.push(key);
    }
  }
  return { rows, keys, issues: [...issues, ...checkRows(rows, dsd, file, (i) => `observation ${keys[i]}`, opts)] };
}

/** Checks that an SDMX-ML structure declares the same codelists, codes and component order as the DSD. */
export function checkStructureXml(xml: string, dsd: Dsd, file: string): SdmxIssue[] {
  const issues: SdmxIssue[] = [];
  if (!xml.startsWith('<?xml') || !xml.includes('<mes:Structure ') || !xml.trimEnd().endsWith('</mes:Structure>')) {
    return [{ file, where: 'file', problem: 'not an SDMX-ML 2.1 Structure message' }];
  }
  const summary = readSdmxMlSummary(xml);
  const dims = dsd.dimensions.map((d) => d.id);
  if (summary.dimensions.join() !== dims.join()) issues.push({ file, where: 'DimensionList', value: summary.dimensions.join(), problem: `must be ${dims.join()}` });
  const attrs = dsd.attributes.map((a) => a.id);
  if (summary.attributes.join() !== attrs.join()) issues.push({ file, where: 'AttributeList', value: summary.attributes.join(), problem: `must be ${attrs.join()}` });
  for (const cl of dsd.codelists.values()) {
    const got = summary.codelists.get(cl.id);
    if (got === undefined) issues.push({ file, where: `Codelist ${cl.id}`, problem: 'missing' });
    else if (got.join('\u0000') !== cl.codes.map((c) => c.id).join('\u0000')) issues.push({ file, where: `Codelist ${cl.id}`, problem: 'codes differ from the JSON structure' });
  }
  for (const id of summary.codelists.keys()) if (!dsd.codelists.has(id)) issues.push({ file, where: `Codelist ${id}`, problem: 'not in the JSON structure' });
  return issues;
}

function kindOf(file: string, text: string): { kind: SdmxFileKind; json?: unknown } | { error: string } {
  if (file.endsWith('.csv')) return { kind: 'sdmx-csv' };
  if (file.endsWith('.xml')) return { kind: 'structure-xml' };
  try {
    const json = JSON.parse(text) as { data?: Record<string, unknown> };
    if (json.data?.dataStructures !== undefined) return { kind: 'structure-json', json };
    if (json.data?.dataSets !== undefined) return { kind: 'sdmx-json', json };
    return { error: 'JSON that is neither an SDMX-JSON structure nor a data message' };
  } catch (e) {
    return { error: `not readable as JSON: ${(e as Error).message}` };
  }
}

/**
 * Validates released SDMX files: exactly one SDMX-JSON structure message among them gives the
 * DSD; the SDMX-ML structure (if any) must agree with it; every data file (SDMX-CSV, SDMX-JSON)
 * must match it. Issues name the file (base name), row or observation, component and value.
 * With `minCount`, a published count below the minimum frequency is an issue too.
 */
export async function validateSdmx(files: readonly string[], opts: SdmxCheckOptions = {}): Promise<SdmxValidation> {
  const issues: SdmxIssue[] = [];
  const loaded: { file: string; name: string; text: string; kind: SdmxFileKind; json?: unknown }[] = [];
  for (const file of files) {
    const name = basename(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new VindexError('VDX_FILE_NOT_FOUND', `SDMX file ${file} does not exist or cannot be read`);
    }
    const k = kindOf(file, text);
    if ('error' in k) issues.push({ file: name, where: 'file', problem: k.error });
    else loaded.push({ file, name, text, ...k });
  }
  const structures = loaded.filter((l) => l.kind === 'structure-json');
  if (structures.length !== 1) {
    return { ok: false, files: [], issues: [...issues, { file: '(all)', where: 'files', problem: `need exactly one SDMX-JSON structure message, got ${structures.length}` }] };
  }
  let dsd: Dsd;
  try {
    dsd = parseStructureJson(structures[0]!.json);
  } catch (e) {
    return { ok: false, files: [], issues: [...issues, { file: structures[0]!.name, where: 'structure', problem: (e as Error).message }] };
  }
  const report: { file: string; kind: SdmxFileKind; observations: number }[] = [];
  for (const l of loaded) {
    let observations = 0;
    if (l.kind === 'structure-xml') issues.push(...checkStructureXml(l.text, dsd, l.name));
    if (l.kind === 'sdmx-csv') {
      const r = rowsFromCsv(l.text, dsd, l.name, opts);
      observations = r.rows.length;
      issues.push(...r.issues);
    }
    if (l.kind === 'sdmx-json') {
      const r = rowsFromJsonData(l.json, dsd, l.name, opts);
      observations = r.rows.length;
      issues.push(...r.issues);
    }
    report.push({ file: l.file, kind: l.kind, observations });
  }
  return { ok: issues.length === 0, files: report, issues };
}

export function formatIssue(i: SdmxIssue): string {
  const parts = [`${i.file}: ${i.where}`];
  if (i.component !== undefined) parts.push(`component ${i.component}`);
  if (i.value !== undefined) parts.push(`value "${i.value}"`);
  return `${parts.join(', ')}: ${i.problem}`;
}

/** validateSdmx that throws VDX_SDMX_INVALID listing the first 20 issues and a count. */
export async function assertSdmxValid(files: readonly string[], opts: SdmxCheckOptions = {}): Promise<SdmxValidation> {
  const v = await validateSdmx(files, opts);
  if (!v.ok) {
    const shown = v.issues.slice(0, 20).map(formatIssue);
    const more = v.issues.length > 20 ? [`… and ${v.issues.length - 20} more`] : [];
    throw new VindexError('VDX_SDMX_INVALID', `SDMX files do not match their structure (${v.issues.length} issue(s)):\n${[...shown, ...more].join('\n')}`, v.issues);
  }
  return v;
}
